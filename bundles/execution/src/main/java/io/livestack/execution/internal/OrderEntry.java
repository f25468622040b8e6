package io.livestack.execution.internal;

import io.livestack.api.event.SentOrderRecovered;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
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
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import io.livestack.api.venue.VenueAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New orders, cancels and replaces on their way to a venue. A new order: its ClOrdID must be unused
 * (DUPLICATE_CLIENT_ORDER_ID), its venue known and listing the instrument (UNKNOWN_VENUE, UNKNOWN_INSTRUMENT), the
 * {@link TradingGate} open and the venue LOGGED_ON; it is stored PENDING_NEW (SUBMITTED) and handed to the adapter.
 * A cancel or replace: the order must exist and be open with no request pending (UNKNOWN_ORDER, ORDER_NOT_OPEN); the
 * request gets its own ClOrdID, aliased to the order, and the order shows PENDING_CANCEL / PENDING_REPLACE. Cancels
 * pass in every trading state and need only the venue's adapter. An adapter that throws refuses the request: a new
 * order is REJECTED, a cancel or replace is undone (CANCEL_REJECTED).
 */
final class OrderEntry {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEntry.class);

    private final TradingGate gate;
    private final ExecutionCounters counters;

    private final StuckRequests stuck;

    OrderEntry(TradingGate gate, ExecutionCounters counters, StuckRequests stuck) {
        this.stuck = stuck;
        this.gate = gate;
        this.counters = counters;
    }

    /**
     * An order the venue adapter found in its outbound store that the journal lacked (a power loss took its input):
     * booked as sent — PENDING_NEW, with its strategy — so that the venue's reports for it apply to it; once: an order
     * already known by that ClOrdID is left as it is.
     */
    void recovered(SentOrderRecovered sent, ExecutionContext ctx) {
        ClientOrderId id = sent.clientOrderId();
        if (ctx.state().order(id) != null) {
            ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, sent.venue().value(),
                    "order " + id + " from the outbound store is known already: not booked again"));
            return;
        }
        OrderView order = pendingNew(id, sent.strategy(), sent.venue(), sent.instrument(), sent.side(), sent.type(),
                sent.timeInForce(), sent.price(), sent.quantity(), AccountId.DEFAULT, ctx.venue(sent.venue()) != null, ctx);
        OrderUpdates.put(ctx, order, OrderEvent.RECOVERED_FROM_VENUE_STORE);
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, sent.venue().value(),
                "order " + id + " of strategy " + sent.strategy() + " recovered from the outbound store (MsgSeqNum "
                        + sent.msgSeqNum() + "): sent before a power loss took its input from the journal"));
        LOG.warn("Order {} of strategy {} on {} recovered from the venue adapter's outbound store: it was sent before "
                + "a power loss took its input from the journal", id, sent.strategy(), sent.venue());
    }

    /**
     * A new order as handed to its venue: PENDING_NEW, nothing filled, created now (a market order has no price), for
     * {@code account} (null: {@link AccountId#DEFAULT}).
     */
    private static OrderView pendingNew(ClientOrderId handle, StrategyId strategy, VenueId venue,
            InstrumentId instrument, Side side, OrderType type, TimeInForce timeInForce, long price, long quantity,
            AccountId account, boolean venueAvailable, ExecutionContext ctx) {
        return new OrderView(handle, handle, null, null, strategy, venue, instrument, side, type, timeInForce,
                type == OrderType.MARKET ? 0 : price, quantity, 0, 0, OrderStatus.PENDING_NEW, 0, 0, false,
                venueAvailable, null, ctx.seq(), ctx.seq(), ctx.now(), ctx.now(), account);
    }

    ExecutionOutcome submit(SubmitOrder intent, ExecutionContext ctx) {
        ClientOrderId handle = intent.clientOrderId();
        if (ctx.state().order(handle) != null) {
            return ExecutionOutcome.refused(RejectReason.DUPLICATE_CLIENT_ORDER_ID,
                    "ClOrdID " + handle + " is already used by an order");
        }
        VenueAdapter adapter = ctx.venue(intent.venue());
        if (adapter == null) {
            VenueSessionState seen = ctx.state().venueState(intent.venue());
            return seen == null
                    ? ExecutionOutcome.refused(RejectReason.UNKNOWN_VENUE, "venue " + intent.venue() + " has no adapter")
                    : ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue " + intent.venue()
                            + " has no adapter (" + seen + ")");
        }
        if (!adapter.instruments().contains(intent.instrument())) {
            return ExecutionOutcome.refused(RejectReason.UNKNOWN_INSTRUMENT,
                    intent.instrument() + " is not listed by venue " + intent.venue());
        }
        ExecutionOutcome refused = gate.check(intent.strategy(), intent.account(), intent.venue(),
                intent.instrument(), intent.side(), intent.quantity(), null, ctx.state());
        if (refused == null) {
            refused = TradingGate.venueReady(intent.venue(), ctx.state());
        }
        if (refused != null) {
            return refused;
        }
        OrderView order = pendingNew(handle, intent.strategy(), intent.venue(), intent.instrument(), intent.side(),
                intent.type(), intent.timeInForce(), intent.price(), intent.quantity(), intent.account(), true, ctx);
        OrderUpdates.put(ctx, order, OrderEvent.SUBMITTED);
        try {
            adapter.submit(order);
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take order {}", intent.venue(), handle, e);
            OrderBuilder b = new OrderBuilder(order);
            b.status = OrderStatus.REJECTED;
            b.lastText = "venue adapter failed: " + e;
            OrderUpdates.put(ctx, b, OrderEvent.REJECTED);
            return ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue adapter " + intent.venue()
                    + " failed to take the order: " + e);
        }
        counters.count(MetricNames.ORDERS_SENT, order);
        return ExecutionOutcome.SENT;
    }

    ExecutionOutcome cancel(CancelOrder intent, ExecutionContext ctx) {
        OrderView order = ctx.state().order(intent.clientOrderId());
        ExecutionOutcome refused = open(order, intent.clientOrderId());
        if (refused != null) {
            return refused;
        }
        VenueAdapter adapter = ctx.venue(order.venue());
        if (adapter == null) {
            return ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue " + order.venue()
                    + " has no adapter; order " + order.clientOrderId() + " stays open");
        }
        String failure = sendCancel(order, adapter, ctx);
        return failure == null ? ExecutionOutcome.SENT : ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, failure);
    }

    ExecutionOutcome replace(ReplaceOrder intent, ExecutionContext ctx) {
        OrderView order = ctx.state().order(intent.clientOrderId());
        ExecutionOutcome refused = open(order, intent.clientOrderId());
        if (refused != null) {
            return refused;
        }
        if (order.pendingClientOrderId() != null) {
            return ExecutionOutcome.refused(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status() + ": request " + order.pendingClientOrderId() + " is still pending");
        }
        if (intent.newQuantity() <= order.filledQuantity()) {
            return ExecutionOutcome.refused(RejectReason.INVALID_QUANTITY, "new quantity "
                    + Fixed.format(intent.newQuantity()) + " must exceed the filled quantity "
                    + Fixed.format(order.filledQuantity()));
        }
        refused = gate.check(order.strategy(), order.account(), order.venue(), order.instrument(), order.side(),
                intent.newQuantity() - order.filledQuantity(), order, ctx.state());
        if (refused != null) {
            return refused;
        }
        VenueAdapter adapter = ctx.venue(order.venue());
        if (adapter == null) {
            return ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue " + order.venue() + " has no adapter");
        }
        refused = TradingGate.venueReady(order.venue(), ctx.state());
        if (refused != null) {
            return refused;
        }
        ClientOrderId newId = ctx.nextClientOrderId();
        ctx.orders().alias(newId, order.clientOrderId());
        OrderBuilder b = new OrderBuilder(order);
        b.status = OrderStatus.PENDING_REPLACE;
        b.pendingClientOrderId = newId;
        b.pendingPrice = order.type() == OrderType.MARKET ? 0 : intent.newPrice();
        b.pendingQuantity = intent.newQuantity();
        OrderView pending = OrderUpdates.put(ctx, b, OrderEvent.REPLACE_REQUESTED);
        try {
            adapter.replace(pending, newId, b.pendingPrice, intent.newQuantity());
            stuck.requested(ctx);
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take replace {} of {}", order.venue(), newId, order, e);
            undoRequest(pending, ctx, "venue adapter failed: " + e);
            return ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue adapter " + order.venue()
                    + " failed to take the replace: " + e);
        }
        return ExecutionOutcome.SENT;
    }

    /** Null when the order exists and is open. */
    private static ExecutionOutcome open(OrderView order, ClientOrderId asked) {
        if (order == null) {
            return ExecutionOutcome.refused(RejectReason.UNKNOWN_ORDER, "no order " + asked);
        }
        if (!order.isOpen()) {
            return ExecutionOutcome.refused(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status());
        }
        return null;
    }

    /**
     * Sends a cancel request for {@code order} ({@link OrderView#withCancelRequested}: the one cancel rule); returns
     * null, or why it could not be sent.
     */
    String sendCancel(OrderView order, VenueAdapter adapter, ExecutionContext ctx) {
        ClientOrderId cancelId = ctx.nextClientOrderId();
        ctx.orders().alias(cancelId, order.clientOrderId());
        OrderView pending = OrderUpdates.put(ctx, order.withCancelRequested(cancelId, ctx.seq(), ctx.now()),
                OrderEvent.CANCEL_REQUESTED);
        try {
            adapter.cancel(pending, cancelId);
            stuck.requested(ctx);
            return null;
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take cancel {} of {}", order.venue(), cancelId, order, e);
            undoRequest(pending, ctx, "venue adapter failed: " + e);
            return "venue adapter " + order.venue() + " failed to take the cancel: " + e;
        }
    }

    /** The adapter refused our cancel/replace request: the order is as before it. */
    private static void undoRequest(OrderView pending, ExecutionContext ctx, String text) {
        OrderBuilder b = new OrderBuilder(pending);
        b.clearPending();
        b.status = b.baseStatus();
        b.lastText = text;
        OrderUpdates.put(ctx, b, OrderEvent.CANCEL_REJECTED);
    }
}
