package io.livestack.storage.internal;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import io.livestack.api.telemetry.MetricNames;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one metric storage updates itself, when a MetricRegistry service is there: the timer
 * {@value MetricNames#STORAGE_RECORD_TO_DURABLE}, per record from its event's intake time
 * ({@link io.livestack.api.record.ExecutionRecord#timeNanos()}, wall clock) to its batch being durable in the
 * database, updated by the writer thread after each batch: how far the database is behind the trading, including
 * the time a record waited in the journal (an outage, a restart). Everything else (backlog, counts, last commit,
 * health) the metrics bundle collects from the {@link io.livestack.api.record.StorageMonitor} service.
 */
final class StorageMetrics implements RecordStore.Listener {

    private record Bound(MetricRegistry registry, Timer recordToDurable) {
    }

    private volatile Bound bound;

    /** The wall clock in nanoseconds since the epoch (the resolution the system clock gives, typically µs). */
    static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

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
        if (b == null || written.isEmpty()) {
            return;
        }
        Timer timer = b.recordToDurable();
        long now = epochNanosNow();
        for (Envelope e : written) {
            long age = now - e.record().timeNanos();
            if (age >= 0) {
                timer.update(age, TimeUnit.NANOSECONDS);
            }
        }
    }
}
