package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a venue's report does to an order. The rules:
 * <ul>
 * <li>Duplicates: a report already applied — the same venue, exec id and content ({@link ReportIdentity}) — is
 * ignored and counted, whether it is a PossDup resend or not. An exec id seen before with other content is a new
 * execution (venues start their exec ids again each day or session): booked, and an EXEC_ID_REUSED alert. Status
 * answers (ExecType ORDER_STATUS) are not executions and are never de-duplicated: they are idempotent.</li>
 * <li>Never regress: the status that follows from quantities ({@link OrderBuilder#baseStatus()}: PENDING_NEW &lt;
 * NEW &lt; PARTIALLY_FILLED &lt; FILLED) only moves forward because cumulative quantity only grows; a late ack after
 * a fill changes nothing but the venue order id. Terminal states (FILLED, CANCELED, REJECTED, EXPIRED) never change
 * again.</li>
 * <li>Fills are applied whatever the status (they happened): a fill before the ack makes the order PARTIALLY_FILLED
 * or FILLED; a fill on a terminal order is booked and recorded as LATE_FILL with the status kept; fills beyond the
 * order quantity are booked and flag the order {@code overfilled} (OrderRecord OVERFILLED once).</li>
 * <li>Cancel/replace: on REPLACED the replacement ClOrdID becomes current and price/quantity take the confirmed
 * values. A cancel reject (or a rejected report naming the pending request) restores the status that follows from
 * quantities. The order's status is never REPLACED: the handle lives on through replaces.</li>
 * <li>RESTATED and ORDER_STATUS: {@link StatusReconciliation}. Busts and corrections: {@link TradeCorrections}.
 * Reports for orders we do not know: {@link UnknownOrders}.</li>
 * </ul>
 */
final class ReportHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ReportHandlers.class);

    private final ExecutionCounters counters;
    private final SynthesizedFills synthesized;
    private final StatusReconciliation status;
    private final UnknownOrders unknown;
    private final TradeCorrections corrections;

    ReportHandlers(ExecutionCounters counters, SynthesizedFills synthesized, StatusReconciliation status,
            UnknownOrders unknown, TradeCorrections corrections) {
        this.counters = counters;
        this.synthesized = synthesized;
        this.status = status;
        this.unknown = unknown;
        this.corrections = corrections;
    }

    void onExecutionReport(ExecutionReport r, ExecutionContext ctx) {
        boolean statusAnswer = r.execType() == ExecType.ORDER_STATUS;
        if (!statusAnswer && isDuplicate(r, ctx)) {
            return;
        }
        OrderView order = ctx.state().order(r.clientOrderId());
        if (order == null && r.origClientOrderId() != null) {
            order = ctx.state().order(r.origClientOrderId());
        }
        if (order == null || !order.venue().equals(r.venue())) {
            unknown.onReport(r, order, ctx);
            return;
        }
        switch (r.execType()) {
            case TRADE -> onTrade(order, r, ctx);
            case NEW, PENDING_NEW -> onAcknowledged(order, r, ctx);
            case PENDING_CANCEL -> onPendingRequest(order, r, OrderStatus.PENDING_CANCEL, OrderEvent.CANCEL_REQUESTED,
                    ctx);
            case PENDING_REPLACE -> onPendingRequest(order, r, OrderStatus.PENDING_REPLACE,
                    OrderEvent.REPLACE_REQUESTED, ctx);
            case CANCELED -> onDone(order, r, OrderStatus.CANCELED, OrderEvent.CANCELED, ctx);
            case EXPIRED -> onDone(order, r, OrderStatus.EXPIRED, OrderEvent.EXPIRED, ctx);
            case REJECTED -> onRejected(order, r, ctx);
            case REPLACED -> onReplaced(order, r, ctx);
            case RESTATED, ORDER_STATUS -> status.onStatus(order, r, ctx);
            case TRADE_CANCEL, TRADE_CORRECT -> corrections.onBustOrCorrection(order, r, ctx);
            default -> LOG.warn("Unhandled exec type {} in {}", r.execType(), r);
        }
    }

    /**
     * Whether this report was applied before (same exec id and content): counted and ignored. Otherwise it is
     * remembered now — an exec id seen before with other content raises EXEC_ID_REUSED.
     */
    private boolean isDuplicate(ExecutionReport r, ExecutionContext ctx) {
        String identity = ReportIdentity.of(r);
        if (ctx.orders().knowsReport(r.venue(), r.execId(), identity)) {
            counters.duplicates.incrementAndGet();
            LOG.debug("Duplicate execution report {} from {} ignored", r.execId(), r.venue());
            return true;
        }
        if (ctx.orders().knowsExecution(r.venue(), r.execId())) {
            counters.alert(r.venue(), VenueAlert.EXEC_ID_REUSED, "exec id " + r.execId() + " came again with other "
                    + "content (" + r.execType() + " for order " + r.clientOrderId() + ", last "
                    + Fixed.format(r.lastQuantity()) + " @ " + Fixed.format(r.lastPrice()) + ", cum "
                    + Fixed.format(r.cumulativeQuantity()) + "): a new execution, applied", ctx);
        }
        ctx.orders().rememberReport(r.venue(), r.execId(), identity, ctx.now());
        return false;
    }

    private void onTrade(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        long quantity = r.lastQuantity();
        long absorbed = synthesized.absorb(order, r);
        if (absorbed > 0) {
            quantity -= absorbed;
            ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, r.venue().value(),
                    "trade " + r.execId() + " of order " + order.clientOrderId() + " (" + Fixed.format(absorbed)
                            + ") was already booked by a synthesized fill"));
            if (quantity == 0) {
                return;
            }
        }
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(r.venueOrderId(), r.text());
        OrderEvent event = applyFill(order, b, quantity, r.lastPrice());
        OrderView after = OrderUpdates.put(ctx, b, event);
        OrderUpdates.overfilled(order, after, ctx, counters);
        OrderUpdates.bookFill(after, r.execId(), quantity, r.lastPrice(), r, ctx);
        corrections.booked(after, r.execId(), quantity, r.lastPrice());
        counters.count(MetricNames.ORDERS_FILLED, after);
    }

    /** Adds the fill to the builder and works out status and event. */
    private static OrderEvent applyFill(OrderView order, OrderBuilder b, long quantity, long price) {
        b.addFill(quantity, price);
        if (b.filledQuantity > b.quantity) {
            b.overfilled = true;
        }
        if (order.status().isTerminal()) {
            return OrderEvent.LATE_FILL;
        }
        b.status = b.liveStatus();
        if (b.status == OrderStatus.FILLED) {
            b.clearPending();
            return OrderEvent.FILLED;
        }
        return OrderEvent.PARTIALLY_FILLED;
    }

    private void onAcknowledged(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(r.venueOrderId(), null);
        if (order.status().isTerminal()) {
            OrderUpdates.putIfChanged(order, b, null, ctx);
            return;
        }
        if (r.execType() == ExecType.NEW) {
            if (!b.acknowledged || order.status() == OrderStatus.PENDING_NEW) { // the first NEW
                counters.count(MetricNames.ORDERS_ACKNOWLEDGED, order);
                counters.acknowledged(order.venue(), ctx.now() - order.createdTimeNanos());
            }
            b.acknowledged = true;
            b.takeFrom(null, r.text());
        }
        b.status = b.liveStatus();
        OrderUpdates.putIfChanged(order, b, r.execType() == ExecType.NEW ? OrderEvent.ACKNOWLEDGED : null, ctx);
    }

    private static void onPendingRequest(OrderView order, ExecutionReport r, OrderStatus overlay, OrderEvent event,
            ExecutionContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(r.venueOrderId(), null);
        b.acknowledged = b.acknowledged || b.venueOrderId != null;
        if (b.pendingClientOrderId == null && !r.clientOrderId().equals(order.currentClientOrderId())) {
            b.pendingClientOrderId = r.clientOrderId();
            ctx.orders().alias(r.clientOrderId(), order.clientOrderId());
        }
        if (b.pendingClientOrderId != null) {
            b.status = overlay;
        }
        OrderUpdates.putIfChanged(order, b, event, ctx);
    }

    private void onDone(OrderView order, ExecutionReport r, OrderStatus terminal, OrderEvent event,
            ExecutionContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(r.venueOrderId(), r.text());
        b.status = terminal;
        b.clearPending();
        OrderUpdates.put(ctx, b, event);
        if (terminal == OrderStatus.CANCELED) {
            counters.count(MetricNames.ORDERS_CANCELED, order);
        }
    }

    private void onRejected(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(null, r.text());
        boolean requestRefused = r.clientOrderId().equals(order.pendingClientOrderId())
                && !r.clientOrderId().equals(order.currentClientOrderId());
        if (requestRefused) { // the venue refused our cancel/replace request, not the order
            b.clearPending();
            b.status = b.baseStatus();
            OrderUpdates.put(ctx, b, OrderEvent.CANCEL_REJECTED);
            return;
        }
        b.status = OrderStatus.REJECTED;
        b.clearPending();
        OrderUpdates.put(ctx, b, OrderEvent.REJECTED);
        counters.count(MetricNames.ORDERS_REJECTED, order);
    }

    private void onReplaced(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        ClientOrderId newId = r.clientOrderId();
        ctx.orders().alias(newId, order.clientOrderId());
        boolean ourRequest = newId.equals(order.pendingClientOrderId());
        b.currentClientOrderId = newId;
        if (order.type() == OrderType.LIMIT) {
            b.price = r.price() > 0 ? r.price() : ourRequest && order.pendingPrice() > 0 ? order.pendingPrice()
                    : order.price();
        }
        b.quantity = r.orderQuantity() > 0 ? r.orderQuantity()
                : ourRequest && order.pendingQuantity() > 0 ? order.pendingQuantity() : order.quantity();
        b.takeFrom(r.venueOrderId(), r.text());
        b.acknowledged = true;
        if (ourRequest || order.status() != OrderStatus.PENDING_CANCEL) {
            b.clearPending();
            b.status = b.baseStatus();
        } else {
            b.status = b.liveStatus(); // a cancel requested meanwhile is still pending
        }
        if (b.filledQuantity > b.quantity) {
            b.overfilled = true;
        }
        OrderView after = OrderUpdates.put(ctx, b, OrderEvent.REPLACED);
        OrderUpdates.overfilled(order, after, ctx, counters);
    }

    void onCancelRejected(OrderCancelRejected reject, ExecutionContext ctx) {
        OrderView order = ctx.state().order(reject.clientOrderId());
        if (order == null && reject.origClientOrderId() != null) {
            order = ctx.state().order(reject.origClientOrderId());
        }
        if (order == null) {
            unknown.onCancelRejected(reject, ctx);
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.lastText = (reject.replace() ? "replace" : "cancel") + " rejected: " + reject.reason();
        boolean current = order.pendingClientOrderId() == null
                || reject.clientOrderId().equals(order.pendingClientOrderId());
        if (!order.status().isTerminal() && current) {
            b.clearPending();
            b.status = b.baseStatus();
        }
        OrderUpdates.put(ctx, b, OrderEvent.CANCEL_REJECTED);
    }
}
