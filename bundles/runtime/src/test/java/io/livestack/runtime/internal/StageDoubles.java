package io.livestack.runtime.internal;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Doubles of the stage contracts for the runtime's own tests: what the chain calls, recorded, and scriptable. The
 * state, the venue, the sink and the clock are the test kit's.
 */
final class StageDoubles {

    private StageDoubles() {
    }

    record Rejection(Intent intent, RejectReason reason, String detail) {
    }

    /** A strategy host that records what it is fed; its "strategies" do what {@link #behaviour} says. */
    static class FakeHost implements StrategyHostStage {
        private final List<Sequenced> events = new ArrayList<>();
        final List<Rejection> rejections = new CopyOnWriteArrayList<>();
        final AtomicInteger startAll = new AtomicInteger();
        final AtomicInteger stopAll = new AtomicInteger();
        final List<StrategyId> started = new CopyOnWriteArrayList<>();
        /** What the "strategies" do with an event: emit intents, or throw. */
        volatile BiConsumer<Sequenced, Consumer<Intent>> behaviour = (e, i) -> { };
        /** The context of the event being processed (processing thread only). */
        ProcessingContext lastContext;

        List<Sequenced> events() {
            synchronized (events) {
                return new ArrayList<>(events);
            }
        }

        int eventCount() {
            synchronized (events) {
                return events.size();
            }
        }

        @Override
        public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
            synchronized (events) {
                events.add(event);
            }
            lastContext = context;
            behaviour.accept(event, intents);
        }

        @Override
        public void onRejected(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
            rejections.add(new Rejection(intent, reason, detail));
        }

        @Override
        public CommandResult start(StrategyId strategy, ProcessingContext context) {
            started.add(strategy);
            return CommandResult.ok("started " + strategy);
        }

        @Override
        public CommandResult stop(StrategyId strategy, ProcessingContext context) {
            return CommandResult.ok("stopped " + strategy);
        }

        @Override
        public List<StrategyInfo> strategies() {
            return List.of();
        }

        @Override
        public CommandResult startAll(ProcessingContext context, Consumer<Intent> intents) {
            startAll.incrementAndGet();
            return CommandResult.ok("all started");
        }

        @Override
        public CommandResult stopAll(ProcessingContext context, Consumer<Intent> intents) {
            stopAll.incrementAndGet();
            return CommandResult.ok("all stopped");
        }

        /** The timer events fed to the host, as "owner id:token". */
        List<String> timerTokens() {
            List<String> out = new ArrayList<>();
            for (Sequenced s : events()) {
                if (s.event() instanceof TimerEvent t) {
                    out.add(t.owner().id() + ":" + t.token());
                }
            }
            return out;
        }
    
        HostSnapshot restored;

        @Override
        public HostSnapshot snapshot() {
            return new HostSnapshot(false, List.of());
        }

