package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import io.livestack.state.internal.InMemoryStateStore;
import io.livestack.testkit.RecordingVenue;
import io.livestack.testkit.TestContext;

/** A running execution stage with two logged-on venues, and builders for intents and reports. */
class ExecutionFixture {

    static final VenueId VENUE = VenueId.of("sim");
    static final VenueId OTHER_VENUE = VenueId.of("fix-b");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    static final StrategyId STRATEGY = StrategyId.of("mm");

    final TestContext ctx = new TestContext(new InMemoryStateStore());
    final RecordingVenue venue = ctx.addVenue(VENUE, BTC, ETH);
    final RecordingVenue otherVenue = ctx.addVenue(OTHER_VENUE, BTC, ETH);
    ExecutionStageComponent execution;
    private int handles;
    private int execIds;

    ExecutionFixture() {
        this(ExecutionSettings.defaults());
    }

    ExecutionFixture(ExecutionSettings settings) {
        execution = new ExecutionStageComponent(settings);
        session(VENUE, VenueSessionState.LOGGED_ON);
        session(OTHER_VENUE, VenueSessionState.LOGGED_ON);
    }

    /**
     * As the chain does it: the state takes the session in (and says which open orders became reachable or not, which
     * the chain records), then execution control.
     */
    void session(VenueId venueId, VenueSessionState state) {
        ctx.next();
        for (OrderView changed : ctx.state.setVenueState(venueId, state, ctx.seq(), ctx.now())) {
            ctx.record(new OrderRecord(ctx.seq(), ctx.now(), changed.venueAvailable() ? OrderEvent.VENUE_AVAILABLE
                    : OrderEvent.VENUE_UNAVAILABLE, changed));
        }
        execution.onVenueSession(new VenueSessionEvent(venueId, ctx.now(), state, ""), ctx);
    }

    SubmitOrder limit(Side side, long price, long quantity) {
        return limit(VENUE, BTC, side, price, quantity);
    }

    SubmitOrder limit(VenueId venueId, InstrumentId instrument, Side side, long price, long quantity) {
        return new SubmitOrder(STRATEGY, ClientOrderId.of("H" + (++handles)), venueId, instrument, side,
                OrderType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    ExecutionOutcome submit(SubmitOrder order) {
        return execution.submit(order, ctx.next());
    }

    /** Submits and returns the order as stored (must be accepted). */
    OrderView submitted(SubmitOrder order) {
        ExecutionOutcome decision = submit(order);
        if (!decision.sent()) {
            throw new AssertionError("not accepted: " + decision);
        }
        return order(order.clientOrderId());
    }

    /** A new order at VENUE, BTC, acknowledged. */
    OrderView working(Side side, long price, long quantity) {
        OrderView order = submitted(limit(side, price, quantity));
        report(report(order, ExecType.NEW, OrderStatus.NEW).build());
        return order(order.clientOrderId());
    }

    OrderView order(ClientOrderId id) {
        return ctx.state.order(id);
    }

    ExecutionOutcome cancel(OrderView order) {
        return execution.cancel(new CancelOrder(STRATEGY, order.clientOrderId()), ctx.next());
    }

    ExecutionOutcome replace(OrderView order, long price, long quantity) {
        return execution.replace(new ReplaceOrder(STRATEGY, order.clientOrderId(), price, quantity), ctx.next());
    }

    void report(ExecutionReport report) {
        execution.onExecutionReport(report, ctx.next());
    }

    void cancelRejected(OrderView order, ClientOrderId requestId, boolean replace) {
        execution.onCancelRejected(new OrderCancelRejected(order.venue(), ctx.now(), requestId,
                order.currentClientOrderId(), order.venueOrderId(), replace, "too late to cancel"), ctx.next());
    }

    String nextExecId() {
        return "E" + (++execIds);
    }

    /** A report about {@code order} under its current ClOrdID, with a fresh exec id. */
    Report report(OrderView order, ExecType type, OrderStatus status) {
        return new Report(order, type, status, nextExecId());
    }

    Report trade(OrderView order, long quantity, long price) {
        Report r = report(order, ExecType.TRADE, OrderStatus.PARTIALLY_FILLED);
        r.lastQuantity = quantity;
        r.lastPrice = price;
        return r;
    }

    /** A mutable execution report under construction. */
    static final class Report {
        VenueId venue;
        ClientOrderId clientOrderId;
        ClientOrderId origClientOrderId;
        VenueOrderId venueOrderId;
        String execId;
        ExecType execType;
        OrderStatus status;
        InstrumentId instrument;
        Side side;
        long orderQuantity;
        long price;
        long lastQuantity;
        long lastPrice;
        long cumulativeQuantity;
        long averagePrice;
        String text;
        String execRefId;

        Report(OrderView order, ExecType execType, OrderStatus status, String execId) {
            this.venue = order.venue();
            this.clientOrderId = order.currentClientOrderId();
            this.venueOrderId = VenueOrderId.of("V-" + order.clientOrderId());
            this.execId = execId;
            this.execType = execType;
            this.status = status;
            this.instrument = order.instrument();
            this.side = order.side();
            this.orderQuantity = order.quantity();
            this.price = order.price();
        }

        Report execId(String id) {
            execId = id;
            return this;
        }

        Report clOrdId(ClientOrderId id, ClientOrderId orig) {
            clientOrderId = id;
            origClientOrderId = orig;
            return this;
        }

        Report cum(long quantity) {
            cumulativeQuantity = quantity;
            return this;
        }

        Report avgPx(long price) {
            averagePrice = price;
            return this;
        }

        Report orderQty(long quantity) {
            orderQuantity = quantity;
            return this;
        }

        Report price(long value) {
            price = value;
            return this;
        }

        Report status(OrderStatus value) {
            status = value;
            return this;
        }

        Report venue(VenueId value) {
            venue = value;
            return this;
        }

        Report noVenueOrderId() {
            venueOrderId = null;
            return this;
        }

        /** A bust (no quantity) or correction (with {@code quantity} at {@code price}) of {@code ref}. */
        Report adjusting(String ref, long quantity, long price) {
            execRefId = ref;
            execType = quantity == 0 ? ExecType.TRADE_CANCEL : ExecType.TRADE_CORRECT;
            lastQuantity = quantity;
            lastPrice = price;
            return this;
        }

        Report text(String value) {
            text = value;
            return this;
        }

        ExecutionReport build() {
            return new ExecutionReport(venue, 1L, clientOrderId, origClientOrderId, venueOrderId, ExecId.of(execId),
                    execType, status, instrument, side, orderQuantity, price, lastQuantity, lastPrice,
                    cumulativeQuantity, Math.max(0, orderQuantity - cumulativeQuantity), averagePrice,
                    LiquidityFlag.MAKER, lastQuantity > 0 ? of(1) / 100 : 0, lastQuantity > 0 ? "USD" : null, text,
                    false, 0, execRefId == null ? null : ExecId.of(execRefId));
        }
    }
}
