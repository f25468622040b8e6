package io.livestack.execution.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What execution control counts: the plain counters any thread may read (duplicates ignored, reports for unknown
 * orders, overfills, synthesized fills), and the labelled metrics of {@link ExecutionMetrics} while a registry is
 * bound (no registry, no metrics, same behaviour).
 */
final class ExecutionCounters {

    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong unknownOrderReports = new AtomicLong();
    final AtomicLong overfills = new AtomicLong();
    final AtomicLong synthesizedFills = new AtomicLong();
    private volatile ExecutionMetrics metrics;

    void bind(MetricRegistry registry) {
        metrics = new ExecutionMetrics(registry);
    }

    void unbind(MetricRegistry registry) {
        ExecutionMetrics current = metrics;
        if (current != null && current.registry == registry) {
            metrics = null;
        }
    }

    /** One more of {@code base} (a {@link io.livestack.api.telemetry.MetricNames} counter) for the order. */
    void count(String base, OrderView order) {
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.count(base, order.venue(), order.strategy());
        }
    }

    void acknowledged(VenueId venue, long nanos) {
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.acknowledged(venue, nanos);
        }
    }
}
