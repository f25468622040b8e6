package io.livestack.api.record;

import io.livestack.api.state.OrderView;
import java.util.Objects;

/** An order changed: {@code event} names what happened, {@code order} is the order after it. */
public record OrderRecord(long seq, long timeNanos, OrderEvent event, OrderView order) implements ExecutionRecord {

    public OrderRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(order, "order");
    }
}
