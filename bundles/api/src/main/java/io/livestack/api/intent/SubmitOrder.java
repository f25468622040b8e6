package io.livestack.api.intent;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/**
 * A new order. {@code price} is fixed-point and ignored for MARKET orders; {@code quantity} is fixed-point. Values
 * are checked by risk (a non-positive quantity is a named rejection, not an exception) so that a bad intent from a
 * strategy becomes a record, never a crash. {@code account} is the account the order trades for; a strategy leaves it
 * null: the strategy host sets the strategy's configured account, and an order still without one takes its venue's
 * (else {@link AccountId#DEFAULT}) before risk sees it.
 */
public record SubmitOrder(StrategyId strategy, ClientOrderId clientOrderId, VenueId venue, InstrumentId instrument,
        Side side, OrderType type, TimeInForce timeInForce, long price, long quantity, AccountId account)
        implements Intent {

    /** A new order without an account (the chain gives it its strategy's or venue's). */
    public SubmitOrder(StrategyId strategy, ClientOrderId clientOrderId, VenueId venue, InstrumentId instrument,
            Side side, OrderType type, TimeInForce timeInForce, long price, long quantity) {
        this(strategy, clientOrderId, venue, instrument, side, type, timeInForce, price, quantity, null);
    }

    /** The same order for {@code account}. */
    public SubmitOrder withAccount(AccountId account) {
        return new SubmitOrder(strategy, clientOrderId, venue, instrument, side, type, timeInForce, price, quantity,
                account);
    }

    public SubmitOrder {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
    }
}
