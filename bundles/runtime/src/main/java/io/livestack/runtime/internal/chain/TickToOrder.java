package io.livestack.runtime.internal.chain;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.livestack.api.telemetry.MetricNames;
import java.util.concurrent.TimeUnit;

/**
 * The tick-to-order timer ({@value MetricNames#TICK_TO_ORDER}), while a {@link MetricRegistry} is bound: when
 * execution control sends a new order (it does only once {@code VenueAdapter.submit} has returned) while a market
 * data event is processed, the time from that event's intake ({@link System#nanoTime()} at its slot claim) to then is
 * one sample. Orders caused by anything else, cancels and replaces are not sampled. Everything else the chain counts
 * is exposed through {@code LiveRuntime.counters()}.
 * <p>
 * The timer's reservoir is the lock-free variant of Dropwizard's default (exponentially decaying, biased to the last
 * ~5 minutes): an update on the processing thread never takes the lock a snapshot or a rescale holds.
 */
public final class TickToOrder {

    private volatile Bound bound;
    // processing thread
    private boolean active;
    private long tickNanoTime;

    /** The timer in one registry. */
    private record Bound(MetricRegistry registry, Timer timer) {
    }

    public void bindMetricRegistry(MetricRegistry registry) {
        Bound previous = bound;
        bound = new Bound(registry, registry.timer(MetricNames.TICK_TO_ORDER,
                () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build())));
        if (previous != null && previous.registry() != registry) {
            remove(previous);
        }
    }

    public void unbindMetricRegistry(MetricRegistry registry) {
        Bound current = bound;
        if (current != null && current.registry() == registry) {
            bound = null;
            remove(current);
        }
    }

    private static void remove(Bound b) {
        b.registry().removeMatching((name, metric) -> metric == b.timer());
    }

    /** A market data event taken in at {@code intakeNanoTime} is being processed. */
    void tick(long intakeNanoTime) {
        tickNanoTime = intakeNanoTime;
        active = true;
    }

    void tickDone() {
        active = false;
    }

    /** A new order went to its venue adapter: one sample if a tick caused it. */
    void orderSent() {
        Bound b = bound;
        if (active && b != null) {
            b.timer().update(Math.max(0, System.nanoTime() - tickNanoTime), TimeUnit.NANOSECONDS);
        }
    }
}
