package io.livestack.execution.internal;

import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link ExecutionFixture} per test. */
abstract class WithExecution {

    ExecutionFixture f;

    @BeforeEach
    void startExecution() {
        f = new ExecutionFixture();
    }

    /** The order as it stands now. */
    OrderView current(OrderView order) {
        return f.order(order.clientOrderId());
    }
}
