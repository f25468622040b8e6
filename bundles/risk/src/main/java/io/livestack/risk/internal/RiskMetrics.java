package io.livestack.risk.internal;

import static io.livestack.api.telemetry.MetricNames.tagged;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.telemetry.MetricNames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The risk limits in a {@link MetricRegistry} while one is bound: a gauge
 * {@value MetricNames#RISK_LIMIT_UTILIZATION}{limit,scope} per limit and scope (usage / limit, from the usage table
 * refreshed at each review, at most a second old) and a counter {@value MetricNames#RISK_BREACHES}{limit} counting
 * every refusal or action of a limit, registered at 0 for every limit with a utilization gauge (an alert on its
 * increase has its series before the first breach). Gauges of limits no longer configured go; their counters stay.
 * Thread-safe.
 */
final class RiskMetrics implements Breaches.Listener {

    private record Bound(MetricRegistry registry) {
    }

    private volatile Bound bound;
    private volatile Map<String, Double> utilization = Map.of();
    private volatile Set<String> limits = Set.of();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private final Set<String> breachCounters = ConcurrentHashMap.newKeySet();

    void bind(MetricRegistry registry, Breaches breaches) {
        Bound previous = bound;
        if (previous != null && previous.registry() != registry) {
            unbind(previous.registry());
        }
        bound = new Bound(registry);
        breaches.counts().forEach((limit, count) -> {
            long missing = count.get() - registry.counter(counterName(limit)).getCount();
            if (missing > 0) {
                registry.counter(counterName(limit)).inc(missing);
            }
        });
        register(registry, utilization.keySet(), limits);
    }

    void unbind(MetricRegistry registry) {
        Bound b = bound;
        if (b == null || b.registry() != registry) {
            return;
        }
        bound = null;
        for (String name : gauges) {
            registry.remove(name);
        }
        gauges.clear();
        breachCounters.clear();
        registry.removeMatching((name, metric) -> name.startsWith(MetricNames.RISK_BREACHES + "{"));
    }

    @Override
    public void breached(String limit) {
        Bound b = bound;
        if (b != null) {
            b.registry().counter(counterName(limit)).inc();
        }
    }

    /** Whether a registry is bound (the usage table is built for it only then). */
    boolean bound() {
        return bound != null;
    }

    /** The usage table now: gauges for new limit scopes, none for those gone. */
    void refresh(List<LimitUsage> usage) {
        Map<String, Double> next = new HashMap<>();
        Set<String> nextLimits = new HashSet<>();
        for (LimitUsage u : usage) {
            if (!u.usage().isEmpty() && !u.key().equals("customChecks") && !u.key().equals("configError")) {
                next.put(tagged(MetricNames.RISK_LIMIT_UTILIZATION, "limit", u.key(), "scope", u.scope()),
                        u.utilization());
                nextLimits.add(u.key());
            }
        }
        utilization = Map.copyOf(next);
        limits = Set.copyOf(nextLimits);
        Bound b = bound;
        if (b == null) {
            return;
        }
        for (String name : Set.copyOf(gauges)) {
            if (!next.containsKey(name)) {
                b.registry().remove(name);
                gauges.remove(name);
            }
        }
        register(b.registry(), next.keySet(), nextLimits);
    }

    private void register(MetricRegistry registry, Set<String> names, Set<String> limitKeys) {
        for (String name : names) {
            if (gauges.add(name)) {
                registry.gauge(name, () -> (Gauge<Double>) () -> utilization.getOrDefault(name, 0.0));
            }
        }
        for (String limit : limitKeys) {
            if (breachCounters.add(limit)) {
                registry.counter(counterName(limit));
            }
        }
    }

    static String counterName(String limit) {
        return tagged(MetricNames.RISK_BREACHES, "limit", limit);
    }
}
