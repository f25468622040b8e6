package io.livestack.venue.sim.internal;

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
import io.livestack.api.state.OrderView;
import java.util.Map;

/** Settings and order snapshots for the simulated venue tests. */
final class SimFixtures {

    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private SimFixtures() {
    }

    /**
     * BTC-USD from 100, tick 0.01, 2 ticks spread, 3 levels of 1 each: bids 99.99 99.98 99.97, asks 100.01 100.02
     * 100.03 (while the walk stands still).
     */
    static SimVenueSettings settings(int volatilityBps, long seed) {
        return new SimVenueSettings(SIM, Map.of(BTC, Fixed.of(100)), Fixed.parse("0.01"), 2, volatilityBps, 60_000,
                3, Fixed.of(1), 0, seed, 1_000, 0);
    }

    static OrderView order(String id, Side side, OrderType type, TimeInForce tif, String price, String quantity) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("s"), SIM, BTC,
                side, type, tif, type == OrderType.MARKET ? 0 : Fixed.parse(price), Fixed.parse(quantity), 0, 0,
                OrderStatus.PENDING_NEW, 0, 0, false, true, "", 1, 1, 1, 1);
    }

    static OrderView limit(String id, Side side, String price, String quantity) {
        return order(id, side, OrderType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    /** The runtime's view of an order after the venue acknowledged it (and maybe filled some). */
    static OrderView acknowledged(OrderView o, String venueOrderId, OrderStatus status, String filled) {
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), null,
                venueOrderId == null ? null : VenueOrderId.of(venueOrderId), o.strategy(), o.venue(), o.instrument(),
                o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(), Fixed.parse(filled), 0, status, 0, 0,
                false, true, "", 1, 2, 1, 2);
    }

    static OrderView withCurrent(OrderView o, String current) {
        return new OrderView(o.clientOrderId(), ClientOrderId.of(current), null, o.venueOrderId(), o.strategy(),
                o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(),
                o.filledQuantity(), 0, OrderStatus.NEW, 0, 0, false, true, "", 1, 2, 1, 2);
    }
}
