package io.livestack.storage.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import java.time.Duration;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage bundle's component: keeps the execution-record tables a projection of the runtime's
 * {@link RecordJournal}, and publishes {@link StorageMonitor} and the "storage" {@link HealthIndicator}. It owns one
 * {@link RecordStore} (CamelContext + routes), created here and closed on deactivation.
 * <p>
 * The journal and the DataSource are dynamic, optional references: either may come and go (the runtime restarts, the
 * DataSource is re-published when its configuration changes, e.g. switching to PostgreSQL); the store waits, and
 * goes on after the database's mark when both are there. Nothing is lost meanwhile: the journal has it all.
 */
@Component(service = {StorageMonitor.class, HealthIndicator.class}, configurationPid = "livestack.storage",
        immediate = true)
@Designate(ocd = StorageConfig.class)
public final class StorageComponent implements StorageMonitor, HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(StorageComponent.class);

    /** Keys of the retired memory buffer, spool and recovery queries: ignored, with a warning. */
    static final List<String> RETIRED_KEYS = List.of("memoryCapacity", "spoolDirectory", "spoolSegmentBytes",
            "recoveryTimeoutMillis", "recoveryExecKeyWindowHours");

    private final AtomicReference<DataSource> dataSource = new AtomicReference<>();
    private final AtomicReference<RecordJournal> journal = new AtomicReference<>();
    private final StorageMetrics metrics = new StorageMetrics();
    private final RecordStore store;

    @Activate
    public StorageComponent(StorageConfig config, Map<String, Object> properties) {
        StorageSettings settings = settings(config);
        List<String> retired = retiredKeys(properties);
        if (!retired.isEmpty()) {
            LOG.warn("livestack.storage: {} no longer used (storage is a projection of the journal, without a spool); "
                    + "remove them from the configuration", retired);
        }
        this.store = RecordStore.start(settings, dataSource::get, config.dataSource_target(), journal::get, metrics,
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

    @Reference(name = "recordJournal", service = RecordJournal.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRecordJournal(RecordJournal j) {
        journal.set(j);
        store.journalChanged();
    }

    void unbindRecordJournal(RecordJournal j) {
        journal.compareAndSet(j, null);
    }

    @Reference(name = "metricRegistry", service = MetricRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindMetricRegistry(MetricRegistry registry) {
        metrics.bind(registry);
    }

    void unbindMetricRegistry(MetricRegistry registry) {
        metrics.unbind(registry);
    }

    // ------------------------------------------------------------------------------- StorageMonitor / health

    @Override
    public StorageStatus status() {
        return store.status();
    }

    @Override
    public long projectionMark() {
        return store.knownMark();
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
        details.put("mark", Long.toString(store.mark()));
        details.put("written", Long.toString(s.written()));
        details.put("duplicates", Long.toString(s.duplicates()));
        details.put("deadLettered", Long.toString(s.deadLettered()));
        details.put("lost", Long.toString(s.lost()));
        details.put("lastCommitMillis", String.format(Locale.ROOT, "%.3f", s.lastCommitNanos() / 1e6));
        return new Health(status, s.detail(), details);
    }

    // ------------------------------------------------------------------------------------------ configuration

    static StorageSettings settings(StorageConfig c) {
        if (c.dataSource_target() == null || c.dataSource_target().isBlank()) {
            throw new IllegalArgumentException("livestack.storage: dataSource.target = '" + c.dataSource_target()
                    + "' is invalid, expected a service filter such as (dataSourceName=livestack)");
        }
        Durability durability;
        try {
            durability = Durability.valueOf(c.durability().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("livestack.storage: durability = '" + c.durability()
                    + "' is invalid, expected SYNC, FLUSH or COMMIT", e);
        }
        return new StorageSettings(c.batchMaxSize(), c.idleWaitMillis(), c.commitIntervalMillis(), durability,
                Duration.ofMillis(c.retryMaxBackoffMillis()), Duration.ofMillis(c.shutdownTimeoutMillis()));
    }

    /** The retired keys present in the configuration. */
    static List<String> retiredKeys(Map<String, ?> properties) {
        return RETIRED_KEYS.stream().filter(properties::containsKey).toList();
    }
}
