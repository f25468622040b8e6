package io.livestack.intake.internal;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.livestack.api.telemetry.MetricNames;
import java.util.concurrent.TimeUnit;

/**
 * The metric intake updates itself in a bound {@link MetricRegistry}: the timer {@value MetricNames#TICK_TO_ORDER}.
 * Everything else intake counts is exposed through {@code LiveRuntime.counters()} and collected by the metrics
 * bundle. A new instance is made when the registry service changes; the timer leaves the registry with it.
 * <p>
 * The timer's reservoir is the lock-free variant of Dropwizard's default (exponentially decaying, biased to the last
 * ~5 minutes): same statistics, but an update on the processing thread never takes the read-write lock that a
 * snapshot (Prometheus scrape, web console) or a rescale holds.
 */
final class IntakeMetrics {

    final MetricRegistry registry;
    private final Timer tickToOrder;

    IntakeMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.tickToOrder = registry.timer(MetricNames.TICK_TO_ORDER,
                () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
    }

    /** Processing thread: one order handed to a venue adapter, {@code nanos} after its market data's intake. */
    void tickToOrder(long nanos) {
        tickToOrder.update(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** The registry goes away (or intake stops): nobody updates the timer any more. */
    void remove() {
        registry.removeMatching((name, metric) -> metric == tickToOrder);
    }
}
