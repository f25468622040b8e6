package io.livestack.execution.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.api.telemetry.MetricNames;
import io.livestack.api.venue.VenueAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution control: the order lifecycle state machine, trading states, the kill switch and routing to venues.
 * Orders live in the {@link StateStore}; this stage decides their transitions. Processing thread only, except the
 * read-only trading-state accessors.
 *
 * <h2>Lifecycle rules</h2>
 * <ul>
 * <li>Duplicates: a report whose venue|exec id is known is ignored and counted (status answers, ExecType
 * ORDER_STATUS, are not executions and are never de-duplicated: they are idempotent).</li>
 * <li>Never regress: the status that follows from quantities ({@link OrderBuilder#baseStatus()}: PENDING_NEW &lt;
 * NEW &lt; PARTIALLY_FILLED &lt; FILLED) only moves forward because cumulative quantity only grows; a late ack after
 * a fill changes nothing but the venue order id. Terminal states (FILLED, CANCELED, REJECTED, EXPIRED) never change
 * again.</li>
 * <li>Fills are applied whatever the status (they happened): a fill before the ack makes the order PARTIALLY_FILLED
 * or FILLED; a fill on a terminal order is booked and recorded as LATE_FILL with the status kept; fills beyond the
 * order quantity are booked and flag the order {@code overfilled} (OrderRecord OVERFILLED once).</li>
 * <li>Cancel/replace: a request gets its own ClOrdID from {@link ProcessingContext#nextClientOrderId()}, aliased to
 * the order; the order shows PENDING_CANCEL / PENDING_REPLACE with the request as {@code pendingClientOrderId}. On
 * REPLACED the replacement ClOrdID becomes current and price/quantity take the confirmed values. A cancel reject (or
 * a rejected report naming the pending request) restores the status that follows from quantities. The order's
 * status is never REPLACED: the handle lives on through replaces (REPLACED is an OrderRecord event).</li>
 * <li>Reconciliation (RESTATED, ORDER_STATUS): status from the venue where it moves forward; when the venue's
 * cumulative quantity exceeds ours, the difference is booked once as a synthesized fill with exec id
 * {@code SYN-<handle>-<venue cumQty as raw fixed-point>} (handles too long for that are replaced by the first 24 hex
 * digits of their SHA-256); a trade report arriving later for quantity already synthesized is absorbed, not booked
 * twice. Trade reports are always preferred: nothing is synthesized from a trade report's cumQty.</li>
 * <li>Reports for unknown orders are recorded as metadata (kind VENUE) and counted; their fills are applied to the
 * position (strategy {@value #UNKNOWN_STRATEGY}) unless {@code applyUnknownOrderFills=false}, because the position
 * must reflect what the venue executed.</li>
 * </ul>
 *
 * <h2>Gates</h2>
 * Submit and replace: effective trading state (global, strategy, instrument; the most restrictive wins) — HALTED
 * refuses, REDUCING lets an order through only if it reduces the absolute position even when every open order on
 * the same side (all venues) fills too, without flipping it; then the venue must be LOGGED_ON with an adapter.
 * Cancels pass in every trading state and need only an adapter.
 *
 * <h2>Kill switch</h2>
 * One action: latch HALTED globally, persist, then send a cancel for every open order at every venue (including
 * orders already pending cancel when {@code killResendsPendingCancels}, because the earlier request may be lost).
 * Orders at venues without an adapter are counted. With {@code killSweepOnReconnect}, every LOGGED_ON of a venue
 * while the latch is engaged cancels that venue's open orders again (those pending cancel too when
 * {@code killResendsPendingCancels}: a request sent before the disconnect may never have arrived). The latch
 * survives restarts (state file, see {@link TradingStates}) and only {@link Command.Resume} releases it; setting the
 * global scope to anything but HALTED while it is engaged is refused.
 */
@Component(service = ExecutionStage.class, immediate = true, configurationPid = ExecutionSettings.PID)
@Designate(ocd = ExecutionConfig.class)
public final class ExecutionStageComponent implements ExecutionStage {

    static final String UNKNOWN_STRATEGY = "unknown";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStageComponent.class);

    private final ExecutionSettings settings;
    private final TradingStates tradingStates;
    /** Per order handle: synthesized quantity not yet matched by a late trade report (id bookkeeping only). */
    private final Map<ClientOrderId, Long> synthesizedOutstanding = new HashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unknownOrderReports = new AtomicLong();
    private final AtomicLong overfills = new AtomicLong();
    private final AtomicLong synthesizedFills = new AtomicLong();
    /** Null while no MetricRegistry service is bound (no registry, no metrics, same behaviour). */
    private volatile ExecutionMetrics metrics;

    @Activate
    public ExecutionStageComponent(ExecutionConfig config, Map<String, Object> properties) {
        this(ExecutionSettings.from(config, properties, System::getProperty));
    }

    public ExecutionStageComponent(ExecutionSettings settings) {
        this.settings = settings;
        this.tradingStates = new TradingStates(settings.stateFile());
        LOG.info("Execution control active: {}; trading states {}", settings, tradingStates.snapshot());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMetricRegistry(MetricRegistry registry) {
        metrics = new ExecutionMetrics(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        ExecutionMetrics current = metrics;
        if (current != null && current.registry == registry) {
            metrics = null;
        }
    }

    private void count(String base, OrderView order) {
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.count(base, order.venue(), order.strategy());
        }
    }

    // =============================================================================================== intents

    @Override
    public RiskDecision submit(SubmitOrder intent, ProcessingContext ctx) {
        StateStore state = ctx.state();
        RiskDecision gate = tradingGate(intent.strategy(), intent.instrument(), intent.side(), intent.quantity(),
                null, state);
        if (gate != null) {
            return gate;
        }
        VenueAdapter adapter = ctx.venue(intent.venue());
        RiskDecision ready = venueReady(intent.venue(), adapter, state);
        if (ready != null) {
            return ready;
        }
        if (state.order(intent.clientOrderId()) != null) {
            return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "DUPLICATE_CLIENT_ORDER_ID",
                    "ClOrdID " + intent.clientOrderId() + " is already used by an order");
        }
        ClientOrderId handle = intent.clientOrderId();
        OrderView order = new OrderView(handle, handle, null, null, intent.strategy(), intent.venue(),
                intent.instrument(), intent.side(), intent.type(), intent.timeInForce(),
                intent.type() == OrderType.MARKET ? 0 : intent.price(), intent.quantity(), 0, 0,
                OrderStatus.PENDING_NEW, 0, 0, false, true, null, ctx.seq(), ctx.seq(), ctx.now(), ctx.now());
        state.putOrder(order);
        ctx.record(new OrderRecord(ctx.seq(), ctx.now(), "SUBMITTED", order));
        try {
            adapter.submit(order);
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take order {}", intent.venue(), handle, e);
            OrderBuilder b = new OrderBuilder(order);
            b.status = OrderStatus.REJECTED;
            b.lastText = "venue adapter failed: " + e;
            put(ctx, b, "REJECTED");
            return RiskDecision.reject(RejectReason.VENUE_NOT_READY, "venue adapter " + intent.venue()
                    + " failed to take the order: " + e);
        }
        count(MetricNames.ORDERS_SENT, order);
        return RiskDecision.ACCEPT;
    }

    @Override
    public RiskDecision cancel(CancelOrder intent, ProcessingContext ctx) {
        OrderView order = ctx.state().order(intent.clientOrderId());
        if (order == null) {
            return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "no order " + intent.clientOrderId());
        }
        if (!order.isOpen()) {
            return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status());
        }
        VenueAdapter adapter = ctx.venue(order.venue());
        if (adapter == null) {
            return RiskDecision.reject(RejectReason.VENUE_NOT_READY, "venue " + order.venue()
                    + " has no adapter; order " + order.clientOrderId() + " stays open");
        }
        String failure = sendCancel(order, adapter, ctx);
        return failure == null ? RiskDecision.ACCEPT : RiskDecision.reject(RejectReason.VENUE_NOT_READY, failure);
    }

    @Override
    public RiskDecision replace(ReplaceOrder intent, ProcessingContext ctx) {
        StateStore state = ctx.state();
        OrderView order = state.order(intent.clientOrderId());
        if (order == null) {
            return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "no order " + intent.clientOrderId());
        }
        if (!order.isOpen()) {
            return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status());
        }
        if (order.pendingClientOrderId() != null) {
            return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status() + ": request " + order.pendingClientOrderId() + " is still pending");
        }
        if (intent.newQuantity() <= order.filledQuantity()) {
            return RiskDecision.reject(RejectReason.INVALID_QUANTITY, "new quantity "
                    + Fixed.format(intent.newQuantity()) + " must exceed the filled quantity "
                    + Fixed.format(order.filledQuantity()));
        }
        RiskDecision gate = tradingGate(order.strategy(), order.instrument(), order.side(),
                intent.newQuantity() - order.filledQuantity(), order, state);
        if (gate != null) {
            return gate;
        }
        VenueAdapter adapter = ctx.venue(order.venue());
        RiskDecision ready = venueReady(order.venue(), adapter, state);
        if (ready != null) {
            return ready;
        }
        ClientOrderId newId = ctx.nextClientOrderId();
        state.alias(newId, order.clientOrderId());
        OrderBuilder b = new OrderBuilder(order);
        b.status = OrderStatus.PENDING_REPLACE;
        b.pendingClientOrderId = newId;
        b.pendingPrice = order.type() == OrderType.MARKET ? 0 : intent.newPrice();
        b.pendingQuantity = intent.newQuantity();
        OrderView pending = put(ctx, b, "REPLACE_REQUESTED");
        try {
            adapter.replace(pending, newId, b.pendingPrice, intent.newQuantity());
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take replace {} of {}", order.venue(), newId, order, e);
            restoreAfterRefusedRequest(pending, ctx, "venue adapter failed: " + e);
            return RiskDecision.reject(RejectReason.VENUE_NOT_READY, "venue adapter " + order.venue()
                    + " failed to take the replace: " + e);
        }
        return RiskDecision.ACCEPT;
    }

    /** Sends a cancel request for {@code order}; returns null, or why it could not be sent. */
    private String sendCancel(OrderView order, VenueAdapter adapter, ProcessingContext ctx) {
        ClientOrderId cancelId = ctx.nextClientOrderId();
        ctx.state().alias(cancelId, order.clientOrderId());
        OrderBuilder b = new OrderBuilder(order);
        b.status = OrderStatus.PENDING_CANCEL;
        b.pendingClientOrderId = cancelId;
        b.pendingPrice = 0;
        b.pendingQuantity = 0;
        OrderView pending = put(ctx, b, "CANCEL_REQUESTED");
        try {
            adapter.cancel(pending, cancelId);
            return null;
        } catch (RuntimeException e) {
            LOG.error("Venue adapter {} failed to take cancel {} of {}", order.venue(), cancelId, order, e);
            restoreAfterRefusedRequest(pending, ctx, "venue adapter failed: " + e);
            return "venue adapter " + order.venue() + " failed to take the cancel: " + e;
        }
    }

    private void restoreAfterRefusedRequest(OrderView pending, ProcessingContext ctx, String text) {
        OrderBuilder b = new OrderBuilder(pending);
        b.clearPending();
        b.status = b.baseStatus();
        b.lastText = text;
        put(ctx, b, "CANCEL_REJECTED");
    }

    /** The trading-state gate; {@code existing} is the order a replace changes (its own leaves are not counted). */
    private RiskDecision tradingGate(StrategyId strategy, InstrumentId instrument, Side side, long leaves,
            OrderView existing, StateStore state) {
        TradingState global = tradingStates.global();
        TradingState byStrategy = tradingStates.get(TradingScope.strategy(strategy));
        TradingState byInstrument = tradingStates.get(TradingScope.instrument(instrument));
        TradingState effective = global.mostRestrictive(byStrategy).mostRestrictive(byInstrument);
        if (effective == TradingState.ACTIVE) {
            return null;
        }
        String scopes = "global " + global + ", strategy " + strategy + " " + byStrategy + ", instrument "
                + instrument + " " + byInstrument;
        if (effective == TradingState.HALTED) {
            return RiskDecision.reject(RejectReason.TRADING_HALTED, "trading is HALTED (" + scopes + ")"
                    + (tradingStates.killEngaged() ? "; kill switch engaged: " + tradingStates.killReason() : ""));
        }
        long net = state.position(instrument).netQuantity();
        long sameSide = 0;
        for (OrderView o : state.openOrders(instrument)) {
            if (o.side() == side && (existing == null || !o.clientOrderId().equals(existing.clientOrderId()))) {
                sameSide += o.leavesQuantity();
            }
        }
        boolean reduces = net != 0 && side.sign() == -Long.signum(net) && sameSide + leaves <= Math.abs(net);
        if (!reduces) {
            return RiskDecision.reject(RejectReason.TRADING_REDUCING, "trading is REDUCING (" + scopes
                    + "): position " + Fixed.format(net) + ", open " + side + " orders " + Fixed.format(sameSide)
                    + ", this order " + side + " " + Fixed.format(leaves) + " would not reduce the position");
        }
        return null;
    }

    private static RiskDecision venueReady(VenueId venue, VenueAdapter adapter, StateStore state) {
        if (adapter == null) {
            return RiskDecision.reject(RejectReason.VENUE_NOT_READY, "venue " + venue + " has no adapter");
        }
        VenueSessionState session = state.venueState(venue);
        if (session != VenueSessionState.LOGGED_ON) {
            return RiskDecision.reject(RejectReason.VENUE_NOT_READY, "venue " + venue + " is "
                    + (session == null ? "not connected" : session) + ", not LOGGED_ON");
        }
        return null;
    }

    // =============================================================================================== reports

    @Override
    public void onExecutionReport(ExecutionReport r, ProcessingContext ctx) {
        StateStore state = ctx.state();
        boolean statusAnswer = r.execType() == ExecType.ORDER_STATUS;
        if (!statusAnswer && state.knowsExecution(r.venue(), r.execId())) {
            duplicates.incrementAndGet();
            LOG.debug("Duplicate execution report {} from {} ignored", r.execId(), r.venue());
            return;
        }
        OrderView order = state.order(r.clientOrderId());
        if (order == null && r.origClientOrderId() != null) {
            order = state.order(r.origClientOrderId());
        }
        if (order == null || !order.venue().equals(r.venue())) {
            onUnknownOrder(r, order, ctx);
            return;
        }
        if (!statusAnswer && !r.isTrade()) {
            state.rememberExecution(r.venue(), r.execId());
        }
        switch (r.execType()) {
            case TRADE -> onTrade(order, r, ctx);
            case NEW, PENDING_NEW -> onAcknowledged(order, r, ctx);
            case PENDING_CANCEL -> onPendingRequest(order, r, OrderStatus.PENDING_CANCEL, "CANCEL_REQUESTED", ctx);
            case PENDING_REPLACE -> onPendingRequest(order, r, OrderStatus.PENDING_REPLACE, "REPLACE_REQUESTED", ctx);
            case CANCELED -> onDone(order, r, OrderStatus.CANCELED, ctx);
            case EXPIRED -> onDone(order, r, OrderStatus.EXPIRED, ctx);
            case REJECTED -> onRejected(order, r, ctx);
            case REPLACED -> onReplaced(order, r, ctx);
            case RESTATED, ORDER_STATUS -> onStatus(order, r, ctx);
            default -> LOG.warn("Unhandled exec type {} in {}", r.execType(), r);
        }
    }

    private void onTrade(OrderView order, ExecutionReport r, ProcessingContext ctx) {
        long quantity = r.lastQuantity();
        Long outstanding = synthesizedOutstanding.get(order.clientOrderId());
        if (outstanding != null && r.cumulativeQuantity() > 0 && r.cumulativeQuantity() <= order.filledQuantity()) {
            long absorbed = Math.min(quantity, outstanding);
            if (absorbed == outstanding) {
                synthesizedOutstanding.remove(order.clientOrderId());
            } else {
                synthesizedOutstanding.put(order.clientOrderId(), outstanding - absorbed);
            }
            quantity -= absorbed;
            ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, r.venue().value(),
                    "trade " + r.execId() + " of order " + order.clientOrderId() + " (" + Fixed.format(absorbed)
                            + ") was already booked by a synthesized fill"));
            if (quantity == 0) {
                ctx.state().rememberExecution(r.venue(), r.execId());
                return;
            }
        }
        OrderBuilder b = new OrderBuilder(order);
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
        if (r.text() != null) {
            b.lastText = r.text();
        }
        String event = applyFill(order, b, quantity, r.lastPrice());
        OrderView after = put(ctx, b, event);
        if (after.overfilled() && !order.overfilled()) {
            recordOverfill(after, ctx);
        }
        bookFill(after, r.execId(), quantity, r.lastPrice(), r, ctx);
        count(MetricNames.ORDERS_FILLED, after);
    }

    /** Adds the fill to the builder and works out status and event. */
    private static String applyFill(OrderView order, OrderBuilder b, long quantity, long price) {
        b.addFill(quantity, price);
        if (b.filledQuantity > b.quantity) {
            b.overfilled = true;
        }
        if (order.status().isTerminal()) {
            return "LATE_FILL";
        }
        b.status = b.liveStatus();
        if (b.status == OrderStatus.FILLED) {
            b.clearPending();
            return "FILLED";
        }
        return "PARTIALLY_FILLED";
    }

    private void recordOverfill(OrderView order, ProcessingContext ctx) {
        overfills.incrementAndGet();
        LOG.warn("Order {} is OVERFILLED: filled {} of {}", order.clientOrderId(),
                Fixed.format(order.filledQuantity()), Fixed.format(order.quantity()));
        ctx.record(new OrderRecord(ctx.seq(), ctx.now(), "OVERFILLED", order));
    }

    /** FillRecord → state (position) → records. */
    private static void bookFill(OrderView order, ExecId execId, long quantity, long price, ExecutionReport r,
            ProcessingContext ctx) {
        FillRecord fill = new FillRecord(ctx.seq(), ctx.now(), order.venue(), execId, order.clientOrderId(),
                order.venueOrderId(), order.strategy(), order.instrument(), order.side(), price, quantity,
                r.liquidity(), r.isTrade() ? r.fee() : 0, r.isTrade() ? r.feeCurrency() : null, r.sourceTimeNanos());
        PositionRecord position = ctx.state().applyFill(ctx.seq(), ctx.now(), fill);
        ctx.record(fill);
        ctx.record(position);
    }

    private void onAcknowledged(OrderView order, ExecutionReport r, ProcessingContext ctx) {
        OrderBuilder b = new OrderBuilder(order);
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
        if (order.status().isTerminal()) {
            putIfChanged(order, b, null, ctx);
            return;
        }
        if (r.execType() == ExecType.NEW) {
            if (!b.acknowledged || order.status() == OrderStatus.PENDING_NEW) { // the first NEW
                count(MetricNames.ORDERS_ACKNOWLEDGED, order);
                ExecutionMetrics m = metrics;
                if (m != null) {
                    m.acknowledged(order.venue(), ctx.now() - order.createdTimeNanos());
                }
            }
            b.acknowledged = true;
            b.lastText = r.text() == null ? b.lastText : r.text();
        }
        b.status = b.liveStatus();
        putIfChanged(order, b, r.execType() == ExecType.NEW ? "ACKNOWLEDGED" : null, ctx);
    }

    private void onPendingRequest(OrderView order, ExecutionReport r, OrderStatus overlay, String event,
            ProcessingContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
        b.acknowledged = b.acknowledged || b.venueOrderId != null;
        if (b.pendingClientOrderId == null && !r.clientOrderId().equals(order.currentClientOrderId())) {
            b.pendingClientOrderId = r.clientOrderId();
            ctx.state().alias(r.clientOrderId(), order.clientOrderId());
        }
        if (b.pendingClientOrderId != null) {
            b.status = overlay;
        }
        putIfChanged(order, b, event, ctx);
    }

    private void onDone(OrderView order, ExecutionReport r, OrderStatus terminal, ProcessingContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
        b.status = terminal;
        b.clearPending();
        b.lastText = r.text() == null ? b.lastText : r.text();
        put(ctx, b, terminal.name());
        if (terminal == OrderStatus.CANCELED) {
            count(MetricNames.ORDERS_CANCELED, order);
        }
    }

    private void onRejected(OrderView order, ExecutionReport r, ProcessingContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.lastText = r.text() == null ? b.lastText : r.text();
        boolean requestRefused = r.clientOrderId().equals(order.pendingClientOrderId())
                && !r.clientOrderId().equals(order.currentClientOrderId());
        if (requestRefused) { // the venue refused our cancel/replace request, not the order
            b.clearPending();
            b.status = b.baseStatus();
            put(ctx, b, "CANCEL_REJECTED");
            return;
        }
        b.status = OrderStatus.REJECTED;
        b.clearPending();
        put(ctx, b, "REJECTED");
        count(MetricNames.ORDERS_REJECTED, order);
    }

    private void onReplaced(OrderView order, ExecutionReport r, ProcessingContext ctx) {
        if (order.status().isTerminal()) {
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        ClientOrderId newId = r.clientOrderId();
        ctx.state().alias(newId, order.clientOrderId());
        boolean ourRequest = newId.equals(order.pendingClientOrderId());
        b.currentClientOrderId = newId;
        if (order.type() == OrderType.LIMIT) {
            b.price = r.price() > 0 ? r.price() : ourRequest && order.pendingPrice() > 0 ? order.pendingPrice()
                    : order.price();
        }
        b.quantity = r.orderQuantity() > 0 ? r.orderQuantity()
                : ourRequest && order.pendingQuantity() > 0 ? order.pendingQuantity() : order.quantity();
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
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
        b.lastText = r.text() == null ? b.lastText : r.text();
        OrderView after = put(ctx, b, "REPLACED");
        if (after.overfilled() && !order.overfilled()) {
            recordOverfill(after, ctx);
        }
    }

    /** RESTATED and ORDER_STATUS: the venue's view of the order, used to move forward only. */
    private void onStatus(OrderView order, ExecutionReport r, ProcessingContext ctx) {
        OrderBuilder b = new OrderBuilder(order);
        boolean terminal = order.status().isTerminal();
        if (r.venueOrderId() != null) {
            b.venueOrderId = r.venueOrderId();
        }
        if (!terminal) {
            if (r.orderQuantity() > 0 && b.pendingClientOrderId == null) {
                b.quantity = r.orderQuantity();
            }
            if (r.price() > 0 && order.type() == OrderType.LIMIT && b.pendingClientOrderId == null) {
                b.price = r.price();
            }
        }
        long missing = r.cumulativeQuantity() - order.filledQuantity();
        ExecId syntheticId = null;
        long syntheticPrice = 0;
        if (missing > 0 && settings.synthesizeMissingFills()) {
            syntheticId = synthesizedExecId(order.clientOrderId(), r.cumulativeQuantity());
            if (ctx.state().knowsExecution(r.venue(), syntheticId)) {
                syntheticId = null;
            } else {
                syntheticPrice = synthesizedPrice(order, r, missing, ctx);
                b.addFill(missing, syntheticPrice);
                if (b.filledQuantity > b.quantity) {
                    b.overfilled = true;
                }
            }
        } else if (missing < 0) {
            LOG.warn("Venue {} reports cumulative quantity {} for {} but {} was booked; keeping ours", r.venue(),
                    Fixed.format(r.cumulativeQuantity()), order.clientOrderId(),
                    Fixed.format(order.filledQuantity()));
        }
        if (!terminal) {
            switch (r.orderStatus()) {
                case FILLED, CANCELED, EXPIRED, REJECTED -> {
                    b.status = r.orderStatus();
                    b.clearPending();
                }
                case PENDING_NEW -> b.status = b.liveStatus();
                default -> {
                    b.acknowledged = true; // the venue knows the order as live
                    b.status = b.liveStatus();
                }
            }
            if (b.status == OrderStatus.FILLED) {
                b.clearPending();
            }
        }
        b.lastText = r.text() == null ? b.lastText : r.text();
        String event = r.execType() == ExecType.RESTATED ? "RESTATED" : "RECONCILED";
        OrderView after = put(ctx, b, event);
        if (after.overfilled() && !order.overfilled()) {
            recordOverfill(after, ctx);
        }
        if (syntheticId != null) {
            synthesizedFills.incrementAndGet();
            synthesizedOutstanding.merge(order.clientOrderId(), missing, Long::sum);
            LOG.warn("Order {}: venue {} reports cumulative quantity {}, {} was booked: synthesized fill {} of {} @ {}",
                    order.clientOrderId(), r.venue(), Fixed.format(r.cumulativeQuantity()),
                    Fixed.format(order.filledQuantity()), syntheticId, Fixed.format(missing),
                    Fixed.format(syntheticPrice));
            bookFill(after, syntheticId, missing, syntheticPrice, r, ctx);
        }
    }

    /** {@code SYN-<handle>-<cumQty raw>}; handles that would make it longer than 64 characters are hashed. */
    static ExecId synthesizedExecId(ClientOrderId handle, long cumulativeQuantity) {
        String id = "SYN-" + handle.value() + "-" + cumulativeQuantity;
        if (id.length() > 64) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(handle.value().getBytes(StandardCharsets.UTF_8));
                id = "SYN-" + HexFormat.of().formatHex(digest).substring(0, 24) + "-" + cumulativeQuantity;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
        }
        return ExecId.of(id);
    }

    /**
     * The price of the missing quantity: from the venue's average price (venue notional − our notional) / missing,
     * else the report's last price, else the order's limit price, else the instrument's mark.
     */
    private static long synthesizedPrice(OrderView order, ExecutionReport r, long missing, ProcessingContext ctx) {
        if (r.averagePrice() > 0) {
            try {
                long venueNotional = Fixed.multiply(r.averagePrice(), r.cumulativeQuantity());
                long ourNotional = Fixed.multiply(order.averageFillPrice(), order.filledQuantity());
                long price = Fixed.divide(venueNotional - ourNotional, missing);
                if (price > 0) {
                    return price;
                }
            } catch (ArithmeticException e) {
                LOG.debug("Cannot derive the synthesized fill price from the average price", e);
            }
        }
        if (r.lastPrice() > 0) {
            return r.lastPrice();
        }
        if (order.price() > 0) {
            return order.price();
        }
        return ctx.state().position(order.instrument()).markPrice();
    }

    private void onUnknownOrder(ExecutionReport r, OrderView otherVenueOrder, ProcessingContext ctx) {
        unknownOrderReports.incrementAndGet();
        String what = otherVenueOrder == null ? "unknown order" : "order of venue " + otherVenueOrder.venue();
        LOG.warn("Execution report from {} for {}: {}", r.venue(), what, r);
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, r.venue().value(),
                "execution report for " + what + ": clOrdId=" + r.clientOrderId() + " origClOrdId="
                        + r.origClientOrderId() + " venueOrderId=" + r.venueOrderId() + " execId=" + r.execId()
                        + " execType=" + r.execType() + " status=" + r.orderStatus() + " instrument="
                        + r.instrument() + " side=" + r.side() + " lastQty=" + Fixed.format(r.lastQuantity())
                        + " lastPx=" + Fixed.format(r.lastPrice()) + " cumQty="
                        + Fixed.format(r.cumulativeQuantity()) + (r.text() == null ? "" : " text=" + r.text())));
        if (r.execType() == ExecType.ORDER_STATUS) {
            return;
        }
        if (!r.isTrade() || !settings.applyUnknownOrderFills() || r.instrument() == null || r.side() == null) {
            ctx.state().rememberExecution(r.venue(), r.execId());
        } else { // applyFill remembers the exec id
            FillRecord fill = new FillRecord(ctx.seq(), ctx.now(), r.venue(), r.execId(), r.clientOrderId(),
                    r.venueOrderId(), StrategyId.of(UNKNOWN_STRATEGY), r.instrument(), r.side(), r.lastPrice(),
                    r.lastQuantity(), r.liquidity(), r.fee(), r.feeCurrency(), r.sourceTimeNanos());
            PositionRecord position = ctx.state().applyFill(ctx.seq(), ctx.now(), fill);
            ctx.record(fill);
            ctx.record(position);
        }
    }

    @Override
    public void onCancelRejected(OrderCancelRejected reject, ProcessingContext ctx) {
        StateStore state = ctx.state();
        OrderView order = state.order(reject.clientOrderId());
        if (order == null && reject.origClientOrderId() != null) {
            order = state.order(reject.origClientOrderId());
        }
        if (order == null) {
            unknownOrderReports.incrementAndGet();
            ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, reject.venue().value(),
                    (reject.replace() ? "replace" : "cancel") + " reject for unknown order: clOrdId="
                            + reject.clientOrderId() + " origClOrdId=" + reject.origClientOrderId() + " reason="
                            + reject.reason()));
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
        put(ctx, b, "CANCEL_REJECTED");
    }

    // =============================================================================================== venues

    @Override
    public void onVenueSession(VenueSessionEvent event, ProcessingContext ctx) {
        VenueId venue = event.venue();
        if (event.state() == VenueSessionState.UNAVAILABLE) {
            for (OrderView order : openOrdersOf(venue, ctx.state())) {
                if (order.venueAvailable()) {
                    OrderBuilder b = new OrderBuilder(order);
                    b.venueAvailable = false;
                    put(ctx, b, "VENUE_UNAVAILABLE");
                }
            }
            return;
        }
        for (OrderView order : openOrdersOf(venue, ctx.state())) {
            if (!order.venueAvailable()) {
                OrderBuilder b = new OrderBuilder(order);
                b.venueAvailable = true;
                put(ctx, b, "VENUE_AVAILABLE");
            }
        }
        VenueAdapter adapter = ctx.venue(venue);
        if (adapter == null) {
            return;
        }
        if (event.state() == VenueSessionState.RECONCILING) {
            List<OrderView> open = openOrdersOf(venue, ctx.state());
            LOG.info("Reconciling {} open orders with venue {}", open.size(), venue);
            adapter.reconcile(open);
        } else if (event.state() == VenueSessionState.LOGGED_ON && tradingStates.killEngaged()
                && settings.killSweepOnReconnect()) {
            int sent = 0;
            for (OrderView order : openOrdersOf(venue, ctx.state())) {
                boolean pendingCancel = order.status() == OrderStatus.PENDING_CANCEL;
                if ((!pendingCancel || settings.killResendsPendingCancels())
                        && sendCancel(order, adapter, ctx) == null) {
                    sent++;
                }
            }
            if (sent > 0) {
                LOG.warn("Kill switch engaged: cancelled {} open orders at {} on reconnect", sent, venue);
                ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.TRADING_STATE,
                        TradingScope.GLOBAL.toString(), "kill switch engaged: " + sent + " cancel requests sent to "
                                + venue + " on reconnect"));
            }
        }
    }

    private static List<OrderView> openOrdersOf(VenueId venue, StateStore state) {
        List<OrderView> out = new ArrayList<>();
        for (OrderView order : state.openOrders()) {
            if (order.venue().equals(venue)) {
                out.add(order);
            }
        }
        return out;
    }

    // =============================================================================================== commands

    @Override
    public CommandResult onCommand(Command command, String user, ProcessingContext ctx) {
        if (command instanceof Command.Kill kill) {
            return kill(kill, user, ctx);
        }
        if (command instanceof Command.Resume) {
            boolean wasEngaged = tradingStates.killEngaged();
            String persistError = tradingStates.releaseKill();
            recordTradingState(ctx, TradingScope.GLOBAL, "ACTIVE: " + (wasEngaged ? "kill switch released" : "resumed")
                    + " by " + user);
            LOG.warn("Trading resumed by {} (kill switch {}engaged before)", user, wasEngaged ? "" : "not ");
            return result((wasEngaged ? "kill switch released" : "kill switch was not engaged")
                    + "; global trading ACTIVE", persistError);
        }
        if (command instanceof Command.SetTradingState set) {
            if (set.scope().kind() == TradingScope.Kind.GLOBAL && tradingStates.killEngaged()
                    && set.state() != TradingState.HALTED) {
                return CommandResult.error("kill switch engaged: global trading stays HALTED until resume");
            }
            String persistError = tradingStates.set(set.scope(), set.state());
            recordTradingState(ctx, set.scope(), set.state() + " set by " + user);
            LOG.info("Trading state {} set to {} by {}", set.scope(), set.state(), user);
            return result("trading state " + set.scope() + " is " + set.state(), persistError);
        }
        return CommandResult.error("execution control does not handle '" + command.action() + "'");
    }

    private CommandResult kill(Command.Kill kill, String user, ProcessingContext ctx) {
        String reason = (kill.reason() == null || kill.reason().isBlank() ? "no reason given" : kill.reason())
                + " (by " + user + ")";
        String persistError = tradingStates.engageKill(reason);
        recordTradingState(ctx, TradingScope.GLOBAL, "HALTED: kill switch engaged: " + reason);
        int sent = 0;
        int alreadyPending = 0;
        int failed = 0;
        TreeSet<String> venues = new TreeSet<>();
        TreeSet<String> unavailableVenues = new TreeSet<>();
        int unavailable = 0;
        for (OrderView order : ctx.state().openOrders()) {
            if (order.status() == OrderStatus.PENDING_CANCEL && !settings.killResendsPendingCancels()) {
                alreadyPending++;
                continue;
            }
            VenueAdapter adapter = ctx.venue(order.venue());
            if (adapter == null) {
                unavailable++;
                unavailableVenues.add(order.venue().value());
                continue;
            }
            if (sendCancel(order, adapter, ctx) == null) {
                sent++;
                venues.add(order.venue().value());
            } else {
                failed++;
            }
        }
        String summary = "kill switch engaged, global trading HALTED: " + sent + " cancel requests sent"
                + (venues.isEmpty() ? "" : " (" + String.join(", ", venues) + ")")
                + (alreadyPending > 0 ? ", " + alreadyPending + " already pending cancel" : "")
                + (failed > 0 ? ", " + failed + " refused by the adapter" : "")
                + (unavailable > 0 ? ", " + unavailable + " orders at venues without adapter ("
                        + String.join(", ", unavailableVenues) + ")"
                        + (settings.killSweepOnReconnect() ? " will be cancelled when they return" : "") : "");
        LOG.warn("{} -- reason: {}", summary, reason);
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.TRADING_STATE,
                TradingScope.GLOBAL.toString(), summary));
        return result(summary, persistError);
    }

    private static CommandResult result(String message, String persistError) {
        return persistError == null ? CommandResult.ok(message)
                : CommandResult.ok(message + " -- WARNING: " + persistError);
    }

    private static void recordTradingState(ProcessingContext ctx, TradingScope scope, String detail) {
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.TRADING_STATE, scope.toString(),
                detail));
    }

    @Override
    public TradingState tradingState(TradingScope scope) {
        TradingState global = tradingStates.global();
        return scope.kind() == TradingScope.Kind.GLOBAL ? global : global.mostRestrictive(tradingStates.get(scope));
    }

    @Override
    public Map<TradingScope, TradingState> tradingStates() {
        return tradingStates.snapshot();
    }

    @Override
    public boolean killSwitchEngaged() {
        return tradingStates.killEngaged();
    }

    // =============================================================================================== helpers

    private static OrderView put(ProcessingContext ctx, OrderBuilder b, String event) {
        OrderView view = b.build(ctx.seq(), ctx.now());
        ctx.state().putOrder(view);
        if (event != null) {
            ctx.record(new OrderRecord(ctx.seq(), ctx.now(), event, view));
        }
        return view;
    }

    /** Stores and records only a real change (idempotent reports leave no trace). */
    private static void putIfChanged(OrderView before, OrderBuilder b, String event, ProcessingContext ctx) {
        OrderView view = b.build(ctx.seq(), ctx.now());
        if (OrderBuilder.changed(before, view)) {
            ctx.state().putOrder(view);
            if (event != null) {
                ctx.record(new OrderRecord(ctx.seq(), ctx.now(), event, view));
            }
        }
    }

    /** Counters for telemetry: duplicates ignored, reports for unknown orders, overfills, synthesized fills. */
    public long duplicateReports() {
        return duplicates.get();
    }

    public long unknownOrderReports() {
        return unknownOrderReports.get();
    }

    public long overfills() {
        return overfills.get();
    }

    public long synthesizedFills() {
        return synthesizedFills.get();
    }
}
