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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The execution counters of {@link MetricNames} (orders sent, acknowledged, rejected, filled, canceled per venue and
 * strategy; venue alerts per venue and alert; ack latency per venue) in one registry. Metrics are resolved once per
 * label set and kept in maps owned by the processing thread; a new instance is made when the registry service
 * changes. The first order of a venue and strategy registers every order counter of that pair, and the first of a
 * venue every alert counter of that venue, at 0: a rate or an alert rule over them has its series before the first
 * rejection or alert, not only after it.
 */
final class ExecutionMetrics {

    /** The order counters, all registered together for each venue and strategy. */
    static final List<String> ORDER_COUNTERS = List.of(MetricNames.ORDERS_SENT, MetricNames.ORDERS_ACKNOWLEDGED,
            MetricNames.ORDERS_REJECTED, MetricNames.ORDERS_FILLED, MetricNames.ORDERS_CANCELED);

    private record Key(String base, VenueId venue, StrategyId strategy) {
    }

    final MetricRegistry registry;
    private final Map<Key, Counter> counters = new HashMap<>();
    private final Set<VenueId> alertVenues = new HashSet<>();
    private final Map<VenueId, Timer> ackLatency = new HashMap<>();

    ExecutionMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    void count(String base, VenueId venue, StrategyId strategy) {
        Key key = new Key(base, venue, strategy);
        Counter counter = counters.get(key);
        if (counter == null) {
            for (String b : ORDER_COUNTERS) {
                counters.putIfAbsent(new Key(b, venue, strategy), registry.counter(MetricNames.tagged(b, "venue",
                        venue.value(), "strategy", strategy.value())));
            }
            venueAlerts(venue);
            counter = counters.computeIfAbsent(key, k -> registry.counter(MetricNames.tagged(base, "venue",
                    venue.value(), "strategy", strategy.value())));
        }
        counter.inc();
    }

    void alert(VenueId venue, VenueAlert alert) {
        venueAlerts(venue);
        registry.counter(alertName(venue, alert)).inc(); // rare: resolved each time
    }

    /** Every alert counter of the venue, from 0, the first time the venue is seen. */
    private void venueAlerts(VenueId venue) {
        if (alertVenues.add(venue)) {
            for (VenueAlert a : VenueAlert.values()) {
                registry.counter(alertName(venue, a));
            }
        }
    }

    private static String alertName(VenueId venue, VenueAlert alert) {
        return MetricNames.tagged(MetricNames.VENUE_ALERTS, "venue", venue.value(), "alert", alert.name());
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
