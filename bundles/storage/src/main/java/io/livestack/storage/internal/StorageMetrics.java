package io.livestack.storage.internal;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import io.livestack.api.telemetry.MetricNames;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one metric storage updates itself, when a MetricRegistry service is there: the timer
 * {@value MetricNames#STORAGE_RECORD_TO_DURABLE} (accept to durable, per record, updated by the writer thread after
 * each batch). Everything else (backlog, counts, last commit, health) the metrics bundle collects from the
 * {@link io.livestack.api.record.StorageMonitor} service.
 */
final class StorageMetrics implements RecordStore.Listener {

    private record Bound(MetricRegistry registry, Timer recordToDurable) {
    }

    private volatile Bound bound;

    synchronized void bind(MetricRegistry registry) {
        // the last minute's records (a sliding window array: tens of ns per update, updated once per record)
        bound = new Bound(registry, registry.timer(MetricNames.STORAGE_RECORD_TO_DURABLE,
                () -> new Timer(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES))));
    }

    synchronized void unbind(MetricRegistry registry) {
        Bound b = bound;
        if (b != null && b.registry() == registry) {
            registry.remove(MetricNames.STORAGE_RECORD_TO_DURABLE);
            bound = null;
        }
    }

    @Override
    public void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
        Bound b = bound;
        if (b == null) {
            return;
        }
        Timer timer = b.recordToDurable();
        for (Envelope e : written) {
            if (e.hasAcceptTime()) {
                timer.update(durableAtNanos - e.acceptNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }
}
