package io.livestack.api.record;

import io.livestack.api.state.OrderView;
import java.util.Objects;

/**
 * An order changed: {@code event} names what happened (SUBMITTED, ACKNOWLEDGED, PARTIALLY_FILLED, FILLED,
 * CANCEL_REQUESTED, CANCELED, REPLACE_REQUESTED, REPLACED, REJECTED, EXPIRED, CANCEL_REJECTED, RESTATED,
 * OVERFILLED, VENUE_UNAVAILABLE, VENUE_AVAILABLE, RECONCILED, LATE_FILL (a fill on an order already in a
 * terminal state: applied, status kept)), {@code order} is the order after it.
 */
public record OrderRecord(long seq, long timeNanos, String event, OrderView order) implements ExecutionRecord {

    public OrderRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(order, "order");
    }
}
