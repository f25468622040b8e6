package io.livestack.export.kafka.internal;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.telemetry.MetricNames;
import java.util.List;
import java.util.function.Supplier;

/**
 * The export's metrics in the MetricRegistry service, when there is one: its counters and timer
 * ({@link ExportCounters}) and gauges of its status (lag in events and seconds, mark, in flight).
 */
final class ExportMetrics {

    private static final List<String> NAMES = List.of(MetricNames.EXPORT_KAFKA_SENT,
            MetricNames.EXPORT_KAFKA_ACKNOWLEDGED, MetricNames.EXPORT_KAFKA_DUPLICATES_SKIPPED,
            MetricNames.EXPORT_KAFKA_RESENT, MetricNames.EXPORT_KAFKA_FAILURES, MetricNames.EXPORT_KAFKA_RECORD_TO_ACK,
            MetricNames.EXPORT_KAFKA_LAG_EVENTS, MetricNames.EXPORT_KAFKA_LAG_SECONDS, MetricNames.EXPORT_KAFKA_MARK,
            MetricNames.EXPORT_KAFKA_IN_FLIGHT);

    private ExportMetrics() {
    }

    static void register(MetricRegistry registry, ExportCounters c, Supplier<ExportStatus> status) {
        registry.register(MetricNames.EXPORT_KAFKA_SENT, c.sent);
        registry.register(MetricNames.EXPORT_KAFKA_ACKNOWLEDGED, c.acknowledged);
        registry.register(MetricNames.EXPORT_KAFKA_DUPLICATES_SKIPPED, c.duplicatesSkipped);
        registry.register(MetricNames.EXPORT_KAFKA_RESENT, c.resent);
        registry.register(MetricNames.EXPORT_KAFKA_FAILURES, c.failures);
        registry.register(MetricNames.EXPORT_KAFKA_RECORD_TO_ACK, c.recordToAcknowledged);
        registry.register(MetricNames.EXPORT_KAFKA_LAG_EVENTS, (Gauge<Long>) () -> status.get().lagEvents());
        registry.register(MetricNames.EXPORT_KAFKA_LAG_SECONDS, (Gauge<Double>) () -> status.get().lagSeconds());
        registry.register(MetricNames.EXPORT_KAFKA_MARK, (Gauge<Long>) () -> status.get().mark());
        registry.register(MetricNames.EXPORT_KAFKA_IN_FLIGHT, (Gauge<Integer>) () -> status.get().inFlight());
    }

    static void unregister(MetricRegistry registry) {
        NAMES.forEach(registry::remove);
    }
}
