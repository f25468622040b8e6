package io.livestack.testkit;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import java.util.List;

/** Short builders of the events, intents and orders tests feed the chain (quantities and prices are raw). */
public final class TestEvents {

    public static final VenueId SIM = VenueId.of("SIM");
    public static final VenueId ALT = VenueId.of("ALT");
    public static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    public static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    public static final StrategyId STRAT = StrategyId.of("s1");

    private TestEvents() {
    }

    public static BookSnapshot snapshot(VenueId v, InstrumentId i, long t, List<BookLevel> bids,
            List<BookLevel> asks) {
        return new BookSnapshot(v, i, t, bids, asks);
    }

    public static BookDelta delta(VenueId v, InstrumentId i, long t, LevelChange... changes) {
        return new BookDelta(v, i, t, List.of(changes));
    }

    public static TradeTick trade(VenueId v, InstrumentId i, long t, long price, long qty, Side aggressor) {
        return new TradeTick(v, i, t, price, qty, aggressor);
    }

    public static LevelChange bid(long price, long qty) {
        return new LevelChange(Side.BUY, price, qty);
    }

    public static LevelChange ask(long price, long qty) {
        return new LevelChange(Side.SELL, price, qty);
    }

    public static VenueSessionEvent session(VenueId v, VenueSessionState s) {
        return new VenueSessionEvent(v, 0, s, "test");
    }

    /** A BTC buy report of 100 at 10 about {@code clOrdId} (venue order id "V" + clOrdId). */
    public static ExecutionReport report(VenueId v, String clOrdId, String execId, ExecType type, OrderStatus status) {
        return new ExecutionReport(v, 0, ClientOrderId.of(clOrdId), null, VenueOrderId.of("V" + clOrdId),
                ExecId.of(execId), type, status, BTC, Side.BUY, 100, 10, 0, 0, 0, 100, 0, null, 0, null, "", false);
    }

    /** A BTC limit buy of 100 at 10 by {@link #STRAT}, in {@code status}. */
    public static OrderView order(String id, VenueId venue, OrderStatus status) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, VenueOrderId.of("V" + id), STRAT, venue,
                BTC, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 10, 100, 0, 0, status, 0, 0, false, true, "", 1, 1,
                0, 0);
    }

    /** A limit buy with a placeholder ClOrdID. */
    public static SubmitOrder submit(StrategyId s, VenueId venue, InstrumentId instrument, long price, long qty) {
        return new SubmitOrder(s, ClientOrderId.of("placeholder"), venue, instrument, Side.BUY, OrderType.LIMIT,
                TimeInForce.DAY, price, qty);
    }
}
