package io.livestack.webconsole.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.runtime.LiveRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the charts' series ({@link ChartSample}) every {@code chartIntervalMillis} on its own thread
 * ("livestack-webconsole-charts") into a {@link ChartHistory} of {@code chartHistoryMinutes}, whether or not a page
 * is open, so that a page opened late still shows the session's curves. One state query through the processing
 * loop per sample, bounded by the interval; a sample the loop did not answer in time has no state points (gaps in
 * the P&amp;L and position curves), never a stale copy.
 */
@Component(service = ChartSampler.class, configurationPid = WebConsoleConfig.PID)
public final class ChartSampler {

    private static final Logger LOG = LoggerFactory.getLogger(ChartSampler.class);

    /** Series kept at most (P&amp;L per strategy, positions per instrument, latencies per venue...). */
    static final int MAX_SERIES = 400;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LiveRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetricRegistry registry;

    private final ChartHistory history;
    private final long intervalMillis;
    private final ScheduledExecutorService thread;
    private ChartSample.Counters previous;

    @Activate
    public ChartSampler(WebConsoleConfig config) {
        this.intervalMillis = ChartSettings.intervalMillis(config);
        this.history = new ChartHistory(intervalMillis, ChartSettings.capacity(config), MAX_SERIES);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "livestack-webconsole-charts");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(this::sampleSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.info("web console charts: one sample every {} ms, {} samples kept", intervalMillis,
                ChartSettings.capacity(config));
    }

    @Deactivate
    void stop() {
        thread.shutdownNow();
    }

    ChartHistory history() {
        return history;
    }

    private void sampleSafely() {
        try {
            sample(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("web console charts: a sample failed: {}", e.toString());
        }
    }

    void sample(long nowMillis) {
        LiveRuntime rt = runtime;
        MetricRegistry reg = registry;
        Map<String, Double> values = new LinkedHashMap<>();
        if (rt != null) {
            ChartSample.state(stateFigures(rt), values);
            ChartSample.queues(rt.status(), reg, values);
        } else {
            ChartSample.queues(null, reg, values);
        }
        ChartSample.Counters now = ChartSample.counters(reg, nowMillis);
        ChartSample.flow(previous, now, values);
        previous = now;
        ChartSample.latencies(reg, values);
        history.append(nowMillis, values);
    }

    private ChartSample.StateFigures stateFigures(LiveRuntime rt) {
        try {
            return rt.query(ChartSample.StateFigures::of).get(intervalMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            LOG.debug("web console charts: state query failed: {}", e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
