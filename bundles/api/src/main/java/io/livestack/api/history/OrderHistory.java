package io.livestack.api.history;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import java.util.List;
import java.util.Objects;

/**
 * One order's history: its handle (first ClOrdID), the live state's view of it (null when the state no longer holds
 * it), and its {@code order_event} rows from the database, oldest first (each change with the order after it).
 * {@code storedUnavailable}: null when the database answered; otherwise why not, and {@code events} is empty.
 */
public record OrderHistory(ClientOrderId order, OrderView current, List<OrderRecord> events,
        String storedUnavailable) {

    public OrderHistory {
        Objects.requireNonNull(order, "order");
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /** The live state changed the order after the last event the database holds (storage is a little behind). */
    public boolean stateIsNewer() {
        return current != null && (events.isEmpty() || current.updatedSeq() > events.get(events.size() - 1).seq());
    }
}
