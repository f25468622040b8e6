package io.livestack.runtime.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveClock;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.StateStore;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.recovery.JournalRuntime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime as a DS component: publishes {@link EventIntake} (the sequencer) and {@link LiveRuntime}, configured by
 * PID {@value RuntimeConfig#PID}, and binds every stage dynamically (all optional, greedy: a stage may be redeployed
 * at any time) into the {@link RuntimeAssembly}.
 * <p>
 * The configuration is validated from the raw properties ({@link RuntimeConfig#from}) so that a bad value names its
 * key; it then fails this activation only (logged), and no EventIntake/LiveRuntime service appears. A configuration
 * change restarts the runtime (queue capacity and wait strategy cannot change under a running ring); all state lives
 * in the state stage, and sequence numbers continue after the state's last one.
 * <p>
 * With a {@code MetricRegistry} service (optional, dynamic) the chain updates the tick-to-order timer; its other
 * counters are {@link #counters()}, which the metrics bundle collects.
 */
@Component(service = {EventIntake.class, LiveRuntime.class, RecordJournal.class}, configurationPid = RuntimeConfig.PID,
        immediate = true)
@Designate(ocd = RuntimeConfiguration.class)
public final class RuntimeComponent implements EventIntake, LiveRuntime, RecordJournal {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeComponent.class);

    private final RuntimeAssembly runtime;

    @Activate
    public RuntimeComponent(Map<String, Object> properties) {
        RuntimeConfig config;
        try {
            config = RuntimeConfig.from(properties);
        } catch (IllegalArgumentException e) {
            LOG.error("invalid configuration {}: {} (the runtime is not started)", RuntimeConfig.PID, e.getMessage());
            throw e;
        }
        this.runtime = new RuntimeAssembly(config);
        runtime.storage(() -> storage);
        Bundle bundle = FrameworkUtil.getBundle(RuntimeComponent.class);
        if (bundle != null && bundle.getBundleContext() != null) {
            runtime.manifest(new OsgiManifest(bundle.getBundleContext(), () -> configurationAdmin));
        }
        this.runtime.start();
    }

    private volatile ConfigurationAdmin configurationAdmin;

    @Reference(name = "configurationAdmin", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindConfigurationAdmin")
    void bindConfigurationAdmin(ConfigurationAdmin admin) {
        configurationAdmin = admin;
    }

    void unbindConfigurationAdmin(ConfigurationAdmin admin) {
        if (configurationAdmin == admin) {
            configurationAdmin = null;
        }
    }

    @Deactivate
    void deactivate() {
        runtime.close();
    }

    /** The runtime inside (tests and tools that step or inspect it). */
    public RuntimeAssembly assembly() {
        return runtime;
    }

    // ------------------------------------------------------------------------------------------ references

    @Reference(name = "clock", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindClock")
    void bindClock(LiveClock clock) {
        runtime.sequencer().bindClock(clock);
    }

    void unbindClock(LiveClock clock) {
        runtime.sequencer().unbindClock(clock);
    }

    @Reference(name = "state", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindState")
    void bindState(StateStore state) {
        runtime.binder().bindState(state);
    }

    void unbindState(StateStore state) {
        runtime.binder().unbindState(state);
    }

    @Reference(name = "host", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindHost")
    void bindHost(StrategyHostStage host) {
        bind(BindingEvent.Kind.STRATEGY_HOST, "strategy-host", host, Map.of());
    }

    void unbindHost(StrategyHostStage host) {
        runtime.binder().unbind(BindingEvent.Kind.STRATEGY_HOST, host);
    }

    @Reference(name = "risk", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindRisk")
    void bindRisk(RiskStage risk) {
        bind(BindingEvent.Kind.RISK, "risk", risk, Map.of());
    }

    void unbindRisk(RiskStage risk) {
        runtime.binder().unbind(BindingEvent.Kind.RISK, risk);
    }

    @Reference(name = "execution", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindExecution")
    void bindExecution(ExecutionStage execution) {
        bind(BindingEvent.Kind.EXECUTION, "execution", execution, Map.of());
    }

    void unbindExecution(ExecutionStage execution) {
        runtime.binder().unbind(BindingEvent.Kind.EXECUTION, execution);
    }

    @Reference(name = "sink", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindSink")
    void bindSink(ExecutionRecordSink sink) {
        runtime.binder().bindSink(sink);
    }

    void unbindSink(ExecutionRecordSink sink) {
        runtime.binder().unbindSink(sink);
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMetricRegistry")
    void bindMetricRegistry(MetricRegistry registry) {
        runtime.tickToOrder().bindMetricRegistry(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        runtime.tickToOrder().unbindMetricRegistry(registry);
    }

    private volatile StorageMonitor storage;

    /** The storage projection of the journal's records: a session stop waits until it wrote them (its mark). */
    @Reference(name = "storage", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStorage")
    void bindStorage(StorageMonitor monitor) {
        storage = monitor;
    }

    void unbindStorage(StorageMonitor monitor) {
        if (storage == monitor) {
            storage = null;
        }
    }

    @Reference(name = "venue", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindVenue", updated = "updatedVenue")
    void bindVenue(VenueAdapter adapter, Map<String, Object> properties) {
        bind(BindingEvent.Kind.VENUE, venueIdOf(adapter, properties).value(), adapter, properties);
    }

    /** A venue's configuration changed (e.g. its {@code account}): bound again with the new properties. */
    void updatedVenue(VenueAdapter adapter, Map<String, Object> properties) {
        Bundle bundle = FrameworkUtil.getBundle(adapter.getClass());
        runtime.binder().rebind(BindingEvent.Kind.VENUE, venueIdOf(adapter, properties).value(), adapter,
                bundle == null ? "" : bundle.getSymbolicName(), bundle == null ? "" : bundle.getVersion().toString(),
                properties);
    }

    void unbindVenue(VenueAdapter adapter, Map<String, Object> properties) {
        runtime.binder().unbind(BindingEvent.Kind.VENUE, adapter);
    }

    private void bind(BindingEvent.Kind kind, String id, Object service, Map<String, ?> properties) {
        Bundle bundle = FrameworkUtil.getBundle(service.getClass());
        runtime.binder().bind(kind, id, service, bundle == null ? "" : bundle.getSymbolicName(),
                bundle == null ? "" : bundle.getVersion().toString(), properties);
    }

    /** A venue's id: the {@value VenueAdapter#VENUE_PROPERTY} service property, else the adapter's venueId(). */
    private static VenueId venueIdOf(VenueAdapter adapter, Map<String, ?> properties) {
        Object v = properties == null ? null : properties.get(VenueAdapter.VENUE_PROPERTY);
        if (v instanceof String s && !s.isBlank()) {
            return new VenueId(s.trim());
        }
        return adapter.venueId();
    }

    // ------------------------------------------------------------------------------------------ services

    @Override
    public void publish(Event event) {
        runtime.sequencer().publish(event);
    }

    @Override
    public boolean offer(Event event, long timeout, TimeUnit unit) {
        return runtime.sequencer().offer(event, timeout, unit);
    }

    @Override
    public int queueDepth() {
        return runtime.sequencer().queueDepth();
    }

    @Override
    public long lastJournaledVenueSeq(VenueId venue) {
        RuntimeAssembly rt = runtime;
        if (rt.journal() == null) {
            return -1;
        }
        return rt.journal().recovery().isDone() ? rt.sequencer().lastJournaledVenueSeq(venue) : RECOVERING;
    }

    @Override
    public boolean sentButNotJournaled(io.livestack.api.model.ClientOrderId id) {
        return runtime.sequencer().sentButNotJournaled(id);
    }

    @Override
    public CompletableFuture<CommandResult> execute(Command command, String user) {
        return runtime.runtime().execute(command, user);
    }

    @Override
    public <T> CompletableFuture<T> query(Function<StateView, T> query) {
        return runtime.runtime().query(query);
    }

    @Override
    public RuntimeStatus status() {
        return runtime.runtime().status();
    }

    @Override
    public Map<String, Long> counters() {
        return runtime.runtime().counters();
    }

    /** The journaled records (none when the journal is off). */
    @Override
    public long read(long afterSeq, int maxRecords, java.util.function.Consumer<RecordJournal.EventRecords> into) {
        JournalRuntime journal = runtime.journal();
        return journal == null ? afterSeq : journal.records().read(afterSeq, maxRecords, into);
    }

    @Override
    public long read(String reader, long afterSeq, int maxRecords,
            java.util.function.Consumer<RecordJournal.EventRecords> into) {
        JournalRuntime journal = runtime.journal();
        return journal == null ? afterSeq : journal.records().read(reader, afterSeq, maxRecords, into);
    }

    @Override
    public long lastSeq() {
        JournalRuntime journal = runtime.journal();
        return journal == null ? 0 : journal.records().lastSeq();
    }

    @Override
    public java.nio.file.Path journalDirectory() {
        return runtime.runtime().journalDirectory();
    }

    @Override
    public CommandResult startFresh(String user) {
        return runtime.runtime().startFresh(user);
    }

    @Override
    public int queueCapacity() {
        return runtime.runtime().queueCapacity();
    }
}
