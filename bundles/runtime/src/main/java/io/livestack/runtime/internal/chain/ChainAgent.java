package io.livestack.runtime.internal.chain;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain as an agent: {@link #doWork()} drains one batch from the {@link Sequencer} and runs the chain for each
 * event, in order, on the calling thread — the owned processing thread in production ({@link AgentRunner}), the test
 * itself in a test that steps the chain by hand. For each event the data walks one way:
 * <pre>
 * market data      → state → strategy host → intents → risk → execution control → venue
 * execution report → execution control → strategy host (→ intents ...) → session
 * venue session    → state → execution control → strategy host → session
 * timer            → strategy host (a strategy's) | session (the runtime's)
 * durability       → session (a stop waiting for its records to be durable)
 * operator command → the operator side (commands, session)
 * </pre>
 * Every call into a stage goes through {@link Guard}: a stage that throws is a fault blamed on it ({@link Faults}) and
 * the event ends there; the next one is processed. The records an event produces go to the sink together when it is
 * done ({@link EventRecords}). Between batches it runs the queued {@link Queries} and takes in a new snapshot of the
 * bound stages ({@link Stages}), reacting to what changed.
 */
public final class ChainAgent implements Sequencer.Gate, Sequencer.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ChainAgent.class);
    private static final long HOLD_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Sequencer sequencer;
    private final StageBinder binder;
    private final int batchSize;
    private final EventClock clock = new EventClock();
    private final ChainCounters counters;
    private final ChainJournal journal;
    private final EventRecords records;
    private final Faults faults;
    private final ChainContext context;
    private final Queries queries;
    private final TickToOrder tickToOrder;
    private final IntentPipeline pipeline;
    private final PostTradeRisk postTrade;
    private volatile Operator operator;
    private volatile Startup startup = Startup.DONE;
    private volatile RuntimeEvents runtimeEvents = RuntimeEvents.NONE;
    private volatile boolean started;
    private long snapshotEvery;

    private final Bindings bindings;
    private final ServiceChanges services;
    private volatile Stages published;

    // processing thread only
    private Stages stages;
    private long binderChanges;
    private long eventsSinceSnapshot;
    /** The state instance that said it was ready; readiness is asked until then. */
    private StateStore readyState;
    private boolean holding;

    public ChainAgent(Sequencer sequencer, StageBinder binder, int batchSize, ChainCounters counters, Queries queries,
            TickToOrder tickToOrder) {
        this.sequencer = sequencer;
        this.binder = binder;
        this.batchSize = batchSize;
        this.counters = counters;
        this.queries = queries;
        this.tickToOrder = tickToOrder;
        this.journal = new ChainJournal(sequencer::journal);
        this.records = new EventRecords(() -> stages.sink(), counters, journal);
        this.faults = new Faults(counters, records, clock);
        this.context = new ChainContext(clock, sequencer, records, journal);
        this.postTrade = new PostTradeRisk(() -> stages, context, faults);
        this.records.onFill(postTrade::onFill);
        this.bindings = new Bindings(binder);
        this.pipeline = new IntentPipeline(context, () -> stages, () -> operator.session(), faults, counters,
                tickToOrder, journal, bindings::venueAccount);
        this.services = new ServiceChanges(bindings, records, journal, () -> stages, this::use);
        this.stages = bindings.stages();
        this.published = stages;
        this.binderChanges = binder.changes();
        this.context.use(stages);
    }

    /** The operator side (it needs the chain's parts, so it comes after). */
    public void operator(Operator operator) {
        this.operator = operator;
    }

    /** What runs before live events (a recovery); set before the processing thread starts. */
    public void startup(Startup work) {
        this.startup = work;
        this.started = false;
    }

    /** What the runtime does with its own events. */
    public void runtimeEvents(RuntimeEvents handler) {
        this.runtimeEvents = handler;
    }

    /** A snapshot after this many events (0: none by count). */
    public void snapshotEvery(long events) {
        this.snapshotEvery = events;
    }

    /** Whether the startup work (a recovery) is done and live events are taken. */
    public boolean started() {
        return started;
    }

    /** The services as the journal knows them (processing thread). */
    public Bindings bindings() {
        return bindings;
    }

    /**
     * After a recovery, or a restore of its bindings: the chain takes the stages as {@link Bindings} has them now
     * (processing thread, between events).
     */
    public void bindingsChanged() {
        use(bindings.stages());
    }

    // ============================================================================================ the agent

    /** Runs the queued queries and one batch of events; returns how much it did (0: nothing to do). */
    public int doWork() {
        refresh();
        if (!started) {
            started = startup.step();
            if (!started) {
                String failure = startup.failure();
                if (failure != null) { // a query would read a state that is not the journal's
                    queries.failAll(new IllegalStateException("the runtime takes no events: " + failure));
                }
                return 0; // queries wait for the recovery
            }
            refresh();
        }
        int work = queries.drain(stages.state() == null ? null : context.state());
        long started = System.nanoTime();
        int events = sequencer.poll(batchSize, this, this);
        if (events > 0) {
            counters.busyNanos += System.nanoTime() - started;
            counters.batches++;
        }
        counters.publish();
        return work + events;
    }

    /** Nothing to do: wait for work (or, while holding every event, a short while for the state to get ready). */
    public void idle() {
        if (started && open()) {
            sequencer.awaitWork();
        } else {
            LockSupport.parkNanos(this, HOLD_PARK_NANOS);
            Thread.interrupted(); // nobody may interrupt this thread: do not spin on a stale flag
        }
    }

    // ============================================================================================ the gate

    @Override
    public boolean open() {
        if (!started) {
            return false;
        }
        refresh();
        StateStore s = stages.state();
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
            if (holding) {
                holding = false;
                LOG.info("state stage ready: processing the held events ({} queued)", sequencer.queueDepth());
            }
        } else if (!holding) {
            holding = true;
            LOG.info("state stage not ready yet (waiting for its recovery from storage): holding events");
        }
        return ready;
    }

    @Override
    public boolean executionPresent() {
        return stages.present(Stage.EXECUTION);
    }

    /** The last sequence number before this runtime: the journal's, or the state's if it is further. */
    @Override
    public long sequenceBase() {
        long base = sequencer.journal().appendedSeq();
        try {
            base = Math.max(base, stages.state().lastSeq());
        } catch (RuntimeException e) {
            LOG.warn("could not read the state's last sequence number", e);
        }
        return base;
    }

    /** Takes in a state or sink bound or unbound since (they are not journaled). */
    private void refresh() {
        long changes = binder.changes();
        if (changes != binderChanges) {
            binderChanges = changes;
            use(bindings.stages());
        }
    }

    /** Uses {@code current} from now on, and reacts to what changed. */
    private void use(Stages current) {
        Stages previous = stages;
        stages = current;
        published = current;
        context.use(current);
        if (current.present(Stage.SINK)) {
            records.drain(binder.standIns().sink(), current.sink());
        }
        if (current.present(Stage.EXECUTION) && !previous.present(Stage.EXECUTION)) {
            for (ExecutionStandIn.LatchedKill kill : binder.standIns().execution().takeLatchedKills()) {
                LOG.info("execution control is back: handing it the kill of {} given while it was away",
                        kill.kill().scope());
                sequencer.sequenceNext(new OperatorCommand(sequencer.clock().nanos(), kill.user(), kill.kill()));
            }
        }
        Operator o = operator;
        if (current.state() != null && o != null) {
            o.onStagesChanged(previous, current);
        }
    }

    // ============================================================================================ the chain

    @Override
    public void onEvent(Sequenced event, CompletableFuture<CommandResult> reply, long intakeNanoTime) {
        journal.begin(event.seq());
        process(event, reply, intakeNanoTime);
    }

    /**
     * A journaled event again, in a recovery: the journal supplies what strategies decided ({@link ChainJournal}
     * was set up for it), the records are checked against the journaled ones, nothing is sent to a venue.
     */
    public void replay(Sequenced event) {
        process(event, null, 0);
    }

    private void process(Sequenced event, CompletableFuture<CommandResult> reply, long intakeNanoTime) {
        clock.begin(event);
        records.begin();
        if (snapshotEvery > 0 && ++eventsSinceSnapshot == snapshotEvery && !journal.replaying()) {
            sequencer.sequenceNext(new RuntimeEvent(event.intakeTimeNanos(), RuntimeEvent.Kind.SNAPSHOT, null));
        }
        Event e = event.event();
        try {
            if (e instanceof MarketDataEvent md) {
                marketData(event, md, intakeNanoTime);
            } else if (e instanceof ExecutionReport report) {
                Guard.run(Stage.EXECUTION, () -> stages.execution().onExecutionReport(report, context));
                toHost(event);
                operator.afterOrdersChanged();
            } else if (e instanceof OrderCancelRejected reject) {
                Guard.run(Stage.EXECUTION, () -> stages.execution().onCancelRejected(reject, context));
                toHost(event);
                operator.afterOrdersChanged();
            } else if (e instanceof VenueSessionEvent session) {
                venueSession(event, session);
            } else if (e instanceof io.livestack.api.event.SentOrderRecovered sent) {
                Guard.run(Stage.EXECUTION, () -> stages.execution().onSentOrderRecovered(sent, context));
                operator.afterOrdersChanged();
            } else if (e instanceof TimerEvent timer) {
                if (timer.owner().kind() == TimerOwner.Kind.RUNTIME) {
                    Guard.run(Stage.SESSION, () -> operator.onRuntimeTimer(timer));
                } else {
                    toHost(event);
                }
            } else if (e instanceof OperatorCommand command) {
                operator.onCommand(command, reply);
            } else if (e instanceof BindingEvent b) {
                if (b.kind() == BindingEvent.Kind.STRATEGY) {
                    toHost(event); // a strategy's binding is the host's
                } else {
                    services.binding(event, b);
                }
            } else if (e instanceof ConfigurationEvent c) {
                services.configuration(event, c);
            } else if (e instanceof RuntimeEvent r) {
                if (r.kind() == RuntimeEvent.Kind.DURABILITY) {
                    Guard.run(Stage.SESSION, () -> operator.onDurability(r));
                } else {
                    if (r.kind() == RuntimeEvent.Kind.SNAPSHOT) {
                        eventsSinceSnapshot = 0;
                    }
                    runtimeEvents.on(r, journal.replaying());
                }
            }
            riskActions(postTrade.afterEvent());
        } catch (StageFailure f) {
            faults.record(f);
        } catch (Throwable t) {
            faults.record(Stage.CHAIN, t);
        } finally {
            records.end();
        }
    }

    /** What the risk stage asked for, to the operator side (applied as audited trading state changes). */
    private void riskActions(List<io.livestack.api.risk.RiskAction> actions) {
        if (!actions.isEmpty()) {
            operator.onRiskActions(actions);
        }
    }

    private void marketData(Sequenced event, MarketDataEvent md, long intakeNanoTime) {
        tickToOrder.tick(intakeNanoTime);
        try {
            StateStore state = stages.state();
            long seq = event.seq();
            Guard.run(Stage.STATE, () -> state.apply(seq, md));
            toHost(event);
        } finally {
            tickToOrder.tickDone();
        }
    }

    /** State first (which also derives the orders' venue availability), then execution control, the host, the session. */
    private void venueSession(Sequenced event, VenueSessionEvent session) {
        List<OrderView> changed = Guard.call(Stage.STATE, () -> stages.state().setVenueState(session.venue(),
                session.state(), session.detail(), event.seq(), event.intakeTimeNanos()));
        for (OrderView order : changed) {
            records.add(new OrderRecord(event.seq(), event.intakeTimeNanos(), order.venueAvailable()
                    ? OrderEvent.VENUE_AVAILABLE : OrderEvent.VENUE_UNAVAILABLE, order));
        }
        Guard.run(Stage.EXECUTION, () -> stages.execution().onVenueSession(session, context));
        records.add(new MetadataRecord(event.seq(), event.intakeTimeNanos(), MetadataRecord.Kind.VENUE,
                session.venue().value(), session.detail().isEmpty() ? session.state().name()
                        : session.state() + ": " + session.detail()));
        toHost(event);
        Guard.run(Stage.SESSION, () -> operator.afterVenueSession(session));
    }

    private void toHost(Sequenced event) {
        Guard.run(Stage.STRATEGY_HOST, () -> stages.host().onEvent(event, context.forStrategies(), pipeline));
    }

    // ============================================================================================ for the operator side

    /** The stages the chain uses now (processing thread). */
    public Stages stages() {
        return stages;
    }

    /** The stages the chain uses, as last published for other threads (status). */
    public Stages publishedStages() {
        return published;
    }

    public ChainContext context() {
        return context;
    }

    public IntentPipeline intents() {
        return pipeline;
    }

    public EventRecords records() {
        return records;
    }

    public ChainJournal journal() {
        return journal;
    }

    public Faults faults() {
        return faults;
    }

    public EventClock clock() {
        return clock;
    }

    // ============================================================================================ stop

    /** The processing thread stopped: what was never processed is failed or logged. */
    void stopped() {
        IllegalStateException stopped = new IllegalStateException("the runtime stopped before this was processed");
        int left = sequencer.discardUnprocessed(reply -> reply.completeExceptionally(stopped));
        if (left > 0) {
            LOG.warn("{} queued events were not processed before the runtime stopped (state stage {})", left,
                    stages.state() == null ? "absent" : "bound");
        }
        queries.failAll(stopped);
        int buffered = binder.standIns().sink().buffered();
        if (buffered > 0) {
            LOG.warn("{} execution records were never delivered (no record sink bound)", buffered);
        }
        LOG.info("the chain stopped at seq {}", sequencer.lastSeq());
    }
}
