package io.livestack.api.strategy;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/** What a strategy may see and do, on the processing thread. */
@ProviderType
public interface StrategyContext {

    StrategyId strategyId();

    StateView state();

    /** Time of the event being processed (epoch nanos): the only clock a strategy may read. */
    long now();

    /** This strategy's open orders. */
    Collection<OrderView> openOrders();

    /** Emit a new-order intent; returns the handle the order will be known by (even if risk refuses it). */
    ClientOrderId submit(VenueId venue, InstrumentId instrument, Side side, OrderType type, TimeInForce timeInForce,
            long price, long quantity);

    default ClientOrderId submitLimit(VenueId venue, InstrumentId instrument, Side side, long price, long quantity) {
        return submit(venue, instrument, side, OrderType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    void cancel(ClientOrderId order);

    void replace(ClientOrderId order, long newPrice, long newQuantity);

    /** Ask for a {@link io.livestack.api.event.TimerEvent} with this strategy as owner at {@code atNanos}. */
    void scheduleTimer(long atNanos, long token);
}
