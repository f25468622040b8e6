package io.livestack.intake.internal;

import com.codahale.metrics.MetricRegistry;
import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.TimeoutException;
import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveClock;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer and the processing loop, free of OSGi so that it can be unit tested; {@link IntakeComponent}
 * wires it as a DS component.
 * <p>
 * Every input enters the {@link IntakeQueue} from any thread; ONE thread ({@value #THREAD_NAME}) takes the events
 * in order, gives each the next sequence number and its intake time ("now" for every stage), and runs the chain on
 * it as the brief's processing-chain contract says. Between batches the loop serves three small side lanes: queries
 * ({@link #query}, not sequenced), internal notices (e.g. the session auto-start, a vanished adapter when the ring is
 * full) and market data that overflowed a full ring. The stages are bound dynamically; the loop reads them through
 * a snapshot it refreshes when a binding changes, so an event is processed against one consistent set of stages.
 * <ul>
 * <li>No state stage, or one that is not {@link StateStore#ready() ready} yet (just started, waiting for its recovery
 * from storage): the loop processes nothing (events stay queued; producers wait once the queue is full), so that
 * recovered orders, positions and the last sequence number are in place before the first sequenced event.</li>
 * <li>No risk or execution stage: fail closed, no new orders; cancels still go (to the adapter directly when
 * execution is absent). Execution reports and cancel rejects are parked and replayed in order when execution
 * returns; a kill is applied directly (every open order cancelled) and delivered to execution when it returns.</li>
 * <li>Records: the records one event produces are collected while it is processed and handed to the sink together
 * when it is done ({@link ExecutionRecordSink#acceptAll}, or {@code accept} for a single one), so that the sink can
 * commit them in one transaction; records of different events are never merged. An operator command's reply is
 * completed once the event's records are handed over. No record sink: records are kept in order, event by event
 * (bounded in records, counted; an event whose records do not all fit is dropped whole), and delivered when one
 * is bound.</li>
 * <li>Any stage that throws: the error is recorded (MetadataRecord RUNTIME, or STRATEGY_FAULT for the strategy
 * host) and the loop goes on with the next event.</li>
 * </ul>
 * Tick-to-order ({@link IntakeMetrics}, while a {@link MetricRegistry} is bound): when execution control accepts a
 * new order (which it does only once {@code VenueAdapter.submit} has returned) while a market data event is being
 * processed, the time from that event's intake ({@link System#nanoTime()} at its slot claim, see
 * {@link IntakeQueue}) to then is one sample. Orders caused by anything else (execution reports, timers, operator
 * commands), cancels and replaces are not sampled.
 */
public final class IntakeRuntime implements EventIntake, LiveRuntime, AutoCloseable {

    static final String THREAD_NAME = "livestack-intake";
    /** Owner of the runtime's own timers (session start/stop timeouts and internal notices). */
    public static final String SESSION_TIMER_OWNER = "session";
    /** User of the commands the runtime gives itself (auto-start). */
    public static final String SYSTEM_USER = "system";

    static final String STAGE_STATE = "state";
    static final String STAGE_HOST = "strategy-host";
    static final String STAGE_RISK = "risk";
    static final String STAGE_EXECUTION = "execution";
    static final String STAGE_VENUE = "venue";
    static final String STAGE_INTAKE = "intake";

    private static final Logger LOG = LoggerFactory.getLogger(IntakeRuntime.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long STOP_DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** An event with its intake time, waiting outside the ring (internal lane, parked reports). */
    private record Stamped(Event event, long stamp) {
    }

    /** An operator command's result, completed at the end of the event that produced it. */
    private record PendingReply(OperatorCommand command, CommandResult result) {
    }

    private final RuntimeConfig config;
    private final IntakeCounters counters = new IntakeCounters();
    private final IntakeQueue queue;
    private final TimerScheduler timers;
    private final Thread thread;
    private final LiveClock systemClock = new SystemLiveClock();

    // --------------------------------------------- bindings: written by any thread, read by the loop via refresh()
    private volatile LiveClock clock;
    private volatile StateStore state;
    private volatile StrategyHostStage host;
    private volatile RiskStage risk;
    private volatile ExecutionStage execution;
    private volatile ExecutionRecordSink sink;
    private volatile RecordRecovery recovery;
    /** Null while no MetricRegistry service is bound (no registry, no metrics, same behaviour). */
    private volatile IntakeMetrics metrics;
    private final Object venueLock = new Object();
    private final Map<VenueId, VenueAdapter> adapters = new TreeMap<>();
    private volatile SortedMap<VenueId, VenueAdapter> venues = Collections.emptySortedMap();
    private final AtomicInteger bindings = new AtomicInteger();

    private final ConcurrentLinkedQueue<Query<?>> queries = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Stamped> internal = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastSeqPublished = new AtomicLong();
    private volatile boolean stopping;
    private volatile boolean killPending;
    private volatile int parkedCount;
    private volatile int bufferedCount;

    // --------------------------------------------- processing thread only
    private int seenBindings = -1;
    private StateStore st;
    /** The state instance that reported {@link StateStore#ready()}; readiness is asked until then. */
    private StateStore readyState;
    private boolean holdingForState;
    private StrategyHostStage hostL;
    private RiskStage riskL;
    private ExecutionStage execL;
    private ExecutionRecordSink sinkL;
    private SortedMap<VenueId, VenueAdapter> venuesL = Collections.emptySortedMap();
    private long lastSeq;
    private long lastNow = Long.MIN_VALUE;
    private boolean seqInitialised;
    private String stage = STAGE_INTAKE;
    private final Context ctx = new Context();
    /** Records kept while no sink is bound: one element per event (or per record produced outside an event). */
    private final ArrayDeque<List<ExecutionRecord>> recordBuffer = new ArrayDeque<>();
    /** Records in {@link #recordBuffer}. */
    private int bufferedRecords;
    /** Whether an event is being processed: its records are collected in {@link #eventRecords}. */
    private boolean inEvent;
    /** The records of the event being processed (reused: no allocation for an event that records nothing). */
    private final ArrayList<ExecutionRecord> eventRecords = new ArrayList<>();
    /** Replies of the event being processed, completed once its records are handed over. */
    private final ArrayList<PendingReply> eventReplies = new ArrayList<>();
    private final ArrayDeque<Stamped> parked = new ArrayDeque<>();
    private final ClientOrderIds ids;
    private final SessionController session;
    private final Consumer<Intent> intents = this::onStrategyIntent;
    private boolean autoStartIssued;
    private long sinkFailures;
    /** True while a market data event is processed; then {@link #tickNanoTime} is its intake nanoTime. */
    private boolean tickActive;
    private long tickNanoTime;

    public IntakeRuntime(RuntimeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.ids = new ClientOrderIds(config.clOrdIdPrefix());
        this.queue = new IntakeQueue(config.queueCapacity(), config.waitStrategy(), this::clock, counters, this::wake);
        this.timers = new TimerScheduler(this::clock, e -> queue.publish(e, Long.MAX_VALUE), THREAD_NAME + "-timers");
        this.session = new SessionController(this, config);
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /** Starts the processing and timer threads. */
    public void start() {
        thread.start();
        timers.start();
        LOG.info("intake started: queue capacity {}, wait strategy {}, ClOrdID prefix '{}', session auto-start {}",
                config.queueCapacity(), config.waitStrategy().key, config.clOrdIdPrefix(), config.autoStart());
    }

    /**
     * Stops accepting events, processes what is queued (at most 5 s, and only while the state stage is bound),
     * then stops the threads. Commands that were not processed complete exceptionally.
     */
    @Override
    public void close() {
        stopping = true;
        queue.close();
        timers.close();
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.error("the processing thread did not stop within 10 s (a stage is blocking it)");
        }
    }

    // ========================================================================================== bindings

    public void bindClock(LiveClock c) {
        clock = c;
    }

    public void unbindClock(LiveClock c) {
        if (clock == c) {
            clock = null;
        }
    }

    LiveClock clock() {
        LiveClock c = clock;
        return c != null ? c : systemClock;
    }

    public void bindState(StateStore s) {
        state = s;
        bindingsChanged();
    }

    public void unbindState(StateStore s) {
        if (state == s) {
            state = null;
            bindingsChanged();
        }
    }

    public void bindHost(StrategyHostStage h) {
        host = h;
        bindingsChanged();
    }

    public void unbindHost(StrategyHostStage h) {
        if (host == h) {
            host = null;
            bindingsChanged();
        }
    }

    public void bindRisk(RiskStage r) {
        risk = r;
        bindingsChanged();
    }

    public void unbindRisk(RiskStage r) {
        if (risk == r) {
            risk = null;
            bindingsChanged();
        }
    }

    public void bindExecution(ExecutionStage x) {
        execution = x;
        bindingsChanged();
    }

    public void unbindExecution(ExecutionStage x) {
        if (execution == x) {
            execution = null;
            bindingsChanged();
        }
    }

    public void bindSink(ExecutionRecordSink s) {
        sink = s;
        bindingsChanged();
    }

    public void unbindSink(ExecutionRecordSink s) {
        if (sink == s) {
            sink = null;
            bindingsChanged();
        }
    }

    public void bindMetricRegistry(MetricRegistry registry) {
        IntakeMetrics previous = metrics;
        metrics = new IntakeMetrics(registry);
        if (previous != null && previous.registry != registry) {
            previous.remove();
        }
    }

    public void unbindMetricRegistry(MetricRegistry registry) {
        IntakeMetrics current = metrics;
        if (current != null && current.registry == registry) {
            metrics = null;
            current.remove();
        }
    }

    public void bindRecovery(RecordRecovery r) {
        recovery = r;
    }

    public void unbindRecovery(RecordRecovery r) {
        if (recovery == r) {
            recovery = null;
        }
    }

    /** A venue adapter; its id is the {@value VenueAdapter#VENUE_PROPERTY} service property, else its venueId(). */
    public void bindVenue(VenueAdapter adapter, Map<String, ?> properties) {
        VenueId id = venueIdOf(adapter, properties);
        synchronized (venueLock) {
            VenueAdapter previous = adapters.put(id, adapter);
            if (previous != null && previous != adapter) {
                LOG.info("venue {}: adapter replaced", id);
            }
            venues = Collections.unmodifiableSortedMap(new TreeMap<>(adapters));
        }
        LOG.info("venue {} registered ({})", id, safeDescribe(adapter));
        bindingsChanged();
    }

    /** The adapter went away: its venue becomes UNAVAILABLE (intake publishes the session event itself). */
    public void unbindVenue(VenueAdapter adapter, Map<String, ?> properties) {
        VenueId id = venueIdOf(adapter, properties);
        boolean removed;
        synchronized (venueLock) {
            removed = adapters.get(id) == adapter;
            if (removed) {
                adapters.remove(id);
                venues = Collections.unmodifiableSortedMap(new TreeMap<>(adapters));
            }
        }
        if (!removed) {
            return;
        }
        bindingsChanged();
        LOG.info("venue {} unregistered: publishing UNAVAILABLE", id);
        if (queue.isClosed()) {
            return;
        }
        long now = clock().nanos();
        VenueSessionEvent gone = new VenueSessionEvent(id, now, VenueSessionState.UNAVAILABLE,
                "adapter service unregistered");
        // never wait on the (SCR) thread that unbinds: the ring if there is room, else the internal lane
        if (!queue.tryPublish(gone)) {
            internal(gone, now);
            wake();
        }
    }

    private static VenueId venueIdOf(VenueAdapter adapter, Map<String, ?> properties) {
        Object v = properties == null ? null : properties.get(VenueAdapter.VENUE_PROPERTY);
        if (v instanceof String s && !s.isBlank()) {
            return new VenueId(s.trim());
        }
        return adapter.venueId();
    }

    private static String safeDescribe(VenueAdapter adapter) {
        try {
            return adapter.kind() + ": " + adapter.describe();
        } catch (RuntimeException e) {
            return adapter.getClass().getName();
        }
    }

    private void bindingsChanged() {
        bindings.incrementAndGet();
        wake();
    }

    private void wake() {
        queue.wake();
        LockSupport.unpark(thread);
    }

    /** A test or replay clock jumped: timers check their due times now. */
    public void clockAdvanced() {
        timers.clockAdvanced();
    }

    // ========================================================================================== EventIntake

    @Override
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        if (Thread.currentThread() == thread && !(event instanceof MarketDataEvent)) {
            publishFromLoop(event);
            return;
        }
        queue.publish(event, Long.MAX_VALUE);
    }

    @Override
    public boolean offer(Event event, long timeout, TimeUnit unit) {
        Objects.requireNonNull(event, "event");
        if (Thread.currentThread() == thread && !(event instanceof MarketDataEvent)) {
            publishFromLoop(event);
            return true;
        }
        return queue.publish(event, Math.max(0, unit.toNanos(timeout)));
    }

    /**
     * A stage (e.g. an adapter called on the processing thread) publishes: the loop must never wait for itself to
     * make room, so when the ring is full the event goes to the internal lane (processed after the current batch).
     */
    private void publishFromLoop(Event event) {
        if (!queue.tryPublish(event)) {
            if (queue.isClosed()) {
                throw new IllegalStateException("intake is closed");
            }
            internal(event, clock().nanos());
        }
    }

    @Override
    public int queueDepth() {
        return queue.depth() + internal.size();
    }

    // ========================================================================================== LiveRuntime

    @Override
    public CompletableFuture<CommandResult> execute(Command command, String user) {
        CompletableFuture<CommandResult> reply = new CompletableFuture<>();
        try {
            publish(new OperatorCommand(clock().nanos(), user, command, reply));
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    @Override
    public <T> CompletableFuture<T> query(Function<StateView, T> query) {
        Objects.requireNonNull(query, "query");
        CompletableFuture<T> result = new CompletableFuture<>();
        if (stopping) {
            result.completeExceptionally(new IllegalStateException("the runtime is stopped"));
            return result;
        }
        if (Thread.currentThread() == thread) {
            // asked from the processing thread (a stage): run it now, queuing would deadlock a caller that waits
            new Query<>(query, result).run(st);
            return result;
        }
        queries.add(new Query<>(query, result));
        wake();
        return result;
    }

    /** A query waiting for the processing thread. */
    private record Query<T>(Function<StateView, T> function, CompletableFuture<T> result) {
        void run(StateStore state) {
            if (state == null) {
                result.completeExceptionally(new IllegalStateException("the state stage is not available"));
                return;
            }
            try {
                result.complete(function.apply(state));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    @Override
    public RuntimeStatus status() {
        ExecutionStage x = execution;
        TradingState global = TradingState.HALTED;
        boolean kill = killPending;
        if (x != null) {
            try {
                kill = x.killSwitchEngaged();
                global = kill ? TradingState.HALTED
                        : x.tradingStates().getOrDefault(TradingScope.GLOBAL, TradingState.ACTIVE);
            } catch (RuntimeException e) {
                global = TradingState.HALTED;
            }
        }
        Map<String, Boolean> stages = new LinkedHashMap<>();
        stages.put(STAGE_STATE, state != null);
        stages.put(STAGE_HOST, host != null);
        stages.put(STAGE_RISK, risk != null);
        stages.put(STAGE_EXECUTION, execution != null);
        stages.put("record-sink", sink != null);
        for (VenueId v : venues.keySet()) {
            stages.put("venue:" + v.value(), true);
        }
        return new RuntimeStatus(session.state(), lastSeqPublished.get(), queueDepth(), counters.processed(),
                counters.conflated.sum(), Collections.unmodifiableMap(stages), global, kill);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < IntakeCounters.TYPES.length; i++) {
            m.put("events.in." + IntakeCounters.TYPES[i], counters.in[i].sum());
        }
        for (int i = 0; i < IntakeCounters.TYPES.length; i++) {
            m.put("events.out." + IntakeCounters.TYPES[i], counters.out(i));
        }
        m.put("queue.depth", (long) queueDepth());
        m.put("queue.capacity", (long) queue.capacity());
        m.put("conflated", counters.conflated.sum());
        m.put("overflowed", counters.overflowed.sum());
        m.put("producer.waits", counters.producerWaits.sum());
        m.put("producer.refused", counters.refused.sum());
        m.put("loop.busy.nanos", counters.get(IntakeCounters.BUSY));
        m.put("loop.batches", counters.get(IntakeCounters.BATCHES));
        m.put("records.delivered", counters.get(IntakeCounters.RECORDS_DELIVERED));
        m.put("records.buffered", (long) bufferedCount);
        m.put("records.dropped", counters.get(IntakeCounters.RECORDS_DROPPED));
        m.put("reports.parked", (long) parkedCount);
        m.put("faults", counters.get(IntakeCounters.FAULTS));
        m.put("intents.accepted", counters.get(IntakeCounters.INTENTS_ACCEPTED));
        m.put("intents.rejected", counters.get(IntakeCounters.INTENTS_REJECTED));
        for (RejectReason reason : RejectReason.values()) {
            m.put("rejections." + reason.name(), counters.rejections(reason));
        }
        m.put("timers.pending", (long) timers.pending());
        m.put("seq.last", lastSeqPublished.get());
        return Collections.unmodifiableMap(m);
    }

    @Override
    public int queueCapacity() {
        return queue.capacity();
    }

    public RuntimeConfig config() {
        return config;
    }

    // ========================================================================================== the loop

    private void run() {
        long next = queue.lastConsumed() + 1;
        while (true) {
            try {
                refresh();
                drainQueries();
                boolean live = stateReady();
                if (live) {
                    if (execL != null && !parked.isEmpty()) {
                        replayParked(); // parked while a new state instance was not ready yet
                    }
                    drainInternal();
                    drainOverflow();
                    counters.publish();
                }
                if (stopping && (!live || (queue.isEmpty() && internal.isEmpty())
                        || System.nanoTime() - stopDeadline() > 0)) {
                    break;
                }
                if (!live) {
                    LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                    Thread.interrupted(); // nobody may interrupt this thread: do not spin on a stale flag
                    continue;
                }
                long available;
                try {
                    available = queue.waitFor(next);
                } catch (AlertException woken) {
                    queue.clearWake();
                    continue;
                } catch (TimeoutException | InterruptedException e) {
                    continue;
                }
                if (available < next) {
                    continue;
                }
                long end = Math.min(available, next + config.batchSize() - 1);
                long started = System.nanoTime();
                long s = next;
                try {
                    while (s <= end) {
                        if (bindings.get() != seenBindings) {
                            refresh();
                            if (!stateReady()) {
                                break;
                            }
                        }
                        IntakeQueue.Slot slot = queue.slot(s);
                        s++;
                        try {
                            handle(slot);
                        } finally {
                            slot.clear();
                        }
                    }
                } finally {
                    if (s > next) {
                        queue.release(s - 1);
                    }
                    next = s;
                    counters.busyNanos += System.nanoTime() - started;
                    counters.batches++;
                    counters.publish();
                }
            } catch (Throwable t) {
                counters.faults++;
                LOG.error("processing loop error (continuing)", t);
            }
        }
        shutdown(next);
    }

    private long stopDeadlineNanos;

    private long stopDeadline() {
        if (stopDeadlineNanos == 0) {
            stopDeadlineNanos = System.nanoTime() + STOP_DRAIN_NANOS;
        }
        return stopDeadlineNanos;
    }

    private void shutdown(long next) {
        IllegalStateException stopped = new IllegalStateException("the runtime stopped before this was processed");
        long unprocessed = 0;
        for (long s = next; s <= queue.cursor(); s++) {
            if (queue.isPublished(s)) {
                IntakeQueue.Slot slot = queue.slot(s);
                if (slot.event instanceof OperatorCommand oc) {
                    oc.reply().completeExceptionally(stopped);
                }
                unprocessed++;
                slot.clear();
            }
        }
        if (unprocessed > 0) {
            LOG.warn("{} queued events were not processed before the runtime stopped (state stage {})", unprocessed,
                    st == null ? "absent" : "bound");
        }
        for (Stamped p : internal) {
            if (p.event() instanceof OperatorCommand oc) {
                oc.reply().completeExceptionally(stopped);
            }
        }
        Query<?> q;
        while ((q = queries.poll()) != null) {
            q.result().completeExceptionally(stopped);
        }
        if (!parked.isEmpty()) {
            LOG.warn("{} execution reports/commands parked for execution control were not processed", parked.size());
        }
        if (!recordBuffer.isEmpty()) {
            LOG.warn("{} execution records were never delivered (no record sink bound)", bufferedRecords);
        }
        LOG.info("intake stopped at seq {} (session {})", lastSeq, session.state());
    }

    /**
     * Whether events may be processed: a state stage is bound and {@link StateStore#ready() ready} (a state just
     * started may still wait for its recovery). Asks the state until it says yes once; processing thread only.
     */
    private boolean stateReady() {
        StateStore s = st;
        if (s == null) {
            return false;
        }
        if (s == readyState) {
            return true;
        }
        boolean ready;
        try {
            ready = s.ready();
        } catch (RuntimeException e) {
            LOG.error("the state stage failed to say whether it is ready; processing events anyway", e);
            ready = true;
        }
        if (ready) {
            readyState = s;
            if (holdingForState) {
                holdingForState = false;
                LOG.info("state stage ready: processing the held events ({} queued)", queueDepth());
            }
        } else if (!holdingForState) {
            holdingForState = true;
            LOG.info("state stage not ready yet (waiting for its recovery from storage): holding events");
        }
        return ready;
    }

    /** Takes the bound services into the loop's snapshot and reacts to what changed. */
    private void refresh() {
        int version = bindings.get();
        if (version == seenBindings) {
            return;
        }
        seenBindings = version;
        StrategyHostStage previousHost = hostL;
        SortedMap<VenueId, VenueAdapter> previousVenues = venuesL;
        st = state;
        hostL = host;
        riskL = risk;
        execL = execution;
        sinkL = sink;
        venuesL = venues;
        if (sinkL != null && !recordBuffer.isEmpty()) {
            flushRecords(sinkL);
        }
        if (st == null) {
            return;
        }
        if (execL != null && !parked.isEmpty() && stateReady()) {
            replayParked();
        }
        SessionState sessionState = session.state();
        if (hostL != null && hostL != previousHost && sessionState == SessionState.RUNNING) {
            notice(SessionController.TOKEN_HOST_BOUND);
        }
        if (venuesL != previousVenues
                && (sessionState == SessionState.STARTING || sessionState == SessionState.RUNNING)) {
            notice(SessionController.TOKEN_VENUES_CHANGED);
        }
        if (config.autoStart() && !autoStartIssued && hostL != null && riskL != null && execL != null) {
            autoStartIssued = true;
            long now = clock().nanos();
            LOG.info("chain is up (state, strategy host, risk, execution): starting the session (session.autoStart)");
            internal(new OperatorCommand(now, SYSTEM_USER, new Command.StartSession(), new CompletableFuture<>()), now);
        }
    }

    /** An internal notice for the session controller, sequenced like a timer so that it has its place in order. */
    private void notice(long token) {
        long now = clock().nanos();
        internal(new TimerEvent(now, SESSION_TIMER_OWNER, token), now);
    }

    private void internal(Event event, long stamp) {
        counters.in(event);
        internal.add(new Stamped(event, stamp));
    }

    private void drainQueries() {
        Query<?> q;
        while ((q = queries.poll()) != null) {
            q.run(st);
        }
    }

    private void drainInternal() {
        Stamped p;
        while (st != null && (p = internal.poll()) != null) {
            process(p.event(), p.stamp());
        }
    }

    private void drainOverflow() {
        IntakeQueue.Pending p;
        while (st != null && (p = queue.pollOverflow()) != null) {
            long stamp = p.overflowStamp;
            long nanoTime = p.overflowNanoTime;
            MarketDataEvent md = p.take();
            if (md != null) {
                processMarketData(md, stamp, nanoTime);
            }
        }
    }

    private void replayParked() {
        LOG.info("execution control is back: replaying {} parked events", parked.size());
        Stamped p;
        while (execL != null && (p = parked.poll()) != null) {
            parkedCount = parked.size();
            process(p.event(), p.stamp());
        }
        parkedCount = parked.size();
    }

    private void handle(IntakeQueue.Slot slot) {
        switch (slot.kind) {
            case IntakeQueue.MARKET_DATA -> {
                IntakeQueue.Pending p = slot.pending;
                MarketDataEvent md = p == null ? null : p.take();
                if (md != null) {
                    processMarketData(md, slot.stamp, slot.intakeNanoTime);
                }
            }
            case IntakeQueue.EVENT -> {
                if (slot.event != null) {
                    process(slot.event, slot.stamp);
                }
            }
            default -> throw new IllegalStateException("unknown slot kind " + slot.kind);
        }
    }

    /** A market data event, with the nanoTime of its intake for the tick-to-order samples of the orders it causes. */
    private void processMarketData(MarketDataEvent md, long stamp, long intakeNanoTime) {
        tickNanoTime = intakeNanoTime;
        tickActive = true;
        try {
            process(md, stamp);
        } finally {
            tickActive = false;
        }
    }

    /** One event: its sequence number, its time, the chain. Never throws. */
    private void process(Event event, long stamp) {
        if (execL == null && (event instanceof ExecutionReport || event instanceof OrderCancelRejected)) {
            parked.add(new Stamped(event, stamp));
            parkedCount = parked.size();
            return;
        }
        if (!seqInitialised) {
            initialiseSeq();
        }
        long seq = ++lastSeq;
        long now = stamp > lastNow ? stamp : lastNow;
        lastNow = now;
        ids.begin(now);
        ctx.seq = seq;
        ctx.now = now;
        Sequenced sequenced = new Sequenced(seq, now, event);
        inEvent = true;
        try {
            dispatch(sequenced, event);
        } catch (Throwable t) {
            fault(t);
            if (event instanceof OperatorCommand oc && !replied(oc)) {
                reply(oc, CommandResult.error(oc.command().action() + " failed in " + stage + ": " + t));
            }
        } finally {
            endEvent();
        }
        counters.countOut(IntakeCounters.typeIndex(event));
        lastSeqPublished.lazySet(seq);
    }

    private void initialiseSeq() {
        seqInitialised = true;
        long base = 0;
        RecordRecovery r = recovery;
        if (r != null) {
            try {
                base = r.lastSeq();
            } catch (RuntimeException e) {
                LOG.warn("could not read the last recorded sequence number", e);
            }
        }
        try {
            base = Math.max(base, st.lastSeq());
        } catch (RuntimeException e) {
            LOG.warn("could not read the state's last sequence number", e);
        }
        if (base > lastSeq) {
            lastSeq = base;
            LOG.info("sequence numbers continue after {}", base);
        }
    }

    private void dispatch(Sequenced s, Event e) {
        if (e instanceof MarketDataEvent md) {
            stage = STAGE_STATE;
            st.apply(s.seq(), md);
            toHost(s);
        } else if (e instanceof ExecutionReport er) {
            stage = STAGE_EXECUTION;
            execL.onExecutionReport(er, ctx);
            toHost(s);
            session.onOrdersChanged();
        } else if (e instanceof OrderCancelRejected reject) {
            stage = STAGE_EXECUTION;
            execL.onCancelRejected(reject, ctx);
            toHost(s);
            session.onOrdersChanged();
        } else if (e instanceof VenueSessionEvent v) {
            onVenueSession(s, v);
        } else if (e instanceof TimerEvent t) {
            if (SESSION_TIMER_OWNER.equals(t.owner())) {
                stage = STAGE_INTAKE;
                session.onTimer(t.token());
            } else {
                toHost(s);
            }
        } else if (e instanceof OperatorCommand oc) {
            onCommand(oc);
        }
    }

    private void toHost(Sequenced s) {
        StrategyHostStage h = hostL;
        if (h != null) {
            stage = STAGE_HOST;
            h.onEvent(s, ctx, intents);
        }
    }

    private void onVenueSession(Sequenced s, VenueSessionEvent v) {
        stage = STAGE_STATE;
        st.setVenueState(v.venue(), v.state());
        if (execL != null) {
            stage = STAGE_EXECUTION;
            execL.onVenueSession(v, ctx);
        } else {
            venueSessionWithoutExecution(v);
        }
        record(new MetadataRecord(ctx.seq, ctx.now, MetadataRecord.Kind.VENUE, v.venue().value(),
                v.detail().isEmpty() ? v.state().name() : v.state() + ": " + v.detail()));
        toHost(s);
        stage = STAGE_INTAKE;
        session.onVenueState(v);
    }

    /** What execution control would do, kept to the minimum: reconcile after logon, flag a vanished venue. */
    private void venueSessionWithoutExecution(VenueSessionEvent v) {
        if (v.state() == VenueSessionState.RECONCILING) {
            VenueAdapter adapter = venuesL.get(v.venue());
            List<OrderView> open = new ArrayList<>();
            for (OrderView o : st.openOrders()) {
                if (o.venue().equals(v.venue())) {
                    if (!o.venueAvailable()) {
                        o = Orders.withVenueAvailable(o, true, ctx.seq, ctx.now);
                        st.putOrder(o);
                    }
                    open.add(o);
                }
            }
            if (adapter != null) {
                stage = STAGE_VENUE;
                adapter.reconcile(open);
            }
        } else if (v.state() == VenueSessionState.UNAVAILABLE) {
            for (OrderView o : new ArrayList<>(st.openOrders())) {
                if (o.venue().equals(v.venue()) && o.venueAvailable()) {
                    OrderView u = Orders.withVenueAvailable(o, false, ctx.seq, ctx.now);
                    st.putOrder(u);
                    record(new OrderRecord(ctx.seq, ctx.now, "VENUE_UNAVAILABLE", u));
                }
            }
        }
    }

    // ========================================================================================== commands

    private void onCommand(OperatorCommand oc) {
        Command c = oc.command();
        CommandResult r;
        if (c instanceof Command.Kill k) {
            r = kill(oc, k);
        } else if (c instanceof Command.Resume || c instanceof Command.SetTradingState) {
            if (execL == null) {
                r = CommandResult.error("execution control is not available: " + c.action() + " not applied");
            } else {
                stage = STAGE_EXECUTION;
                r = execL.onCommand(c, oc.user(), ctx);
            }
        } else if (c instanceof Command.ManualIntent m) {
            r = manual(m.intent());
        } else if (c instanceof Command.StartStrategy s) {
            r = hostL == null ? CommandResult.error("the strategy host is not available")
                    : hostCall(() -> hostL.start(s.strategy(), ctx));
        } else if (c instanceof Command.StopStrategy s) {
            r = hostL == null ? CommandResult.error("the strategy host is not available")
                    : hostCall(() -> hostL.stop(s.strategy(), ctx));
        } else if (c instanceof Command.ConnectVenue v) {
            VenueAdapter a = v.venue() == null ? null : venuesL.get(v.venue());
            if (a == null) {
                r = CommandResult.error("unknown venue " + v.venue());
            } else {
                stage = STAGE_VENUE;
                a.connect();
                r = CommandResult.ok("connecting " + v.venue());
            }
        } else if (c instanceof Command.DisconnectVenue v) {
            VenueAdapter a = v.venue() == null ? null : venuesL.get(v.venue());
            if (a == null) {
                r = CommandResult.error("unknown venue " + v.venue());
            } else {
                stage = STAGE_VENUE;
                a.disconnect();
                r = CommandResult.ok("disconnecting " + v.venue());
            }
        } else if (c instanceof Command.StartSession) {
            stage = STAGE_INTAKE;
            session.start(oc);
            r = null;
        } else if (c instanceof Command.StopSession s) {
            stage = STAGE_INTAKE;
            session.stop(oc, s.cancelOpenOrders());
            r = null;
        } else {
            r = CommandResult.error("unknown command " + c.action());
        }
        if (!(c instanceof Command.StartSession) && !(c instanceof Command.StopSession)) {
            // the session controller replies when the transition is over; everything else replies now
            reply(oc, r != null ? r : CommandResult.error(c.action() + ": no result"));
        }
    }

    private CommandResult hostCall(Supplier<CommandResult> call) {
        stage = STAGE_HOST;
        CommandResult r = call.get();
        return r != null ? r : CommandResult.error("the strategy host gave no result");
    }

    /**
     * Completes an operator command: records who did what and how it ended, then completes its reply (at the end of
     * the event, once the event's records are handed to the sink).
     */
    void reply(OperatorCommand oc, CommandResult result) {
        if (oc == null || replied(oc)) {
            return;
        }
        Command c = oc.command();
        record(new OperatorActionRecord(ctx.seq, ctx.now, oc.user(), c.action(), target(c),
                result.ok() ? "ok" : result.message()));
        if (inEvent) {
            eventReplies.add(new PendingReply(oc, result));
        } else {
            oc.reply().complete(result);
        }
    }

    /** Whether the command was replied to (or will be at the end of this event). */
    private boolean replied(OperatorCommand oc) {
        if (oc.reply().isDone()) {
            return true;
        }
        for (int i = 0; i < eventReplies.size(); i++) {
            if (eventReplies.get(i).command() == oc) {
                return true;
            }
        }
        return false;
    }

    private static String target(Command c) {
        if (c instanceof Command.Kill k) {
            return k.reason() == null ? "*" : "*: " + k.reason();
        }
        if (c instanceof Command.SetTradingState s) {
            return s.scope() + "=" + s.state();
        }
        if (c instanceof Command.ManualIntent m) {
            Intent i = m.intent();
            if (i instanceof SubmitOrder s) {
                return s.venue() + " " + s.instrument() + " " + s.side();
            }
            if (i instanceof CancelOrder co) {
                return co.clientOrderId().value();
            }
            return ((ReplaceOrder) i).clientOrderId().value();
        }
        if (c instanceof Command.StartStrategy s) {
            return String.valueOf(s.strategy());
        }
        if (c instanceof Command.StopStrategy s) {
            return String.valueOf(s.strategy());
        }
        if (c instanceof Command.ConnectVenue v) {
            return String.valueOf(v.venue());
        }
        if (c instanceof Command.DisconnectVenue v) {
            return String.valueOf(v.venue());
        }
        return "session";
    }

    private CommandResult kill(OperatorCommand oc, Command.Kill k) {
        if (execL != null) {
            stage = STAGE_EXECUTION;
            CommandResult r = execL.onCommand(k, oc.user(), ctx);
            killPending = false;
            return r;
        }
        int open = 0;
        int sent = 0;
        for (OrderView o : new ArrayList<>(st.openOrders())) {
            open++;
            if (directCancel(o)) {
                sent++;
            }
        }
        if (!killPending) {
            killPending = true;
            OperatorCommand deferred = new OperatorCommand(oc.sourceTimeNanos(), oc.user(), k,
                    new CompletableFuture<>());
            counters.in(deferred);
            parked.add(new Stamped(deferred, ctx.now));
            parkedCount = parked.size();
        }
        String detail = "kill while execution control is unavailable: cancel sent directly for " + sent + " of "
                + open + " open orders; HALTED is latched when execution control returns";
        record(new MetadataRecord(ctx.seq, ctx.now, MetadataRecord.Kind.TRADING_STATE, "global", detail));
        LOG.warn(detail);
        return CommandResult.ok(detail);
    }

    private CommandResult manual(Intent intent) {
        Intent i = intent;
        if (i instanceof SubmitOrder s) {
            // the operator's tools cannot make ClOrdIDs (they are made on the processing thread): a fresh one here
            i = new SubmitOrder(Intent.MANUAL, ids.next(), s.venue(), s.instrument(), s.side(), s.type(),
                    s.timeInForce(), s.price(), s.quantity());
        }
        RiskDecision d = handleIntent(i, true);
        if (d.accepted()) {
            if (i instanceof SubmitOrder s) {
                return CommandResult.ok("order " + s.clientOrderId() + " sent");
            }
            return CommandResult.ok((i instanceof CancelOrder ? "cancel of " : "replace of ")
                    + (i instanceof CancelOrder co ? co.clientOrderId() : ((ReplaceOrder) i).clientOrderId())
                    + " sent");
        }
        return CommandResult.error(d.reason() + (d.detail() == null || d.detail().isEmpty() ? "" : ": " + d.detail()));
    }

    // ========================================================================================== intents

    private void onStrategyIntent(Intent intent) {
        String saved = stage;
        try {
            handleIntent(intent, false);
        } catch (Throwable t) {
            fault(t);
        } finally {
            stage = saved;
        }
    }

    /** Validation, gates, risk, execution; every refusal is recorded (and told to the strategy). */
    private RiskDecision handleIntent(Intent intent, boolean manual) {
        RiskDecision d = validate(intent);
        if (d == null) {
            d = gate(intent, manual);
        }
        if (d == null) {
            d = route(intent);
        }
        if (d == null) {
            d = RiskDecision.ACCEPT;
        }
        if (d.accepted()) {
            counters.intentsAccepted++;
        } else {
            refuse(intent, d, manual);
        }
        return d;
    }

    private void refuse(Intent intent, RiskDecision d, boolean manual) {
        counters.intentsRejected++;
        RejectReason reason = d.reason() != null ? d.reason() : RejectReason.CUSTOM_CHECK;
        counters.rejections[reason.ordinal()]++;
        record(new RiskRejectionRecord(ctx.seq, ctx.now, intent, reason, d.check(), d.detail()));
        StrategyHostStage h = hostL;
        if (!manual && h != null) {
            stage = STAGE_HOST;
            try {
                h.onRejected(intent, reason, d.detail(), ctx);
            } catch (Throwable t) {
                fault(t);
            }
        }
    }

    private RiskDecision validate(Intent intent) {
        if (intent instanceof SubmitOrder s) {
            if (s.quantity() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_QUANTITY, "quantity must be positive, got "
                        + s.quantity());
            }
            if (s.type() == OrderType.LIMIT && s.price() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_PRICE, "limit price must be positive, got "
                        + s.price());
            }
            VenueAdapter adapter = venuesL.get(s.venue());
            if (adapter == null) {
                return RiskDecision.reject(RejectReason.UNKNOWN_VENUE, "no adapter for venue " + s.venue());
            }
            stage = STAGE_VENUE;
            if (!adapter.instruments().contains(s.instrument())) {
                return RiskDecision.reject(RejectReason.UNKNOWN_INSTRUMENT, s.instrument() + " is not listed by venue "
                        + s.venue());
            }
            return null;
        }
        if (intent instanceof ReplaceOrder r) {
            if (r.newQuantity() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_QUANTITY, "quantity must be positive, got "
                        + r.newQuantity());
            }
            stage = STAGE_STATE;
            OrderView o = st.order(r.clientOrderId());
            if (o == null) {
                return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "no order " + r.clientOrderId());
            }
            if (!o.isOpen()) {
                return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN, "order " + r.clientOrderId() + " is "
                        + o.status());
            }
            if (o.type() == OrderType.LIMIT && r.newPrice() <= 0) {
                return RiskDecision.reject(RejectReason.INVALID_PRICE, "limit price must be positive, got "
                        + r.newPrice());
            }
            if (!venuesL.containsKey(o.venue())) {
                return RiskDecision.reject(RejectReason.UNKNOWN_VENUE, "no adapter for venue " + o.venue());
            }
            return null;
        }
        CancelOrder c = (CancelOrder) intent;
        stage = STAGE_STATE;
        OrderView o = st.order(c.clientOrderId());
        if (o == null) {
            return RiskDecision.reject(RejectReason.UNKNOWN_ORDER, "no order " + c.clientOrderId());
        }
        if (!o.isOpen()) {
            return RiskDecision.reject(RejectReason.ORDER_NOT_OPEN, "order " + c.clientOrderId() + " is "
                    + o.status());
        }
        return null;
    }

    /** Session and strategy gates: new orders and replaces need a running session and a running strategy. */
    private RiskDecision gate(Intent intent, boolean manual) {
        if (intent instanceof CancelOrder) {
            return null;
        }
        SessionState s = session.state();
        if (s != SessionState.RUNNING) {
            return RiskDecision.reject(RejectReason.SESSION_NOT_RUNNING, "the session is " + s);
        }
        if (!manual) {
            StrategyHostStage h = hostL;
            stage = STAGE_HOST;
            if (h == null || !h.isRunning(intent.strategy())) {
                return RiskDecision.reject(RejectReason.STRATEGY_NOT_RUNNING, "strategy " + intent.strategy()
                        + " is not running");
            }
        }
        return null;
    }

    private RiskDecision route(Intent intent) {
        RiskStage r = riskL;
        ExecutionStage x = execL;
        if (intent instanceof CancelOrder c) {
            if (r != null) {
                stage = STAGE_RISK;
                try {
                    RiskDecision d = r.check(c, st, ctx.now);
                    if (d != null && !d.accepted()) {
                        return d;
                    }
                } catch (Throwable t) {
                    fault(t); // a failing risk stage does not hold back a cancel
                }
            }
            if (x != null) {
                stage = STAGE_EXECUTION;
                try {
                    return x.cancel(c, ctx);
                } catch (Throwable t) {
                    fault(t);
                    return RiskDecision.reject(RejectReason.EXECUTION_UNAVAILABLE, "execution control failed: " + t);
                }
            }
            OrderView o = st.order(c.clientOrderId());
            return directCancel(o) ? RiskDecision.ACCEPT
                    : RiskDecision.reject(RejectReason.VENUE_NOT_READY, "no adapter for venue " + o.venue());
        }
        if (r == null) {
            return RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "the risk stage is not available: no new orders");
        }
        if (x == null) {
            return RiskDecision.reject(RejectReason.EXECUTION_UNAVAILABLE,
                    "execution control is not available: no new orders");
        }
        RiskDecision d;
        stage = STAGE_RISK;
        try {
            d = r.check(intent, st, ctx.now);
        } catch (Throwable t) {
            fault(t);
            return RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "risk check failed: " + t);
        }
        if (d == null) {
            return RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "risk check gave no decision");
        }
        if (!d.accepted()) {
            return d;
        }
        stage = STAGE_EXECUTION;
        try {
            if (intent instanceof SubmitOrder s) {
                RiskDecision sent = x.submit(s, ctx);
                if (tickActive && (sent == null || sent.accepted())) {
                    tickToOrder();
                }
                return sent;
            }
            return x.replace((ReplaceOrder) intent, ctx);
        } catch (Throwable t) {
            fault(t);
            return RiskDecision.reject(RejectReason.EXECUTION_UNAVAILABLE, "execution control failed: " + t);
        }
    }

    /** A new order went to its venue adapter while market data was processed: one tick-to-order sample. */
    private void tickToOrder() {
        IntakeMetrics m = metrics;
        if (m != null) {
            m.tickToOrder(System.nanoTime() - tickNanoTime);
        }
    }

    /**
     * Cancels an order at its venue without execution control: a new ClOrdID aliased to the order, the order
     * marked with the pending request and recorded, the request sent. False when the venue has no adapter.
     */
    boolean directCancel(OrderView o) {
        VenueAdapter adapter = venuesL.get(o.venue());
        if (adapter == null) {
            return false;
        }
        ClientOrderId cancelId = ids.next();
        stage = STAGE_STATE;
        st.alias(cancelId, o.clientOrderId());
        OrderView pending = Orders.withPendingCancel(o, cancelId, ctx.seq, ctx.now);
        st.putOrder(pending);
        record(new OrderRecord(ctx.seq, ctx.now, "CANCEL_REQUESTED", pending));
        stage = STAGE_VENUE;
        adapter.cancel(pending, cancelId);
        return true;
    }

    /** A cancel for a session stop: execution control if present (no risk throttle), else directly. */
    boolean cancelForStop(OrderView o) {
        ExecutionStage x = execL;
        if (x == null) {
            return directCancel(o);
        }
        CancelOrder c = new CancelOrder(o.strategy(), o.clientOrderId());
        RiskDecision d;
        stage = STAGE_EXECUTION;
        try {
            d = x.cancel(c, ctx);
        } catch (Throwable t) {
            fault(t);
            d = RiskDecision.reject(RejectReason.EXECUTION_UNAVAILABLE, "execution control failed: " + t);
        }
        if (d != null && !d.accepted()) {
            refuse(c, d, true);
            return false;
        }
        return true;
    }

    // ========================================================================================== records, faults

    /**
     * A record: while an event is processed it joins the event's records (handed over by {@link #endEvent});
     * outside an event (e.g. seq 0) it is handed over at once.
     */
    void record(ExecutionRecord r) {
        if (inEvent) {
            eventRecords.add(r);
            return;
        }
        ExecutionRecordSink s = sinkL;
        if (s != null) {
            if (!recordBuffer.isEmpty()) {
                flushRecords(s);
            }
            deliver(s, r);
            return;
        }
        keep(List.of(r));
    }

    /**
     * The event is processed: its records go to the sink together (one record: {@code accept}; several:
     * {@code acceptAll} with an immutable copy), then the replies it produced are completed.
     */
    private void endEvent() {
        inEvent = false;
        int n = eventRecords.size();
        if (n > 0) {
            try {
                ExecutionRecordSink s = sinkL;
                if (s != null && !recordBuffer.isEmpty()) {
                    flushRecords(s);
                }
                if (n == 1) {
                    ExecutionRecord r = eventRecords.get(0);
                    if (s != null) {
                        deliver(s, r);
                    } else {
                        keep(List.of(r));
                    }
                } else {
                    List<ExecutionRecord> records = List.copyOf(eventRecords);
                    if (s != null) {
                        deliverAll(s, records);
                    } else {
                        keep(records);
                    }
                }
            } finally {
                eventRecords.clear();
            }
        }
        if (!eventReplies.isEmpty()) {
            for (int i = 0; i < eventReplies.size(); i++) {
                PendingReply p = eventReplies.get(i);
                p.command().reply().complete(p.result());
            }
            eventReplies.clear();
        }
    }

    /** No sink: keeps an event's records (or a lone record) for later, whole or not at all. */
    private void keep(List<ExecutionRecord> records) {
        int n = records.size();
        if (bufferedRecords + n > config.recordBufferCapacity()) {
            long before = counters.recordsDropped;
            counters.recordsDropped += n;
            if (before == 0 || before / 10_000 != counters.recordsDropped / 10_000) {
                LOG.error("no record sink and the record buffer is full ({}): {} execution records dropped",
                        config.recordBufferCapacity(), counters.recordsDropped);
            }
            return;
        }
        recordBuffer.add(records);
        bufferedRecords += n;
        bufferedCount = bufferedRecords;
    }

    private void flushRecords(ExecutionRecordSink s) {
        int n = bufferedRecords;
        List<ExecutionRecord> records;
        while ((records = recordBuffer.poll()) != null) {
            if (records.size() == 1) {
                deliver(s, records.get(0));
            } else {
                deliverAll(s, records);
            }
        }
        bufferedRecords = 0;
        bufferedCount = 0;
        LOG.info("record sink bound: delivered {} buffered execution records", n);
    }

    private void deliver(ExecutionRecordSink s, ExecutionRecord r) {
        try {
            s.accept(r);
            counters.recordsDelivered++;
        } catch (Throwable t) {
            sinkFailed(r, t);
        }
    }

    private void deliverAll(ExecutionRecordSink s, List<ExecutionRecord> records) {
        try {
            s.acceptAll(records);
            counters.recordsDelivered += records.size();
        } catch (Throwable t) {
            sinkFailed(records, t);
        }
    }

    private void sinkFailed(Object what, Throwable t) {
        counters.faults++;
        sinkFailures++;
        if (sinkFailures <= 10 || sinkFailures % 10_000 == 0) {
            LOG.error("the record sink threw on {} ({} times so far; records must never be refused)", what,
                    sinkFailures, t);
        }
    }

    /** A stage threw: record it with the event's place and go on. */
    private void fault(Throwable t) {
        counters.faults++;
        String where = stage;
        MetadataRecord.Kind kind = STAGE_HOST.equals(where) ? MetadataRecord.Kind.STRATEGY_FAULT
                : MetadataRecord.Kind.RUNTIME;
        String detail = "seq " + ctx.seq + ": " + t;
        if (counters.faults <= 20 || counters.faults % 1000 == 0) {
            LOG.warn("stage {} failed at seq {} (fault {}; the chain goes on)", where, ctx.seq, counters.faults, t);
        }
        try {
            record(new MetadataRecord(ctx.seq, ctx.now, kind, where, detail));
        } catch (Throwable again) {
            LOG.error("could not record a fault", again);
        }
    }

    // ========================================================================================== for the session

    ProcessingContext context() {
        return ctx;
    }

    Consumer<Intent> intentSink() {
        return intents;
    }

    StateStore stateStage() {
        return st;
    }

    StrategyHostStage hostStage() {
        return hostL;
    }

    Collection<VenueAdapter> venueAdapters() {
        return venuesL.values();
    }

    SortedMap<VenueId, VenueAdapter> venueMap() {
        return venuesL;
    }

    VenueSessionState venueState(VenueId venue) {
        return st.venueState(venue);
    }

    void scheduleTimer(String owner, long atNanos, long token) {
        timers.schedule(owner, atNanos, token);
    }

    /** Runs a call into a stage with fault containment (for the session controller). */
    void contained(String where, Runnable call) {
        String saved = stage;
        stage = where;
        try {
            call.run();
        } catch (Throwable t) {
            fault(t);
        } finally {
            stage = saved;
        }
    }

    SessionController session() {
        return session;
    }

    /** The ProcessingContext handed to the stages: one mutable instance, valid for the event being processed. */
    private final class Context implements ProcessingContext {
        long seq;
        long now;

        @Override
        public long seq() {
            return seq;
        }

        @Override
        public long now() {
            return now;
        }

        @Override
        public StateStore state() {
            return st;
        }

        @Override
        public VenueAdapter venue(VenueId venue) {
            return venue == null ? null : venuesL.get(venue);
        }

        @Override
        public Collection<VenueAdapter> venues() {
            return venuesL.values();
        }

        @Override
        public void record(ExecutionRecord record) {
            IntakeRuntime.this.record(Objects.requireNonNull(record, "record"));
        }

        @Override
        public ClientOrderId nextClientOrderId() {
            return ids.next();
        }

        @Override
        public void scheduleTimer(String owner, long atNanos, long token) {
            timers.schedule(Objects.requireNonNull(owner, "owner"), atNanos, token);
        }
    }
}
