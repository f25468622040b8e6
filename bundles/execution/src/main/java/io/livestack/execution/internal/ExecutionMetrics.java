package io.livestack.execution.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.telemetry.MetricNames;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The execution counters of {@link MetricNames} (orders sent, acknowledged, rejected, filled, canceled per venue and
 * strategy; ack latency per venue) in one registry. Metrics are resolved once per label set and kept in maps owned
 * by the processing thread; a new instance is made when the registry service changes.
 */
final class ExecutionMetrics {

    private record Key(String base, VenueId venue, StrategyId strategy) {
    }

    final MetricRegistry registry;
    private final Map<Key, Counter> counters = new HashMap<>();
    private final Map<VenueId, Timer> ackLatency = new HashMap<>();

    ExecutionMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    void count(String base, VenueId venue, StrategyId strategy) {
        Key key = new Key(base, venue, strategy);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = registry.counter(MetricNames.tagged(base, "venue", venue.value(), "strategy",
                    strategy.value()));
            counters.put(key, counter);
        }
        counter.inc();
    }

    void alert(VenueId venue, VenueAlert alert) {
        registry.counter(MetricNames.tagged(MetricNames.VENUE_ALERTS, "venue", venue.value(), "alert",
                alert.name())).inc(); // rare: resolved each time
    }

    void acknowledged(VenueId venue, long nanos) {
        Timer timer = ackLatency.get(venue);
        if (timer == null) {
            // the last minute's acknowledgements (a sliding window array: cheap enough for the processing thread)
            timer = registry.timer(MetricNames.tagged(MetricNames.ORDER_ACK_LATENCY, "venue", venue.value()),
                    () -> new Timer(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES)));
            ackLatency.put(venue, timer);
        }
        timer.update(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
}
