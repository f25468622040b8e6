package io.livestack.strategy.host.internal;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.strategy.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
 * The strategy host stage: on the processing thread, it feeds each event to the running strategies in strategy-id
 * order. Operator commands are not fed (their effects are); a timer event goes only to the strategy that owns it (a
 * runtime timer to none). Its parts: the {@link StrategyRegistry} (services and membership), {@link StrategyCalls}
 * (calling a strategy with fault containment and timing) and the {@link IntentGate} (what a strategy may emit); this
 * class keeps the lifecycle.
 *
 * <p><b>Membership.</b> A binding is taken in at the next processing-thread call: recorded as a
 * MetadataRecord(STRATEGY) and, while the session runs (between {@link #startAll} and {@link #stopAll}), a strategy
 * whose configuration says autoStart is started. A strategy whose service goes away is not called again (its
 * {@code onStop} cannot run on the processing thread any more); its open orders stay and are visible in the state.
 *
 * <p><b>Faults.</b> After {@code maxConsecutiveFaults} faults in a row the strategy is stopped (its {@code onStop}
 * still runs so it may cancel its orders).
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

    private static final Logger LOG = LoggerFactory.getLogger(StrategyHost.class);

    private volatile HostSettings settings;
    private final StrategyRegistry registry;
    private final StrategyCalls calls;

    // processing thread only
    private HostedStrategy[] feedOrder = StrategyRegistry.NONE;
    private boolean sessionRunning;
    private Consumer<Intent> lastIntents;
    /** A restored strategy that is not bound yet: its state, for when it is. */
    private final Map<StrategyId, HostSnapshot.Hosted> restoring = new HashMap<>();

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
        this.registry = new StrategyRegistry(new IntentGate(nanoClock));
        this.calls = new StrategyCalls(() -> this.settings, nanoClock);
    }

    @Modified
    void modified(StrategyHostConfig config) {
        this.settings = HostSettings.from(config);
        LOG.info("Strategy host configuration changed: {}", settings);
    }

    @Reference(service = Strategy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy, Map<String, Object> properties) {
        registry.bind(strategy, properties);
    }

    void unbindStrategy(Strategy strategy, Map<String, Object> properties) {
        registry.unbind(strategy);
    }

    /** Takes in what the SCR threads changed. Processing thread only. */
    private void syncMembership(ProcessingContext context) {
        StrategyRegistry.Membership m = registry.sync(feedOrder);
        if (m == null) {
            return;
        }
        for (HostedStrategy gone : m.departed()) {
            boolean wasRunning = gone.lifecycle != Lifecycle.STOPPED;
            gone.lifecycle = Lifecycle.STOPPED;
            record(context, MetadataRecord.Kind.STRATEGY, gone, "unbound: its service went away"
                    + (wasRunning ? " while it was running; its open orders stay" : ""));
        }
        feedOrder = m.feedOrder();
        for (HostedStrategy hosted : m.arrived()) {
            HostSnapshot.Hosted restored = restoring.remove(hosted.id);
            if (restored != null) {
                restore(hosted, restored);
            }
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
        if (payload instanceof RuntimeEvent r) {
            if (r.kind() == RuntimeEvent.Kind.RECOVERED) {
                restartAfterRecovery(context, intents);
            }
            return;
        }
        if (payload instanceof OperatorCommand || payload instanceof BindingEvent
                || payload instanceof ConfigurationEvent) {
            return;
        }
        if (payload instanceof TimerEvent timer) {
            HostedStrategy owner = timerOwner(timer.owner());
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

    private void feed(HostedStrategy hosted, Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        if (calls.feed(hosted, event, context, intents)) {
            stopAfterFaults(hosted, context, intents);
        }
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail,
            ProcessingContext context) {
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
        return hosted == null ? unknown(strategy) : startStrategy(hosted, context, lastIntents, "operator command");
    }

    @Override
    public CommandResult stop(StrategyId strategy, ProcessingContext context) {
        syncMembership(context);
        HostedStrategy hosted = attached(strategy);
        return hosted == null ? unknown(strategy) : stopStrategy(hosted, context, lastIntents, "operator command");
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
    public List<StrategyInfo> strategies() {
        return registry.infos();
    }

    @Override
    public HostSnapshot snapshot() {
        List<HostSnapshot.Hosted> out = new ArrayList<>();
        for (HostedStrategy h : feedOrder) {
            if (!h.detached) {
                out.add(new HostSnapshot.Hosted(h.id, h.lifecycle == Lifecycle.RUNNING, h.events, h.intents, h.faults,
                        h.consecutiveFaults, h.lastFault));
            }
        }
        out.addAll(restoring.values());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return new HostSnapshot(sessionRunning, out);
    }

    @Override
    public void restore(HostSnapshot snapshot) {
        sessionRunning = snapshot.sessionRunning();
        restoring.clear();
        Map<StrategyId, HostSnapshot.Hosted> byId = new HashMap<>();
        for (HostSnapshot.Hosted h : snapshot.strategies()) {
            byId.put(h.id(), h);
        }
        for (HostedStrategy hosted : feedOrder) {
            HostSnapshot.Hosted h = byId.remove(hosted.id);
            if (h != null) {
                restore(hosted, h);
            } else {
                restore(hosted, new HostSnapshot.Hosted(hosted.id, false, 0, 0, 0, 0, null));
            }
        }
        restoring.putAll(byId);
    }

    private static void restore(HostedStrategy hosted, HostSnapshot.Hosted h) {
        hosted.lifecycle = h.running() ? Lifecycle.RUNNING : Lifecycle.STOPPED;
        hosted.events = h.events();
        hosted.intents = h.intents();
        hosted.faults = h.faults();
        hosted.consecutiveFaults = h.consecutiveFaults();
        hosted.lastFault = h.lastFault();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * After a recovery the strategies are new instances (their fields are gone with the old process): each one that
     * was running is told to start again, and may look at its open orders and positions as they are.
     */
    private void restartAfterRecovery(ProcessingContext context, Consumer<Intent> intents) {
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.lifecycle == Lifecycle.RUNNING && !hosted.detached) {
                record(context, MetadataRecord.Kind.STRATEGY, hosted, "started again after a recovery");
                LOG.info("Strategy {} started again after a recovery", hosted.id);
                call(hosted, "onStart", context, intents, Strategy::onStart);
            }
        }
    }

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

    /** Calls one callback; true if it returned normally. A strategy at its fault limit is stopped. */
    private boolean call(HostedStrategy hosted, String phase, ProcessingContext context, Consumer<Intent> intents,
            StrategyCalls.Callback callback) {
        StrategyCalls.Fault fault = calls.call(hosted, phase, context, intents, callback);
        if (fault != null && fault.limitReached()) {
            stopAfterFaults(hosted, context, intents);
        }
        return fault == null;
    }

    private void stopAfterFaults(HostedStrategy hosted, ProcessingContext context, Consumer<Intent> intents) {
        if (hosted.lifecycle == Lifecycle.RUNNING) {
            stopStrategy(hosted, context, intents,
                    "after " + hosted.consecutiveFaults + " consecutive faults; last " + hosted.lastFault);
        }
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

    /** The strategy a timer belongs to; null for a runtime timer or a strategy that is gone. */
    private HostedStrategy timerOwner(TimerOwner owner) {
        if (owner.kind() != TimerOwner.Kind.STRATEGY) {
            return null;
        }
        for (HostedStrategy hosted : feedOrder) {
            if (hosted.id.value().equals(owner.id()) && !hosted.detached) {
                return hosted;
            }
        }
        return null;
    }

    private CommandResult unknown(StrategyId strategy) {
        String known = registry.boundIds();
        return CommandResult.error("unknown strategy '" + strategy + "'" + (known.isEmpty() ? "; none is bound"
                : "; bound: " + known));
    }

    private static void record(ProcessingContext context, MetadataRecord.Kind kind, HostedStrategy hosted,
            String detail) {
        context.record(new MetadataRecord(context.seq(), context.now(), kind, hosted.id.value(), detail));
    }
}
