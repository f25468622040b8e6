package io.livestack.metrics.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.StrategyHostStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Collects the runtime's own counters into the registry ({@link RuntimeGauges}) from {@link RuntimeSnapshot}s taken
 * in the background every {@code refreshSeconds} (one owned thread, "livestack-metrics-refresh") and on demand by
 * the HTTP endpoints. The runtime and the stages come and go (redeploys): every reference is optional and dynamic.
 */
@Component(service = RuntimeCollector.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
public final class RuntimeCollector {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCollector.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LiveRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StrategyHostStage host;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RiskStage risk;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ExecutionStage execution;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StorageMonitor storage;

    private final long queryTimeoutMillis;
    private final SnapshotTaker taker;
    private final RuntimeGauges gauges;
    private final ScheduledExecutorService refresher;
    private final Object refreshLock = new Object();
    private volatile RuntimeSnapshot latest;

    @Activate
    public RuntimeCollector(@Reference MetricRegistry registry, MetricsConfig config) {
        int refreshSeconds = config.refreshSeconds();
        if (refreshSeconds < 0 || refreshSeconds > 3600) {
            throw new IllegalArgumentException(MetricsConfig.PID + ": refreshSeconds must be 0..3600, got "
                    + refreshSeconds);
        }
        this.queryTimeoutMillis = config.queryTimeoutMillis();
        if (queryTimeoutMillis < 1 || queryTimeoutMillis > 60_000) {
            throw new IllegalArgumentException(MetricsConfig.PID + ": queryTimeoutMillis must be 1..60000, got "
                    + queryTimeoutMillis);
        }
        this.taker = new SnapshotTaker(() -> runtime, () -> host, () -> risk, () -> execution, () -> storage,
                System::nanoTime);
        this.gauges = new RuntimeGauges(registry, () -> latest);
        if (refreshSeconds > 0) {
            this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "livestack-metrics-refresh");
                t.setDaemon(true);
                return t;
            });
            refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshSeconds, TimeUnit.SECONDS);
        } else {
            this.refresher = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        gauges.close();
    }

    /** A snapshot at most {@code maxAgeMillis} old (taking a new one if needed). */
    public RuntimeSnapshot snapshot(long maxAgeMillis) {
        RuntimeSnapshot s = latest;
        if (s != null && System.nanoTime() - s.takenAtNanos() <= TimeUnit.MILLISECONDS.toNanos(maxAgeMillis)) {
            return s;
        }
        return refresh();
    }

    /** Take a new snapshot now (waits at most the query timeout for the processing loop). */
    public RuntimeSnapshot refresh() {
        synchronized (refreshLock) {
            RuntimeSnapshot s = taker.take(queryTimeoutMillis);
            latest = s;
            gauges.register(s);
            return s;
        }
    }

    /** The current runtime, or null (for the health check's liveness facts). */
    LiveRuntime runtime() {
        return runtime;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Refreshing the runtime gauges failed: {}", e.toString());
        }
    }
}
