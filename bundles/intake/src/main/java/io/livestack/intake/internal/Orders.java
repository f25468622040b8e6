package io.livestack.intake.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.state.OrderView;

/** Copies of order snapshots for the few changes intake makes itself while execution control is absent. */
final class Orders {

    private Orders() {
    }

    /** The order with a cancel request outstanding under {@code cancelId}. */
    static OrderView withPendingCancel(OrderView o, ClientOrderId cancelId, long seq, long now) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), cancelId, o.venueOrderId(), o.strategy(),
                o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(),
                o.filledQuantity(), o.averageFillPrice(), o.status(), o.pendingPrice(), o.pendingQuantity(),
                o.overfilled(), o.venueAvailable(), o.lastText(), o.createdSeq(), seq, o.createdTimeNanos(), now);
    }

    static OrderView withVenueAvailable(OrderView o, boolean available, long seq, long now) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), o.pendingClientOrderId(), o.venueOrderId(),
                o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(),
                o.filledQuantity(), o.averageFillPrice(), o.status(), o.pendingPrice(), o.pendingQuantity(),
                o.overfilled(), available, o.lastText(), o.createdSeq(), seq, o.createdTimeNanos(), now);
    }
}
