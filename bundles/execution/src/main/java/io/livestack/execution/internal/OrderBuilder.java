package io.livestack.execution.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.state.OrderView;
import java.math.BigInteger;

/** A mutable copy of an {@link OrderView} for one transition; {@link #build} stamps seq and time. */
final class OrderBuilder {

    private final OrderView from;
    ClientOrderId currentClientOrderId;
    ClientOrderId pendingClientOrderId;
    VenueOrderId venueOrderId;
    long price;
    long quantity;
    long filledQuantity;
    long averageFillPrice;
    OrderStatus status;
    long pendingPrice;
    long pendingQuantity;
    boolean overfilled;
    boolean venueAvailable;
    String lastText;
    /** The venue has acknowledged the order (an ack, a fill, a status answer naming it live, or a venue order id). */
    boolean acknowledged;

    OrderBuilder(OrderView o) {
        from = o;
        currentClientOrderId = o.currentClientOrderId();
        pendingClientOrderId = o.pendingClientOrderId();
        venueOrderId = o.venueOrderId();
        price = o.price();
        quantity = o.quantity();
        filledQuantity = o.filledQuantity();
        averageFillPrice = o.averageFillPrice();
        status = o.status();
        pendingPrice = o.pendingPrice();
        pendingQuantity = o.pendingQuantity();
        overfilled = o.overfilled();
        venueAvailable = o.venueAvailable();
        lastText = o.lastText();
        acknowledged = o.venueOrderId() != null || o.filledQuantity() > 0 || o.status() == OrderStatus.NEW
                || o.status() == OrderStatus.PARTIALLY_FILLED;
    }

    /** What a report tells about the order whenever it tells it: the venue's order id and its text. */
    void takeFrom(VenueOrderId reportedVenueOrderId, String reportedText) {
        if (reportedVenueOrderId != null) {
            venueOrderId = reportedVenueOrderId;
        }
        if (reportedText != null) {
            lastText = reportedText;
        }
    }

    /**
     * The status that follows from quantities alone: FILLED once filled reaches the quantity, PARTIALLY_FILLED with
     * some fill, NEW once acknowledged, else PENDING_NEW.
     */
    OrderStatus baseStatus() {
        if (quantity > 0 && filledQuantity >= quantity) {
            return OrderStatus.FILLED;
        }
        if (filledQuantity > 0) {
            return OrderStatus.PARTIALLY_FILLED;
        }
        return acknowledged ? OrderStatus.NEW : OrderStatus.PENDING_NEW;
    }

    /** Base status, unless a cancel/replace request is still pending (and the order is not completely filled). */
    OrderStatus liveStatus() {
        OrderStatus base = baseStatus();
        if (base != OrderStatus.FILLED && pendingClientOrderId != null
                && (status == OrderStatus.PENDING_CANCEL || status == OrderStatus.PENDING_REPLACE)) {
            return status;
        }
        return base;
    }

    void clearPending() {
        pendingClientOrderId = null;
        pendingPrice = 0;
        pendingQuantity = 0;
    }

    /** Adds a fill: quantity and the quantity-weighted average price (exact in 128 bits, truncated). */
    void addFill(long fillQuantity, long fillPrice) {
        if (filledQuantity <= 0) {
            averageFillPrice = fillPrice;
        } else {
            averageFillPrice = BigInteger.valueOf(averageFillPrice).multiply(BigInteger.valueOf(filledQuantity))
                    .add(BigInteger.valueOf(fillPrice).multiply(BigInteger.valueOf(fillQuantity)))
                    .divide(BigInteger.valueOf(filledQuantity + fillQuantity)).longValueExact();
        }
        filledQuantity += fillQuantity;
        acknowledged = true;
    }

    /** Takes a busted fill away: the inverse of {@link #addFill} (exact in 128 bits, truncated). */
    void removeFill(long fillQuantity, long fillPrice) {
        long remaining = filledQuantity - fillQuantity;
        if (remaining <= 0) {
            filledQuantity = 0;
            averageFillPrice = 0;
            return;
        }
        long average = BigInteger.valueOf(averageFillPrice).multiply(BigInteger.valueOf(filledQuantity))
                .subtract(BigInteger.valueOf(fillPrice).multiply(BigInteger.valueOf(fillQuantity)))
                .divide(BigInteger.valueOf(remaining)).longValueExact();
        averageFillPrice = average > 0 ? average : averageFillPrice;
        filledQuantity = remaining;
    }

    OrderView build(long seq, long now) {
        return new OrderView(from.clientOrderId(), currentClientOrderId, pendingClientOrderId, venueOrderId,
                from.strategy(), from.venue(), from.instrument(), from.side(), from.type(), from.timeInForce(), price,
                quantity, filledQuantity, averageFillPrice, status, pendingPrice, pendingQuantity, overfilled,
                venueAvailable, lastText, from.createdSeq(), seq, from.createdTimeNanos(), now, from.account());
    }

    /** Whether {@code after} differs from {@code before} in anything but the update stamps and the text. */
    static boolean changed(OrderView before, OrderView after) {
        return before.status() != after.status()
                || !before.currentClientOrderId().equals(after.currentClientOrderId())
                || !java.util.Objects.equals(before.pendingClientOrderId(), after.pendingClientOrderId())
                || !java.util.Objects.equals(before.venueOrderId(), after.venueOrderId())
                || before.price() != after.price() || before.quantity() != after.quantity()
                || before.filledQuantity() != after.filledQuantity()
                || before.averageFillPrice() != after.averageFillPrice()
                || before.pendingPrice() != after.pendingPrice() || before.pendingQuantity() != after.pendingQuantity()
                || before.overfilled() != after.overfilled() || before.venueAvailable() != after.venueAvailable();
    }
}
