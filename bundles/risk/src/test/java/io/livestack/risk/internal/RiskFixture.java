package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;

import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.TradeTick;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import io.livestack.state.internal.InMemoryStateStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real state store plus helpers to put books, positions and open orders into it. */
final class RiskFixture {

    static final VenueId VENUE = VenueId.of("sim");
    static final VenueId OTHER_VENUE = VenueId.of("other");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    static final StrategyId STRATEGY = StrategyId.of("mm");
    static final long SECOND = 1_000_000_000L;

    final InMemoryStateStore state = new InMemoryStateStore();
    private long seq;
    private int ids;

    static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** A generous configuration; tests tighten the one limit they exercise. */
    static Map<String, Object> loose(Object... overrides) {
        Map<String, Object> map = config("maxOrderQuantity", "1000", "maxOrderNotional", "100000000",
                "maxPosition", "100000", "priceBandBps", "1000", "maxOpenOrders", "1000", "maxOrdersPerSecond",
                "1000", "maxCancelsPerSecond", "1000");
        map.putAll(config(overrides));
        return map;
    }

    void book(VenueId venue, InstrumentId instrument, long bid, long ask) {
        seq++;
        state.apply(seq, new BookSnapshot(venue, instrument, seq, List.of(new BookLevel(bid, of(10))),
                List.of(new BookLevel(ask, of(10)))));
    }

    void trade(VenueId venue, InstrumentId instrument, long price) {
        seq++;
        state.apply(seq, new TradeTick(venue, instrument, seq, price, of(1), null));
    }

    void position(InstrumentId instrument, Side side, long quantity, long price) {
        seq++;
        state.applyFill(seq, seq, new FillRecord(seq, seq, VENUE, ExecId.of("F" + seq), ClientOrderId.of("F" + seq),
                null, STRATEGY, instrument, side, price, quantity, LiquidityFlag.UNKNOWN, 0, null, seq));
    }

    OrderView resting(VenueId venue, InstrumentId instrument, Side side, long price, long quantity) {
        return resting(venue, instrument, side, OrderType.LIMIT, price, quantity, OrderStatus.NEW, 0);
    }

    OrderView resting(VenueId venue, InstrumentId instrument, Side side, OrderType type, long price, long quantity,
            OrderStatus status, long pendingPrice) {
        seq++;
        ClientOrderId id = ClientOrderId.of("R" + (++ids));
        OrderView order = new OrderView(id, id, null, null, STRATEGY, venue, instrument, side, type, TimeInForce.DAY,
                price, quantity, 0, 0, status, pendingPrice, 0, false, true, null, seq, seq, seq, seq);
        state.putOrder(order);
        return order;
    }

    /** A resting order of a strategy and account. */
    OrderView resting(StrategyId strategy, io.livestack.api.model.AccountId account, VenueId venue,
            InstrumentId instrument, Side side, long price, long quantity) {
        seq++;
        ClientOrderId id = ClientOrderId.of("R" + (++ids));
        OrderView order = new OrderView(id, id, null, null, strategy, venue, instrument, side, OrderType.LIMIT,
                TimeInForce.DAY, price, quantity, 0, 0, OrderStatus.NEW, 0, 0, false, true, null, seq, seq, seq, seq,
                account);
        state.putOrder(order);
        return order;
    }

    /** A new limit order of a strategy and account. */
    SubmitOrder order(StrategyId strategy, io.livestack.api.model.AccountId account, VenueId venue,
            InstrumentId instrument, Side side, long price, long quantity) {
        return new SubmitOrder(strategy, ClientOrderId.of("N" + (++ids)), venue, instrument, side, OrderType.LIMIT,
                TimeInForce.DAY, price, quantity, account);
    }

    /** A fill of a strategy (what the throttle counts). */
    FillRecord fill(StrategyId strategy, long timeNanos) {
        seq++;
        return new FillRecord(seq, timeNanos, VENUE, ExecId.of("X" + seq), ClientOrderId.of("X" + seq), null,
                strategy, BTC, Side.BUY, of(100), of(1), LiquidityFlag.UNKNOWN, 0, null, timeNanos);
    }

    SubmitOrder limit(Side side, long price, long quantity) {
        return limit(VENUE, BTC, side, price, quantity);
    }

    SubmitOrder limit(VenueId venue, InstrumentId instrument, Side side, long price, long quantity) {
        return new SubmitOrder(STRATEGY, ClientOrderId.of("N" + (++ids)), venue, instrument, side, OrderType.LIMIT,
                TimeInForce.DAY, price, quantity);
    }

    SubmitOrder market(Side side, long quantity) {
        return new SubmitOrder(STRATEGY, ClientOrderId.of("N" + (++ids)), VENUE, BTC, side, OrderType.MARKET,
                TimeInForce.IOC, 0, quantity);
    }

    static ReplaceOrder replace(OrderView order, long price, long quantity) {
        return new ReplaceOrder(STRATEGY, order.clientOrderId(), price, quantity);
    }

    static CancelOrder cancel(OrderView order) {
        return new CancelOrder(STRATEGY, order.clientOrderId());
    }
}
