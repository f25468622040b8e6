package io.livestack.api.state;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/**
 * An immutable snapshot of one order. {@code clientOrderId} is the order's stable handle (its first ClOrdID);
 * {@code currentClientOrderId} the ClOrdID the venue knows it by now (changes on every accepted replace);
 * {@code pendingClientOrderId} the ClOrdID of an outstanding cancel or replace request (null when none).
 * {@code pendingPrice}/{@code pendingQuantity} are the replace request's values while it is pending.
 * {@code overfilled} is set when fills exceeded the order quantity: the excess is applied (it happened) and
 * flagged. {@code venueAvailable} is false while the order's venue adapter is gone. {@code account} is the account
 * it trades for ({@link AccountId#DEFAULT} when its strategy and venue name none).
 */
public record OrderView(
        ClientOrderId clientOrderId,
        ClientOrderId currentClientOrderId,
        ClientOrderId pendingClientOrderId,
        VenueOrderId venueOrderId,
        StrategyId strategy,
        VenueId venue,
        InstrumentId instrument,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long price,
        long quantity,
        long filledQuantity,
        long averageFillPrice,
        OrderStatus status,
        long pendingPrice,
        long pendingQuantity,
        boolean overfilled,
        boolean venueAvailable,
        String lastText,
        long createdSeq,
        long updatedSeq,
        long createdTimeNanos,
        long updatedTimeNanos,
        AccountId account) {

    /** An order of the {@link AccountId#DEFAULT} account. */
    public OrderView(ClientOrderId clientOrderId, ClientOrderId currentClientOrderId,
            ClientOrderId pendingClientOrderId, VenueOrderId venueOrderId, StrategyId strategy, VenueId venue,
            InstrumentId instrument, Side side, OrderType type, TimeInForce timeInForce, long price, long quantity,
            long filledQuantity, long averageFillPrice, OrderStatus status, long pendingPrice, long pendingQuantity,
            boolean overfilled, boolean venueAvailable, String lastText, long createdSeq, long updatedSeq,
            long createdTimeNanos, long updatedTimeNanos) {
        this(clientOrderId, currentClientOrderId, pendingClientOrderId, venueOrderId, strategy, venue, instrument,
                side, type, timeInForce, price, quantity, filledQuantity, averageFillPrice, status, pendingPrice,
                pendingQuantity, overfilled, venueAvailable, lastText, createdSeq, updatedSeq, createdTimeNanos,
                updatedTimeNanos, AccountId.DEFAULT);
    }

    public OrderView {
        account = account == null ? AccountId.DEFAULT : account;
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(currentClientOrderId, "currentClientOrderId");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        Objects.requireNonNull(status, "status");
    }

    public long leavesQuantity() {
        return status.isTerminal() ? 0 : Math.max(0, quantity - filledQuantity);
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /**
     * Whether the order is of {@code scope}: every order is the desk's ({@link TradingScope#GLOBAL}); else its
     * strategy, instrument, venue or account is the scope's id. What a kill or cancel-all of a scope sweeps.
     */
    public boolean belongsTo(io.livestack.api.model.TradingScope scope) {
        return switch (scope.kind()) {
            case GLOBAL -> true;
            case STRATEGY -> strategy.value().equals(scope.id());
            case INSTRUMENT -> instrument.value().equals(scope.id());
            case VENUE -> venue.value().equals(scope.id());
            case ACCOUNT -> account.value().equals(scope.id());
        };
    }

    /**
     * The order with a cancel request outstanding under {@code cancelId}: PENDING_CANCEL, the request as the pending
     * ClOrdID, no pending replace values. The one cancel rule, whoever sends the cancel.
     */
    public OrderView withCancelRequested(ClientOrderId cancelId, long seq, long timeNanos) {
        Objects.requireNonNull(cancelId, "cancelId");
        return new OrderView(clientOrderId, currentClientOrderId, cancelId, venueOrderId, strategy, venue, instrument,
                side, type, timeInForce, price, quantity, filledQuantity, averageFillPrice, OrderStatus.PENDING_CANCEL,
                0, 0, overfilled, venueAvailable, lastText, createdSeq, seq, createdTimeNanos, timeNanos, account);
    }

    /** The order with its venue reachable ({@code available}) or not. */
    public OrderView withVenueAvailable(boolean available, long seq, long timeNanos) {
        return new OrderView(clientOrderId, currentClientOrderId, pendingClientOrderId, venueOrderId, strategy, venue,
                instrument, side, type, timeInForce, price, quantity, filledQuantity, averageFillPrice, status,
                pendingPrice, pendingQuantity, overfilled, available, lastText, createdSeq, seq, createdTimeNanos,
                timeNanos, account);
    }

    @Override
    public String toString() {
        return clientOrderId + " " + side + " " + Fixed.format(quantity) + " " + instrument + "@" + venue + " "
                + (type == OrderType.MARKET ? "MKT" : Fixed.format(price)) + " " + status + " filled "
                + Fixed.format(filledQuantity);
    }
}