        @Override
        public void restore(HostSnapshot snapshot) {
            restored = snapshot;
        }
    }

    /** A risk stage that answers what {@link #decision} says, recording what it checked. */
    static final class FakeRisk implements RiskStage {
        final List<Intent> checked = new CopyOnWriteArrayList<>();
        volatile Function<Intent, RiskDecision> decision = i -> RiskDecision.ACCEPT;
        /** The fills it was told of, the times it was asked to review, what the next review asks for. */
        final List<io.livestack.api.record.FillRecord> fills = new CopyOnWriteArrayList<>();
        final List<Long> reviews = new CopyOnWriteArrayList<>();
        final List<io.livestack.api.risk.RiskAction> nextActions = new CopyOnWriteArrayList<>();

        @Override
        public void onFill(io.livestack.api.record.FillRecord fill, long nowNanos) {
            fills.add(fill);
        }

        @Override
        public List<io.livestack.api.risk.RiskAction> review(StateView state, long nowNanos) {
            reviews.add(nowNanos);
            List<io.livestack.api.risk.RiskAction> out = List.copyOf(nextActions);
            nextActions.clear();
            return out;
        }

        @Override
        public RiskDecision check(Intent intent, StateView state, long nowNanos) {
            checked.add(intent);
            return decision.apply(intent);
        }

        @Override
        public List<LimitUsage> limits() {
            return List.of();
        }
    
        RiskSnapshot restored;

        @Override
        public RiskSnapshot snapshot() {
            return RiskSnapshot.EMPTY;
        }

        @Override
        public void restore(RiskSnapshot snapshot) {
            restored = snapshot;
        }
    }

    /**
     * Execution control reduced to what the chain needs to see: a submit goes to the venue as PENDING_NEW, a cancel
     * with a fresh ClOrdID, a report sets the order's status, RECONCILING reconciles every open order, a kill halts.
     */
    static class FakeExecution implements ExecutionStage {
        final List<SubmitOrder> submits = new CopyOnWriteArrayList<>();
        final List<CancelOrder> cancels = new CopyOnWriteArrayList<>();
        final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
        final List<OrderCancelRejected> cancelRejects = new CopyOnWriteArrayList<>();
        final List<VenueSessionEvent> sessions = new CopyOnWriteArrayList<>();
        final List<Command> commands = new CopyOnWriteArrayList<>();
        final List<Long> reportSeqs = new CopyOnWriteArrayList<>();
        volatile boolean halted;
        /** Book a fill record for each TRADE report (what the risk stage's post-trade review sees). */
        volatile boolean bookFills;

        @Override
        public ExecutionOutcome submit(SubmitOrder intent, ExecutionContext context) {
            submits.add(intent);
            OrderView o = new OrderView(intent.clientOrderId(), intent.clientOrderId(), null, null, intent.strategy(),
                    intent.venue(), intent.instrument(), intent.side(), intent.type(), intent.timeInForce(),
                    intent.price(), intent.quantity(), 0, 0, OrderStatus.PENDING_NEW, 0, 0, false, true, "",
                    context.seq(), context.seq(), context.now(), context.now());
            context.orders().putOrder(o);
            context.venue(intent.venue()).submit(o);
            return ExecutionOutcome.SENT;
        }

        @Override
        public ExecutionOutcome cancel(CancelOrder intent, ExecutionContext context) {
            cancels.add(intent);
            OrderView o = context.state().order(intent.clientOrderId());
            ClientOrderId cancelId = context.nextClientOrderId();
            context.orders().alias(cancelId, o.clientOrderId());
            context.venue(o.venue()).cancel(o, cancelId);
            return ExecutionOutcome.SENT;
        }

        @Override
        public ExecutionOutcome replace(ReplaceOrder intent, ExecutionContext context) {
            return ExecutionOutcome.SENT;
        }

        @Override
        public void onExecutionReport(ExecutionReport report, ExecutionContext context) {
            reports.add(report);
            reportSeqs.add(context.seq());
            if (bookFills && report.execType() == io.livestack.api.model.ExecType.TRADE) {
                context.record(new io.livestack.api.record.FillRecord(context.seq(), context.now(), report.venue(),
                        report.execId(), report.clientOrderId(), report.venueOrderId(),
                        io.livestack.api.model.StrategyId.of("mm"), report.instrument(), report.side(),
                        Math.max(1, report.lastPrice()), Math.max(1, report.lastQuantity()), io.livestack.api.model.LiquidityFlag.UNKNOWN, 0,
                        null, 0));
            }
            OrderView o = context.state().order(report.clientOrderId());
            if (o != null) {
                context.orders().putOrder(new OrderView(o.clientOrderId(), o.currentClientOrderId(), null,
                        o.venueOrderId(), o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(),
                        o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(), report.orderStatus(), 0, 0,
                        false, o.venueAvailable(), "", o.createdSeq(), context.seq(), o.createdTimeNanos(),
                        context.now()));
            }
        }

        @Override
        public void onCancelRejected(OrderCancelRejected reject, ExecutionContext context) {
            cancelRejects.add(reject);
        }

        @Override
        public void onVenueSession(VenueSessionEvent event, ExecutionContext context) {
            sessions.add(event);
            if (event.state() == VenueSessionState.RECONCILING) {
                context.venue(event.venue()).reconcile(context.state().openOrders());
            }
        }

        @Override
        public CommandResult onCommand(Command command, String user, ExecutionContext context) {
            commands.add(command);
            if (command instanceof Command.Kill) {
                halted = true;
            }
            return CommandResult.ok(command.action() + " applied");
        }

        @Override
        public TradingState tradingState(TradingScope scope) {
            return halted ? TradingState.HALTED : TradingState.ACTIVE;
        }

        @Override
        public Map<TradingScope, TradingState> tradingStates() {
            return halted ? Map.of(TradingScope.GLOBAL, TradingState.HALTED) : Map.of();
        }

        @Override
        public boolean killSwitchEngaged() {
            return halted;
        }
    
        ExecutionSnapshot restored;

        @Override
        public ExecutionSnapshot snapshot() {
            return new ExecutionSnapshot(tradingStates(), killSwitchEngaged(), "", Map.of());
        }

        @Override
        public void restore(ExecutionSnapshot snapshot) {
            restored = snapshot;
        }
    }
}
