package io.livestack.strategy.host.internal;

import io.livestack.api.event.Event;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy host stage. It binds every {@link Strategy} service (id from {@value Strategy#ID_PROPERTY}, kind
 * from {@value #KIND_PROPERTY}, auto-start flag from {@value #AUTO_START_PROPERTY}) and, on the processing thread,
 * feeds each event to the running strategies in strategy-id order (so the same event sequence gives the same intents
 * whatever order the services were bound in). Operator commands are not fed (their effects are); a timer event goes
 * only to the strategy that owns it.
 *
 * <p><b>Membership.</b> Services come and go on SCR threads; the host notes the change and takes it in at the next
 * processing-thread call: it records the binding as a MetadataRecord(STRATEGY) and, while the session runs (between
 * {@link #startAll} and {@link #stopAll}), starts a strategy whose configuration says autoStart. A strategy whose
 * service goes away is not called again (its {@code onStop} cannot run on the processing thread any more); its open
 * orders stay and are visible in the state.
 *
 * <p><b>Fault containment.</b> An exception, or an {@link Error} other than a {@link VirtualMachineError}, thrown
 * from any callback is caught, counted, and recorded as a MetadataRecord(STRATEGY_FAULT) with a stack summary; after
 * {@code maxConsecutiveFaults} faults in a row the strategy is stopped (its {@code onStop} still runs so it may
 * cancel its orders). Intents from a strategy that is not running are refused with
 * {@link RejectReason#STRATEGY_NOT_RUNNING} (cancels are still accepted inside its {@code onStop}).
 *
 * <p><b>Slow strategies.</b> Strategies run on the one processing thread and cannot be preempted: a strategy that
 * takes long delays every later event. The host measures each {@code onEvent} call with {@link System#nanoTime()}
 * (for the measurement only; no logic depends on it), less the time the loop spent processing the intents it
 * emitted (risk, execution, venue hand-off run inline), and reports mean and maximum per strategy in
 * {@link StrategyInfo}, and logs a warning when a call sets a new maximum above {@code slowEventWarnMicros}. The
 * remedy is operational: stop the strategy.
 */
@Component(name = StrategyHost.PID, service = StrategyHostStage.class, immediate = true,
        configurationPid = StrategyHost.PID)
@Designate(ocd = StrategyHostConfig.class)
public final class StrategyHost implements StrategyHostStage {

    static final String PID = "livestack.strategy.host";
    /** Service property: the strategy's kind for display (optional). */
    public static final String KIND_PROPERTY = "livestack.strategy.kind";
    /** Service property: start the strategy with the session (Boolean or "true"/"false"; default false). */
    public static final String AUTO_START_PROPERTY = "livestack.strategy.autoStart";
    /** The check name on refusals the host itself makes. */
    static final String CHECK = "strategy-host";

    private static final Logger LOG = LoggerFactory.getLogger(StrategyHost.class);
    private static final HostedStrategy[] NONE = new HostedStrategy[0];

    /** A strategy callback other than onEvent. */
    @FunctionalInterface
    private interface Callback {
        void call(Strategy strategy, StrategyContext context);
    }

    private volatile HostSettings settings;

    /** Guards {@link #registry} writes and {@link #waiting}. */
    private final Object membershipLock = new Object();
    /** Bound strategies by id (any thread reads). */
    private final ConcurrentSkipListMap<StrategyId, HostedStrategy> registry = new ConcurrentSkipListMap<>();
    /** Services whose id is already taken: they wait until the holder goes away. */
    private final List<HostedStrategy> waiting = new ArrayList<>();
    private final AtomicBoolean membershipChanged = new AtomicBoolean();

    // processing thread only
    private HostedStrategy[] feedOrder = NONE;
    private boolean sessionRunning;
    private Consumer<Intent> lastIntents;

    private final LongSupplier nanoClock;

    @Activate
    public StrategyHost(StrategyHostConfig config) {
        this(HostSettings.from(config));
    }

    StrategyHost(HostSettings settings) {
        this(settings, System::nanoTime);
    }

    /** @param nanoClock the monotonic clock of the per-strategy time measurement (tests use a fake one) */
    StrategyHost(HostSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    @Modified
    void modified(StrategyHostConfig config) {
        this.settings = HostSettings.from(config);
        LOG.info("Strategy host configuration changed: {}", settings);
    }

    // ---------------------------------------------------------------- binding (SCR threads)

    @Reference(service = Strategy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy, Map<String, Object> properties) {
        StrategyId id = strategyId(properties);
        if (id == null) {
            LOG.error("Strategy service {} ignored: its service property {} is missing or invalid ({})",
                    strategy.getClass().getName(), Strategy.ID_PROPERTY, properties.get(Strategy.ID_PROPERTY));
            return;
        }
        HostedStrategy hosted = new HostedStrategy(id, kind(properties, strategy), autoStart(properties), strategy,
                this);
        synchronized (membershipLock) {
            if (registry.containsKey(id)) {
                waiting.add(hosted);
                LOG.error("Strategy service {} ignored for now: the strategy id '{}' is already bound to another"
                        + " service; it takes over if that one goes away", strategy.getClass().getName(), id);
                return;
            }
            registry.put(id, hosted);
        }
        membershipChanged.set(true);
        LOG.info("Strategy {} bound (kind {}, autoStart {})", id, hosted.kind, hosted.autoStart);
    }

    void unbindStrategy(Strategy strategy, Map<String, Object> properties) {
        synchronized (membershipLock) {
            waiting.removeIf(w -> w.strategy == strategy);
            Iterator<HostedStrategy> it = registry.values().iterator();
            while (it.hasNext()) {
                HostedStrategy hosted = it.next();
                if (hosted.strategy == strategy) {
                    hosted.detached = true;
                    it.remove();
                    LOG.info("Strategy {} unbound", hosted.id);
                    promoteWaiting(hosted.id);
                }
            }
        }
        membershipChanged.set(true);
    }

    private void promoteWaiting(StrategyId id) {
        for (Iterator<HostedStrategy> it = waiting.iterator(); it.hasNext();) {
            HostedStrategy candidate = it.next();
            if (candidate.id.equals(id)) {
                it.remove();
                registry.put(id, candidate);
                LOG.info("Strategy {} now bound to the waiting service {}", id,
                        candidate.strategy.getClass().getName());
                return;
            }
        }
    }

    static StrategyId strategyId(Map<String, Object> properties) {
        Object value = properties.get(Strategy.ID_PROPERTY);
        if (value == null) {
            return null;
        }
        try {
            return new StrategyId(value.toString().trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String kind(Map<String, Object> properties, Strategy strategy) {
        Object kind = properties.get(KIND_PROPERTY);
        if (kind != null && !kind.toString().isBlank()) {
            return kind.toString().trim();
        }
        Object component = properties.get("component.name");
        if (component != null && !component.toString().isBlank()) {
            return component.toString();
        }
        return strategy.getClass().getSimpleName();
    }

    static boolean autoStart(Map<String, Object> properties) {
        Object value = properties.get(AUTO_START_PROPERTY);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        LOG.warn("Strategy {} property {} is '{}', not true or false: treated as false",
                properties.get(Strategy.ID_PROPERTY), AUTO_START_PROPERTY, value);
        return false;
    }

    /** Takes in what the SCR threads changed. Processing thread only. */
    private void syncMembership(ProcessingContext context) {
        if (!membershipChanged.getAndSet(false)) {
            return;
        }
        for (HostedStrategy gone : feedOrder) {
            if (gone.detached) {
                boolean wasRunning = gone.lifecycle != Lifecycle.STOPPED;
                gone.lifecycle = Lifecycle.STOPPED;
                record(context, MetadataRecord.Kind.STRATEGY, gone, "unbound: its service went away"
                        + (wasRunning ? " while it was running; its open orders stay" : ""));
            }
        }
        List<HostedStrategy> current = new ArrayList<>(registry.values());
        List<HostedStrategy> arrivals = new ArrayList<>();
        for (HostedStrategy hosted : current) {
            if (!hosted.attached) {
                hosted.attached = true;
                arrivals.add(hosted);
            }
        }
        feedOrder = current.toArray(NONE);
        for (HostedStrategy hosted : arrivals) {
            record(context, MetadataRecord.Kind.STRATEGY, hosted,
                    "bound: kind " + hosted.kind + ", autoStart " + hosted.autoStart);
            if (sessionRunning && hosted.autoStart && !hosted.detached) {
                startStrategy(hosted, context, lastIntents, "auto-start (appeared while the session runs)");
            }
        }
    }

    // ---------------------------------------------------------------- StrategyHostStage (processing thread)

    @Override
    public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        lastIntents = intents;
        syncMembership(context);
        Event payload = event.event();
        if (payload instanceof OperatorCommand) {
            return;
        }
        if (payload instanceof TimerEvent timer) {
            HostedStrategy owner = byOwner(timer.owner());
            if (owner != null && owner.running()) {
                feed(owner, event, context, intents);
            }
            return;
        }
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.running() && !hosted.detached) {
                feed(hosted, event, context, intents);
            }
        }
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
        HostedStrategy owner = attached(intent.strategy());
        if (owner == null || owner.lifecycle == Lifecycle.STOPPED) {
            return;
        }
        call(owner, "onRejected", context, lastIntents, (s, c) -> s.onRejected(intent, reason, detail, c));
    }

    @Override
    public CommandResult start(StrategyId strategy, ProcessingContext context) {
        syncMembership(context);
        HostedStrategy hosted = attached(strategy);
        if (hosted == null) {
            return unknown(strategy);
        }
        return startStrategy(hosted, context, lastIntents, "operator command");
    }

    @Override
    public CommandResult stop(StrategyId strategy, ProcessingContext context) {
        syncMembership(context);
        HostedStrategy hosted = attached(strategy);
        if (hosted == null) {
            return unknown(strategy);
        }
        return stopStrategy(hosted, context, lastIntents, "operator command");
    }

    @Override
    public CommandResult startAll(ProcessingContext context, Consumer<Intent> intents) {
        lastIntents = intents;
        syncMembership(context);
        sessionRunning = true;
        int started = 0;
        List<String> failed = new ArrayList<>();
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.autoStart && hosted.lifecycle == Lifecycle.STOPPED && !hosted.detached) {
                if (startStrategy(hosted, context, intents, "session start (autoStart)").ok()) {
                    started++;
                } else {
                    failed.add(hosted.id.value());
                }
            }
        }
        String message = started + (started == 1 ? " strategy" : " strategies") + " started";
        return failed.isEmpty() ? CommandResult.ok(message)
                : CommandResult.error(message + "; failed to start: " + String.join(", ", failed));
    }

    @Override
    public CommandResult stopAll(ProcessingContext context, Consumer<Intent> intents) {
        lastIntents = intents;
        syncMembership(context);
        sessionRunning = false;
        int stopped = 0;
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.lifecycle == Lifecycle.RUNNING && !hosted.detached) {
                stopStrategy(hosted, context, intents, "session stop");
                stopped++;
            }
        }
        return CommandResult.ok(stopped + (stopped == 1 ? " strategy" : " strategies") + " stopped");
    }

    @Override
    public boolean isRunning(StrategyId strategy) {
        HostedStrategy hosted = registry.get(strategy);
        return hosted != null && hosted.attached && !hosted.detached && hosted.lifecycle == Lifecycle.RUNNING;
    }

    @Override
    public List<StrategyInfo> strategies() {
        List<StrategyInfo> infos = new ArrayList<>(registry.size());
        for (HostedStrategy hosted : registry.values()) {
            infos.add(hosted.info());
        }
        return infos;
    }

    // ---------------------------------------------------------------- lifecycle

    private CommandResult startStrategy(HostedStrategy hosted, ProcessingContext context, Consumer<Intent> intents,
            String why) {
        if (hosted.lifecycle == Lifecycle.RUNNING) {
            return CommandResult.ok("strategy " + hosted.id + " is already running");
        }
        hosted.lifecycle = Lifecycle.RUNNING;
        hosted.consecutiveFaults = 0;
        record(context, MetadataRecord.Kind.STRATEGY, hosted, "started: " + why);
        LOG.info("Strategy {} started: {}", hosted.id, why);
        if (!call(hosted, "onStart", context, intents, Strategy::onStart)) {
            if (hosted.lifecycle == Lifecycle.RUNNING) {
                stopStrategy(hosted, context, intents, "its onStart threw");
            }
            return CommandResult.error("strategy " + hosted.id + " failed to start: " + hosted.lastFault);
        }
        if (hosted.lifecycle != Lifecycle.RUNNING) {
            return CommandResult.error("strategy " + hosted.id + " stopped while starting: " + hosted.lastFault);
        }
        return CommandResult.ok("strategy " + hosted.id + " started");
    }

    private CommandResult stopStrategy(HostedStrategy hosted, ProcessingContext context, Consumer<Intent> intents,
            String why) {
        if (hosted.lifecycle != Lifecycle.RUNNING) {
            return CommandResult.ok("strategy " + hosted.id + " is not running");
        }
        hosted.lifecycle = Lifecycle.STOPPING;
        call(hosted, "onStop", context, intents, Strategy::onStop);
        hosted.lifecycle = Lifecycle.STOPPED;
        record(context, MetadataRecord.Kind.STRATEGY, hosted, "stopped: " + why);
        LOG.info("Strategy {} stopped: {}", hosted.id, why);
        return CommandResult.ok("strategy " + hosted.id + " stopped");
    }

    // ---------------------------------------------------------------- calling strategies

    private void feed(HostedStrategy hosted, Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        HostedContext.Binding previous = hosted.context.bind(context, intents);
        Throwable failure = null;
        long took;
        try {
            long downstreamBefore = hosted.downstreamNanos;
            long started = nanoClock.getAsLong(); // measurement only
            try {
                hosted.strategy.onEvent(event, hosted.context);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                failure = t;
            }
            // the strategy's own time: what the loop spent on its intents (risk, execution, venue) is not its cost
            took = nanoClock.getAsLong() - started - (hosted.downstreamNanos - downstreamBefore);
        } finally {
            hosted.context.restore(previous);
        }
        account(hosted, took);
        if (failure == null) {
            hosted.consecutiveFaults = 0;
        } else {
            fault(hosted, "onEvent", failure, context, intents);
        }
    }

    /** Calls one callback with fault containment; true if it returned normally. */
    private boolean call(HostedStrategy hosted, String phase, ProcessingContext context, Consumer<Intent> intents,
            Callback callback) {
        HostedContext.Binding previous = hosted.context.bind(context, intents);
        Throwable failure = null;
        try {
            callback.call(hosted.strategy, hosted.context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            failure = t;
        } finally {
            hosted.context.restore(previous);
        }
        if (failure == null) {
            hosted.consecutiveFaults = 0;
            return true;
        }
        fault(hosted, phase, failure, context, intents);
        return false;
    }

    private void account(HostedStrategy hosted, long took) {
        hosted.events++;
        hosted.totalEventNanos += took;
        if (took > hosted.maxEventNanos) {
            hosted.maxEventNanos = took;
            long threshold = settings.slowEventWarnNanos();
            if (threshold > 0 && took > threshold) {
                LOG.warn("Strategy {} took {} µs for one event (new maximum; warning threshold {} µs): it delays"
                        + " every later event, stop it if this persists", hosted.id, took / 1_000,
                        threshold / 1_000);
            }
        }
    }

    private void fault(HostedStrategy hosted, String phase, Throwable failure, ProcessingContext context,
            Consumer<Intent> intents) {
        HostSettings current = settings;
        hosted.faults++;
        hosted.consecutiveFaults++;
        String headline = Faults.headline(failure);
        hosted.lastFault = phase + ": " + headline;
        record(context, MetadataRecord.Kind.STRATEGY_FAULT, hosted,
                phase + " threw (" + hosted.consecutiveFaults + " in a row, " + hosted.faults + " in all): "
                        + Faults.summary(failure, current.faultStackFrames()));
        LOG.warn("Strategy {} {} threw ({} in a row): {}", hosted.id, phase, hosted.consecutiveFaults, headline);
        LOG.debug("Strategy {} fault", hosted.id, failure);
        if (hosted.consecutiveFaults >= current.maxConsecutiveFaults() && hosted.lifecycle == Lifecycle.RUNNING) {
            stopStrategy(hosted, context, intents,
                    "after " + hosted.consecutiveFaults + " consecutive faults; last " + hosted.lastFault);
        }
    }

    /** Called by a strategy's context for each intent it emits. Processing thread only. */
    void emit(HostedStrategy owner, Intent intent, ProcessingContext context, Consumer<Intent> intents) {
        Lifecycle lifecycle = owner.lifecycle;
        if (owner.detached || lifecycle == Lifecycle.STOPPED) {
            refuse(intent, RejectReason.STRATEGY_NOT_RUNNING, "strategy " + owner.id + " is not running", context);
            return;
        }
        if (lifecycle == Lifecycle.STOPPING && !(intent instanceof CancelOrder)) {
            refuse(intent, RejectReason.STRATEGY_NOT_RUNNING,
                    "strategy " + owner.id + " is stopping: only cancels are accepted", context);
            return;
        }
        if (intents == null) {
            refuse(intent, RejectReason.EXECUTION_UNAVAILABLE,
                    "the processing loop has not given the strategy host an intent consumer yet", context);
            return;
        }
        owner.intents++;
        long started = nanoClock.getAsLong(); // measurement only
        try {
            intents.accept(intent);
        } finally {
            owner.downstreamNanos += nanoClock.getAsLong() - started;
        }
    }

    private void refuse(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
        LOG.debug("Refused {}: {} ({})", intent, reason, detail);
        context.record(new RiskRejectionRecord(context.seq(), context.now(), intent, reason, CHECK, detail));
    }

    // ---------------------------------------------------------------- helpers

    private HostedStrategy attached(StrategyId id) {
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.id.equals(id) && !hosted.detached) {
                return hosted;
            }
        }
        return null;
    }

    private HostedStrategy byOwner(String owner) {
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.id.value().equals(owner) && !hosted.detached) {
                return hosted;
            }
        }
        return null;
    }

    private CommandResult unknown(StrategyId strategy) {
        String known = registry.keySet().stream().map(StrategyId::value).collect(Collectors.joining(", "));
        return CommandResult.error("unknown strategy '" + strategy + "'" + (known.isEmpty() ? "; none is bound"
                : "; bound: " + known));
    }

    private static void record(ProcessingContext context, MetadataRecord.Kind kind, HostedStrategy hosted,
            String detail) {
        context.record(new MetadataRecord(context.seq(), context.now(), kind, hosted.id.value(), detail));
    }
}
