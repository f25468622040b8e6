package io.livestack.storage.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import io.livestack.storage.query.StoredRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The storage bundle's component: the {@link ExecutionRecordSink} of the chain, {@link RecordRecovery} for the
 * state stage, {@link StorageMonitor} and the "storage" {@link HealthIndicator} for metrics. It owns one
 * {@link RecordStore} (spool + CamelContext + routes), created here and closed on deactivation.
 * <p>
 * The DataSource is a dynamic, optional reference on purpose: it is re-published whenever its configuration
 * changes (e.g. switching to PostgreSQL), and the sink must stay registered meanwhile, keeping records (memory,
 * then spool) until a DataSource is back.
 */
@Component(service = {ExecutionRecordSink.class, RecordRecovery.class, StorageMonitor.class,
        HealthIndicator.class}, configurationPid = "livestack.storage", immediate = true)
@Designate(ocd = StorageConfig.class)
public final class StorageComponent implements ExecutionRecordSink, RecordRecovery, StorageMonitor,
        HealthIndicator {

    private final AtomicReference<DataSource> dataSource = new AtomicReference<>();
    private final StorageMetrics metrics = new StorageMetrics();
    private final RecordStore store;

    @Activate
    public StorageComponent(StorageConfig config) throws IOException {
        StorageSettings settings = settings(config);
        this.store = RecordStore.start(settings, dataSource::get, config.dataSource_target(), metrics,
                CamelClassLoader.forStorage());
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Reference(name = "dataSource", service = DataSource.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            target = "(dataSourceName=livestack)")
    void bindDataSource(DataSource ds) {
        dataSource.set(ds);
        store.dataSourceChanged();
    }

    void unbindDataSource(DataSource ds) {
        dataSource.compareAndSet(ds, null);
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMetricRegistry(MetricRegistry registry) {
        metrics.bind(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        metrics.unbind(registry);
    }

    // ------------------------------------------------------------------------------------- ExecutionRecordSink

    @Override
    public void accept(ExecutionRecord record) {
        store.accept(record);
    }

    /** The records of one event, committed in one transaction (see {@link RecordStore#acceptAll}). */
    @Override
    public void acceptAll(List<ExecutionRecord> records) {
        store.acceptAll(records);
    }

    // ----------------------------------------------------------------------------------------- RecordRecovery

    @Override
    public Collection<OrderView> openOrders() {
        return store.query(StoredRecords::openOrders);
    }

    @Override
    public Collection<PositionView> positions() {
        return store.query(StoredRecords::latestPositions);
    }

    @Override
    public Collection<String> recentExecutionKeys() {
        Duration window = store.settings().recoveryExecKeyWindow();
        return store.query(c -> StoredRecords.recentExecutionKeys(c, window));
    }

    @Override
    public long lastSeq() {
        return store.query(StoredRecords::lastSeq);
    }

    // ------------------------------------------------------------------------------- StorageMonitor / health

    @Override
    public StorageStatus status() {
        return store.status();
    }

    @Override
    public String name() {
        return HealthIndicator.STORAGE;
    }

    @Override
    public Health health() {
        StorageStatus s = store.status();
        Health.Status status = switch (s.health()) {
            case UP -> Health.Status.UP;
            case DEGRADED -> Health.Status.DEGRADED;
            case DOWN, FAILED -> Health.Status.DOWN;
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("state", s.health().name());
        details.put("backlog", Long.toString(s.backlog()));
        details.put("written", Long.toString(s.written()));
        details.put("spilled", Long.toString(s.spilled()));
        details.put("duplicates", Long.toString(s.duplicates()));
        details.put("deadLettered", Long.toString(s.deadLettered()));
        details.put("lost", Long.toString(s.lost()));
        details.put("lastCommitMillis", String.format(Locale.ROOT, "%.3f", s.lastCommitNanos() / 1e6));
        return new Health(status, s.detail(), details);
    }

    // ------------------------------------------------------------------------------------------ configuration

    static StorageSettings settings(StorageConfig c) {
        if (c.dataSource_target() == null || c.dataSource_target().isBlank()) {
            throw new IllegalArgumentException("livestack.storage: dataSource.target must be a service filter, got '"
                    + c.dataSource_target() + "'");
        }
        Durability durability;
        try {
            durability = Durability.valueOf(c.durability().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("livestack.storage: durability = '" + c.durability()
                    + "' is invalid, expected SYNC, FLUSH or COMMIT", e);
        }
        return new StorageSettings(c.batchMaxSize(), c.idleWaitMillis(), c.commitIntervalMillis(), c.memoryCapacity(),
                spoolDirectory(c.spoolDirectory()), c.spoolSegmentBytes(), durability,
                Duration.ofMillis(c.retryMaxBackoffMillis()), Duration.ofMillis(c.recoveryTimeoutMillis()),
                Duration.ofHours(c.recoveryExecKeyWindowHours()), Duration.ofMillis(c.shutdownTimeoutMillis()));
    }

    /** Resolves {@code ${karaf.data}} (Config Admin files have it substituted already; the default does not). */
    static Path spoolDirectory(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("livestack.storage: spoolDirectory must not be empty");
        }
        String data = System.getProperty("karaf.data", "data");
        return Path.of(configured.replace("${karaf.data}", data)).toAbsolutePath().normalize();
    }
}
