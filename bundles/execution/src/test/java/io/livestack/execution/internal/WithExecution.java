package io.livestack.execution.internal;

import io.livestack.api.state.OrderView;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link ExecutionFixture} per test, over its own folder. */
abstract class WithExecution {

    @TempDir
    Path dir;
    ExecutionFixture f;

    @BeforeEach
    void startExecution() {
        f = new ExecutionFixture(dir);
    }

    /** The order as it stands now. */
    OrderView current(OrderView order) {
        return f.order(order.clientOrderId());
    }
}
