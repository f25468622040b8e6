package io.livestack.runtime.internal.chain;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Execution control while none is bound (being redeployed): fail closed. No new orders and no replaces
 * (EXECUTION_UNAVAILABLE); cancels still reach the venue (the one cancel rule, {@link OrderView#withCancelRequested});
 * a venue that logs on still reconciles its open orders. Execution reports never reach it: the sequencer holds them
 * until execution control is back. A kill cancels every open order of its scope (the desk: all) directly and is
 * latched: trading reads HALTED, venues that log on meanwhile are swept again (the orders of the latched scopes), and
 * the kills are handed to execution control when it returns ({@link #takeLatchedKills}), so that it latches them in
 * its own state. A cancel-all cancels its scope's open orders directly. Resume and trading-state changes wait for it.
 */
public final class ExecutionStandIn implements ExecutionStage {

    static final String ABSENT = "execution control is not available";
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStandIn.class);

    /** A kill given while execution control was away, to hand on when it returns. */
    public record LatchedKill(String user, Command.Kill kill) {
    }

    private final List<LatchedKill> latched = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ExecutionOutcome submit(SubmitOrder intent, ExecutionContext context) {
        return ExecutionOutcome.refused(RejectReason.EXECUTION_UNAVAILABLE, ABSENT + ": no new orders");
    }

    @Override
    public ExecutionOutcome replace(ReplaceOrder intent, ExecutionContext context) {
        return ExecutionOutcome.refused(RejectReason.EXECUTION_UNAVAILABLE, ABSENT + ": no new orders");
    }

    @Override
    public ExecutionOutcome cancel(CancelOrder intent, ExecutionContext ctx) {
        OrderView order = ctx.state().order(intent.clientOrderId());
        if (order == null) {
            return ExecutionOutcome.refused(RejectReason.UNKNOWN_ORDER, "no order " + intent.clientOrderId());
        }
        if (!order.isOpen()) {
            return ExecutionOutcome.refused(RejectReason.ORDER_NOT_OPEN, "order " + order.clientOrderId() + " is "
                    + order.status());
        }
        return cancel(order, ctx) ? ExecutionOutcome.SENT : ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY,
                "venue " + order.venue() + " has no adapter; order " + order.clientOrderId() + " stays open");
    }

    /** Sends a cancel for an open order; false when its venue has no adapter. */
    private static boolean cancel(OrderView order, ExecutionContext ctx) {
        VenueAdapter adapter = ctx.venue(order.venue());
        if (adapter == null) {
            return false;
        }
        ClientOrderId cancelId = ctx.nextClientOrderId();
        ctx.orders().alias(cancelId, order.clientOrderId());
        OrderView pending = order.withCancelRequested(cancelId, ctx.seq(), ctx.now());
        ctx.orders().putOrder(pending);
        ctx.record(new OrderRecord(ctx.seq(), ctx.now(), OrderEvent.CANCEL_REQUESTED, pending));
        adapter.cancel(pending, cancelId);
        return true;
    }

    @Override
    public void onExecutionReport(ExecutionReport report, ExecutionContext context) {
        throw new IllegalStateException("execution reports are held by the sequencer while execution control is away");
    }

    @Override
    public void onCancelRejected(OrderCancelRejected reject, ExecutionContext context) {
        throw new IllegalStateException("cancel rejects are held by the sequencer while execution control is away");
    }

    @Override
    public void onVenueSession(VenueSessionEvent event, ExecutionContext ctx) {
        VenueAdapter adapter = ctx.venue(event.venue());
        if (adapter == null) {
            return;
        }
        if (event.state() == VenueSessionState.RECONCILING) {
            adapter.reconcile(openOrdersAt(event.venue(), ctx));
        } else if (event.state() == VenueSessionState.LOGGED_ON && !latched.isEmpty()) {
            int sent = 0;
            for (OrderView order : openOrdersAt(event.venue(), ctx)) {
                if (latched.stream().anyMatch(k -> order.belongsTo(k.kill().scope())) && cancel(order, ctx)) {
                    sent++;
                }
            }
            if (sent > 0) {
                record(ctx, "kill while execution control is unavailable: " + sent + " cancel requests sent to "
                        + event.venue() + " on reconnect");
            }
        }
    }

    private static List<OrderView> openOrdersAt(VenueId venue, ExecutionContext ctx) {
        List<OrderView> open = new ArrayList<>();
        for (OrderView order : ctx.state().openOrders()) {
            if (order.venue().equals(venue)) {
                open.add(order);
            }
        }
        return open;
    }

    @Override
    public CommandResult onCommand(Command command, String user, ExecutionContext ctx) {
        if (command instanceof Command.CancelAll all) {
            String detail = "cancel-all " + all.scope() + " while execution control is unavailable: cancel sent "
                    + "directly for " + cancelAll(all.scope(), ctx);
            record(ctx, detail);
            LOG.warn(detail);
            return CommandResult.ok(detail);
        }
        if (!(command instanceof Command.Kill kill)) {
            return CommandResult.error(ABSENT + ": " + command.action() + " not applied");
        }
        latched.add(new LatchedKill(user, kill));
        String detail = "kill of " + kill.scope() + " while execution control is unavailable: cancel sent directly "
                + "for " + cancelAll(kill.scope(), ctx) + "; HALTED is latched when execution control returns";
        record(ctx, detail);
        LOG.warn(detail);
        return CommandResult.ok(detail);
    }

    /** Sends a cancel for each open order of {@code scope}; says "sent of open". */
    private static String cancelAll(TradingScope scope, ExecutionContext ctx) {
        int open = 0;
        int sent = 0;
        for (OrderView order : ctx.state().openOrders()) {
            if (order.belongsTo(scope)) {
                open++;
                if (cancel(order, ctx)) {
                    sent++;
                }
            }
        }
        return sent + " of " + open + " open orders";
    }


    private static void record(ExecutionContext ctx, String detail) {
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.TRADING_STATE,
                TradingScope.GLOBAL.toString(), detail));
    }

    /** The kills to hand to execution control now that it is back, in the order given; taken once. */
    public List<LatchedKill> takeLatchedKills() {
        List<LatchedKill> kills = List.copyOf(latched);
        latched.clear();
        return kills;
    }

    /** Without execution control nothing trades. */
    @Override
    public TradingState tradingState(TradingScope scope) {
        return TradingState.HALTED;
    }

    @Override
    public Map<TradingScope, TradingState> tradingStates() {
        return Map.of(TradingScope.GLOBAL, TradingState.HALTED);
    }

    @Override
    public boolean killSwitchEngaged() {
        return latched.stream().anyMatch(k -> k.kill().scope().kind() == TradingScope.Kind.GLOBAL);
    }

    /** A stand-in keeps nothing: the chain hands returning execution control what the one before it left. */
    @Override
    public ExecutionSnapshot snapshot() {
        return new ExecutionSnapshot(java.util.Map.of(), false, "", java.util.Map.of());
    }

    @Override
    public void restore(ExecutionSnapshot snapshot) {
    }
}
