package io.livestack.intake.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
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
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveClock;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateStore;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/** Simple test doubles of the stage contracts (thread-safe enough to be inspected from the test thread). */
final class Fakes {

    static final VenueId SIM = VenueId.of("SIM");
    static final VenueId ALT = VenueId.of("ALT");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    static final StrategyId STRAT = StrategyId.of("s1");

    private Fakes() {
    }

    // ------------------------------------------------------------------------------------------ waiting

    /** Polls {@code condition} until it holds; fails after {@code timeout}. */
    static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000L);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, condition, Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------------------------------ events

    static BookSnapshot snapshot(VenueId v, InstrumentId i, long t, List<BookLevel> bids, List<BookLevel> asks) {
        return new BookSnapshot(v, i, t, bids, asks);
    }

    static BookDelta delta(VenueId v, InstrumentId i, long t, LevelChange... changes) {
        return new BookDelta(v, i, t, List.of(changes));
    }

    static TradeTick trade(VenueId v, InstrumentId i, long t, long price, long qty, Side aggressor) {
        return new TradeTick(v, i, t, price, qty, aggressor);
    }

    static LevelChange bid(long price, long qty) {
        return new LevelChange(Side.BUY, price, qty);
    }

    static LevelChange ask(long price, long qty) {
        return new LevelChange(Side.SELL, price, qty);
    }

    static VenueSessionEvent session(VenueId v, VenueSessionState s) {
        return new VenueSessionEvent(v, 0, s, "test");
    }

    static ExecutionReport report(VenueId v, String clOrdId, String execId, ExecType type, OrderStatus status) {
        return new ExecutionReport(v, 0, ClientOrderId.of(clOrdId), null, VenueOrderId.of("V" + clOrdId),
                ExecId.of(execId), type, status, BTC, Side.BUY, 100, 10, 0, 0, 0, 100, 0, null, 0, null, "", false);
    }

    static OrderView order(String id, VenueId venue, OrderStatus status) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, VenueOrderId.of("V" + id), STRAT, venue,
                BTC, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, 10, 100, 0, 0, status, 0, 0, false, true, "", 1, 1,
                0, 0);
    }

    static SubmitOrder submit(StrategyId s, VenueId venue, InstrumentId instrument, long price, long qty) {
        return new SubmitOrder(s, ClientOrderId.of("placeholder"), venue, instrument, Side.BUY, OrderType.LIMIT,
                TimeInForce.DAY, price, qty);
    }

    // ------------------------------------------------------------------------------------------ clock

    static final class FakeClock implements LiveClock {
        final AtomicLong nanos;

        FakeClock(long start) {
            nanos = new AtomicLong(start);
        }

        @Override
        public long nanos() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    // ------------------------------------------------------------------------------------------ state

    static class FakeState implements StateStore {
        final List<Long> appliedSeqs = new CopyOnWriteArrayList<>();
        final List<MarketDataEvent> applied = new CopyOnWriteArrayList<>();
        private final Map<ClientOrderId, OrderView> orders = new LinkedHashMap<>();
        private final Map<ClientOrderId, ClientOrderId> aliases = new HashMap<>();
        private final Map<VenueId, VenueSessionState> venueStates = new LinkedHashMap<>();
        private final Set<String> executions = new HashSet<>();
        volatile Predicate<MarketDataEvent> failOn = md -> false;
        volatile long lastSeq;
        /** What {@link #ready()} answers (false: still waiting for its recovery). */
        volatile boolean ready = true;
        final AtomicInteger readyAsked = new AtomicInteger();

        @Override
        public boolean ready() {
            readyAsked.incrementAndGet();
            return ready;
        }

        @Override
        public void apply(long seq, MarketDataEvent event) {
            if (failOn.test(event)) {
                throw new IllegalStateException("state failed on purpose");
            }
            appliedSeqs.add(seq);
            applied.add(event);
            lastSeq = seq;
        }

        @Override
        public synchronized void putOrder(OrderView order) {
            orders.put(order.clientOrderId(), order);
        }

        @Override
        public synchronized void alias(ClientOrderId alias, ClientOrderId handle) {
            aliases.put(alias, handle);
        }

        synchronized Map<ClientOrderId, ClientOrderId> aliases() {
            return new HashMap<>(aliases);
        }

        @Override
        public synchronized boolean knowsExecution(VenueId venue, ExecId execId) {
            return executions.contains(venue + "|" + execId);
        }

        @Override
        public synchronized PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
            executions.add(fill.venue() + "|" + fill.execId());
            return new PositionRecord(seq, timeNanos, PositionView.flat(fill.instrument()));
        }

        @Override
        public synchronized void setVenueState(VenueId venue, VenueSessionState state) {
            venueStates.put(venue, state);
        }

        @Override
        public String stateHash() {
            return "";
        }

        @Override
        public BookView book(VenueId venue, InstrumentId instrument) {
            return null;
        }

        @Override
        public Collection<? extends BookView> books() {
            return List.of();
        }

        @Override
        public synchronized OrderView order(ClientOrderId id) {
            OrderView o = orders.get(id);
            if (o == null && aliases.containsKey(id)) {
                o = orders.get(aliases.get(id));
            }
            return o;
        }

        @Override
        public synchronized Collection<OrderView> orders() {
            return new ArrayList<>(orders.values());
        }

        @Override
        public synchronized Collection<OrderView> openOrders() {
            return orders.values().stream().filter(OrderView::isOpen).toList();
        }

        @Override
        public synchronized int openOrderCount() {
            return openOrders().size();
        }

        @Override
        public PositionView position(InstrumentId instrument) {
            return PositionView.flat(instrument);
        }

        @Override
        public Collection<PositionView> positions() {
            return List.of();
        }

        @Override
        public synchronized Map<VenueId, VenueSessionState> venueStates() {
            return new LinkedHashMap<>(venueStates);
        }

        @Override
        public long lastSeq() {
            return lastSeq;
        }
    }

    // ------------------------------------------------------------------------------------------ host

    record Rejection(Intent intent, RejectReason reason, String detail) {
    }

    static class FakeHost implements StrategyHostStage {
        private final List<Sequenced> events = new ArrayList<>();
        final List<Rejection> rejections = new CopyOnWriteArrayList<>();
        final Set<StrategyId> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicInteger startAll = new AtomicInteger();
        final AtomicInteger stopAll = new AtomicInteger();
        /** What the "strategies" do with an event: emit intents, or throw. */
        volatile BiConsumer<Sequenced, java.util.function.Consumer<Intent>> behaviour = (e, i) -> { };

        /** The context of the event being processed (processing thread only). */
        ProcessingContext lastContext;

        FakeHost running(StrategyId id) {
            running.add(id);
            return this;
        }

        /** A copy of the events fed so far. */
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
        public void onEvent(Sequenced event, ProcessingContext context, java.util.function.Consumer<Intent> intents) {
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
            running.add(strategy);
            return CommandResult.ok("started " + strategy);
        }

        @Override
        public CommandResult stop(StrategyId strategy, ProcessingContext context) {
            running.remove(strategy);
            return CommandResult.ok("stopped " + strategy);
        }

        @Override
        public List<StrategyInfo> strategies() {
            return List.of();
        }

        @Override
        public boolean isRunning(StrategyId strategy) {
            return running.contains(strategy);
        }

        @Override
        public CommandResult startAll(ProcessingContext context, java.util.function.Consumer<Intent> intents) {
            startAll.incrementAndGet();
            return CommandResult.ok("all started");
        }

        @Override
        public CommandResult stopAll(ProcessingContext context, java.util.function.Consumer<Intent> intents) {
            stopAll.incrementAndGet();
            return CommandResult.ok("all stopped");
        }

        /** The timer events fed to the host, as "owner:token". */
        List<String> timerTokens() {
            List<String> out = new ArrayList<>();
            for (Sequenced s : events()) {
                if (s.event() instanceof io.livestack.api.event.TimerEvent t) {
                    out.add(t.owner() + ":" + t.token());
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------ risk

    static final class FakeRisk implements RiskStage {
        final List<Intent> checked = new CopyOnWriteArrayList<>();
        volatile Function<Intent, RiskDecision> decision = i -> RiskDecision.ACCEPT;

        @Override
        public RiskDecision check(Intent intent, StateView state, long nowNanos) {
            checked.add(intent);
            return decision.apply(intent);
        }

        @Override
        public List<LimitUsage> limits() {
            return List.of();
        }
    }

    // ------------------------------------------------------------------------------------------ execution

    static class FakeExecution implements ExecutionStage {
        final List<SubmitOrder> submits = new CopyOnWriteArrayList<>();
        final List<CancelOrder> cancels = new CopyOnWriteArrayList<>();
        final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
        final List<OrderCancelRejected> cancelRejects = new CopyOnWriteArrayList<>();
        final List<VenueSessionEvent> sessions = new CopyOnWriteArrayList<>();
        final List<Command> commands = new CopyOnWriteArrayList<>();
        final List<Long> reportSeqs = new CopyOnWriteArrayList<>();
        volatile boolean halted;

        @Override
        public RiskDecision submit(SubmitOrder intent, ProcessingContext context) {
            submits.add(intent);
            OrderView o = new OrderView(intent.clientOrderId(), intent.clientOrderId(), null, null, intent.strategy(),
                    intent.venue(), intent.instrument(), intent.side(), intent.type(), intent.timeInForce(),
                    intent.price(), intent.quantity(), 0, 0, OrderStatus.PENDING_NEW, 0, 0, false, true, "",
                    context.seq(), context.seq(), context.now(), context.now());
            context.state().putOrder(o);
            context.venue(intent.venue()).submit(o);
            return RiskDecision.ACCEPT;
        }

        @Override
        public RiskDecision cancel(CancelOrder intent, ProcessingContext context) {
            cancels.add(intent);
            OrderView o = context.state().order(intent.clientOrderId());
            ClientOrderId cancelId = context.nextClientOrderId();
            context.state().alias(cancelId, o.clientOrderId());
            context.venue(o.venue()).cancel(o, cancelId);
            return RiskDecision.ACCEPT;
        }

        @Override
        public RiskDecision replace(ReplaceOrder intent, ProcessingContext context) {
            return RiskDecision.ACCEPT;
        }

        @Override
        public void onExecutionReport(ExecutionReport report, ProcessingContext context) {
            reports.add(report);
            reportSeqs.add(context.seq());
            OrderView o = context.state().order(report.clientOrderId());
            if (o != null) {
                context.state().putOrder(new OrderView(o.clientOrderId(), o.currentClientOrderId(), null,
                        o.venueOrderId(), o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(),
                        o.price(), o.quantity(), o.filledQuantity(), o.averageFillPrice(), report.orderStatus(), 0, 0,
                        false, o.venueAvailable(), "", o.createdSeq(), context.seq(), o.createdTimeNanos(),
                        context.now()));
            }
        }

        @Override
        public void onCancelRejected(OrderCancelRejected reject, ProcessingContext context) {
            cancelRejects.add(reject);
        }

        @Override
        public void onVenueSession(VenueSessionEvent event, ProcessingContext context) {
            sessions.add(event);
            if (event.state() == VenueSessionState.RECONCILING) {
                context.venue(event.venue()).reconcile(context.state().openOrders());
            }
        }

        @Override
        public CommandResult onCommand(Command command, String user, ProcessingContext context) {
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
    }

    // ------------------------------------------------------------------------------------------ venue

    record CancelRequest(ClientOrderId order, ClientOrderId cancelId) {
    }

    static class FakeAdapter implements VenueAdapter {
        final VenueId id;
        final Set<InstrumentId> instruments;
        final AtomicInteger connects = new AtomicInteger();
        final AtomicInteger disconnects = new AtomicInteger();
        final List<OrderView> submitted = new CopyOnWriteArrayList<>();
        final List<CancelRequest> cancels = new CopyOnWriteArrayList<>();
        final List<Collection<OrderView>> reconciles = new CopyOnWriteArrayList<>();
        /** Runs on connect() (on the processing thread), e.g. to publish session events. */
        volatile Runnable onConnect = () -> { };

        FakeAdapter(VenueId id, InstrumentId... instruments) {
            this.id = id;
            this.instruments = Set.of(instruments);
        }

        Map<String, Object> properties() {
            return Map.of(VenueAdapter.VENUE_PROPERTY, id.value());
        }

        @Override
        public VenueId venueId() {
            return id;
        }

        @Override
        public Set<InstrumentId> instruments() {
            return instruments;
        }

        @Override
        public VenueSessionState sessionState() {
            return VenueSessionState.DISCONNECTED;
        }

        @Override
        public void submit(OrderView order) {
            submitted.add(order);
        }

        @Override
        public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
            cancels.add(new CancelRequest(order.clientOrderId(), cancelClientOrderId));
        }

        @Override
        public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        }

        @Override
        public void reconcile(Collection<OrderView> openOrders) {
            reconciles.add(List.copyOf(openOrders));
        }

        @Override
        public void connect() {
            connects.incrementAndGet();
            onConnect.run();
        }

        @Override
        public void disconnect() {
            disconnects.incrementAndGet();
        }
    }

    // ------------------------------------------------------------------------------------------ records

    static final class FakeSink implements ExecutionRecordSink {
        final List<ExecutionRecord> records = new CopyOnWriteArrayList<>();
        /** Every call, in order. */
        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

        /** One call to the sink: {@code accept} (one record) or {@code acceptAll}. */
        record Delivery(boolean all, List<ExecutionRecord> records) {
        }

        @Override
        public void accept(ExecutionRecord record) {
            deliveries.add(new Delivery(false, List.of(record)));
            records.add(record);
        }

        @Override
        public void acceptAll(List<ExecutionRecord> group) {
            deliveries.add(new Delivery(true, group));
            records.addAll(group);
        }

        <T extends ExecutionRecord> List<T> of(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (ExecutionRecord r : records) {
                if (type.isInstance(r)) {
                    out.add(type.cast(r));
                }
            }
            return out;
        }
    }
}
