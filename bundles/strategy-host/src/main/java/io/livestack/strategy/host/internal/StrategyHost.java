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
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.Configurable;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.strategy.Strategy;
import java.util.ArrayList;
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
public final class StrategyHost implements StrategyHostStage, Configurable {

    static final String PID = "livestack.strategy.host";
    /** Service property: the strategy's kind for display (optional). */
    public static final String KIND_PROPERTY = "livestack.strategy.kind";
    /** Service property: start the strategy with the session (Boolean or "true"/"false"; default false). */
    public static final String AUTO_START_PROPERTY = "livestack.strategy.autoStart";

    private static final Logger LOG = LoggerFactory.getLogger(StrategyHost.class);

    private volatile HostSettings settings;
    private final StrategyRegistry registry;
    private final StrategyCalls calls;

    private final Membership membership;

    // processing thread only
    private boolean sessionRunning;
    private Consumer<Intent> lastIntents;

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
        this.membership = new Membership(registry);
    }

    /**
     * A configuration change: checked now; with the runtime's intake there it is published and takes effect when
     * the chain hands it back ({@link #configure}: journaled at its place); without it, at once.
     */
    @Modified
    void modified(StrategyHostConfig config) {
        HostSettings next = HostSettings.from(config);
        EventIntake target = intake;
        if (target != null) {
            target.publish(new ConfigurationEvent(System.currentTimeMillis() * 1_000_000L, PID, next.text()));
            return;
        }
        this.settings = next;
        LOG.info("Strategy host configuration changed: {}", settings);
    }

    @Override
    public String configurationPid() {
        return PID;
    }

    /** The settings, as the chain hands them back (processing thread). */
    @Override
    public void configure(Map<String, String> properties) {
        HostSettings next = HostSettings.from(properties, settings);
        if (!next.equals(settings)) {
            settings = next;
            LOG.info("Strategy host configuration now in force: {}", settings);
        }
    }

    @Reference(service = Strategy.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStrategy(Strategy strategy, Map<String, Object> properties) {
        registry.bind(strategy, properties);
    }

    void unbindStrategy(Strategy strategy, Map<String, Object> properties) {
        registry.unbind(strategy);
    }

    /**
     * With the runtime's intake, a strategy's binding is announced there and taken in when the chain hands it back
     * (journaled: a replay sees the same members at the same place); without it, at the next call.
     */
    @Reference(service = EventIntake.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindIntake(EventIntake target) {
        intake = target;
        registry.announceTo(target::publish);
    }

    void unbindIntake(EventIntake target) {
        if (intake == target) {
            intake = null;
            registry.announceTo(null);
        }
    }

    private volatile EventIntake intake;

    /** Takes in what only a call can (processing thread). */
    private void syncMembership(ProcessingContext context) {
        membership.sync(context.decisions().replaying(), context.decisions().journaled(), changes(context));
    }

    private Membership.Changes changes(ProcessingContext context) {
        return new Membership.Changes() {
            @Override
            public void joined(HostedStrategy hosted, HostSnapshot.Hosted restored) {
                record(context, MetadataRecord.Kind.STRATEGY, hosted, "bound: kind " + hosted.kind + ", autoStart "
                        + hosted.autoStart + (restored == null ? "" : restored.running() ? ", was running" : ""));
                if (restored != null && restored.running()) {
                    hosted.lifecycle = Lifecycle.STOPPED; // it is a new instance: it starts again
                    startStrategy(hosted, context, lastIntents, "its service is bound again");
                } else if (sessionRunning && hosted.autoStart) {
                    startStrategy(hosted, context, lastIntents, "auto-start (appeared while the session runs)");
                }
            }

            @Override
            public void left(HostedStrategy hosted, String why) {
                boolean wasRunning = hosted.lifecycle != Lifecycle.STOPPED;
                hosted.lifecycle = Lifecycle.STOPPED;
                record(context, MetadataRecord.Kind.STRATEGY, hosted, why
                        + (wasRunning ? " while it was running; its open orders stay" : ""));
            }
        };
    }

    // ---------------------------------------------------------------- StrategyHostStage (processing thread)

    @Override
    public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        lastIntents = intents;
        syncMembership(context);
        Event payload = event.event();
        if (payload instanceof BindingEvent b) {
            if (b.kind() == BindingEvent.Kind.STRATEGY) {
                membership.onBinding(b, context.decisions().replaying(), changes(context));
            }
            return;
        }
        if (payload instanceof OperatorCommand || payload instanceof RuntimeEvent
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
        for (HostedStrategy hosted : membership.feedOrder()) {
            if (hosted.running()) {
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
        for (HostedStrategy hosted : membership.feedOrder()) {
            if (hosted.autoStart && hosted.lifecycle == Lifecycle.STOPPED) {
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
        for (HostedStrategy hosted : membership.feedOrder()) {
            if (hosted.lifecycle == Lifecycle.RUNNING) {
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
        return new HostSnapshot(sessionRunning, membership.snapshot());
    }

    @Override
    public void restore(HostSnapshot snapshot) {
        sessionRunning = snapshot.sessionRunning();
        membership.restore(snapshot);
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
        return membership.member(id);
    }

    /** The strategy a timer belongs to; null for a runtime timer or a strategy that is gone. */
    private HostedStrategy timerOwner(TimerOwner owner) {
        if (owner.kind() != TimerOwner.Kind.STRATEGY) {
            return null;
        }
        return membership.member(new StrategyId(owner.id()));
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
