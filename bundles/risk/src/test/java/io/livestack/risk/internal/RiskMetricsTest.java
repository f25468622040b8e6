package io.livestack.risk.internal;

import static io.livestack.api.telemetry.MetricNames.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.telemetry.MetricNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskMetricsTest {

    private static final List<LimitUsage> USAGE = List.of(
            new LimitUsage(RiskLimits.MAX_POSITION, "5000", "1250", "desk", 0.25, false),
            new LimitUsage(RiskLimits.MAX_POSITION, "100", "50", "strategy:mm", 0.5, false),
            new LimitUsage(RiskLimits.MAX_ORDERS_PER_SECOND, "50", "5 in window", "desk", 0.1, false),
            new LimitUsage("lossAction", "HALTED", ""),
            new LimitUsage("customChecks", "0", ""));

    private static String breaches(String limit) {
        return tagged(MetricNames.RISK_BREACHES, "limit", limit);
    }

    @Test
    void everyLimitWithAUtilizationGaugeHasABreachCounterFromZero() {
        MetricRegistry registry = new MetricRegistry();
        RiskMetrics metrics = new RiskMetrics();
        Breaches breaches = new Breaches();
        breaches.listener(metrics);
        metrics.bind(registry, breaches);

        metrics.refresh(USAGE);

        assertThat(registry.getGauges().get(tagged(MetricNames.RISK_LIMIT_UTILIZATION, "limit",
                RiskLimits.MAX_POSITION, "scope", "strategy:mm")).getValue()).isEqualTo(0.5);
        assertThat(registry.getCounters()).containsOnlyKeys(breaches(RiskLimits.MAX_POSITION),
                breaches(RiskLimits.MAX_ORDERS_PER_SECOND));
        assertThat(registry.getCounters().get(breaches(RiskLimits.MAX_POSITION)).getCount()).isZero();

        breaches.record(RiskLimits.MAX_POSITION, "desk", 1, "position 5001 > 5000");
        metrics.refresh(USAGE);
        assertThat(registry.getCounters().get(breaches(RiskLimits.MAX_POSITION)).getCount()).isEqualTo(1);

        // a limit no longer configured loses its gauge, not its count
        metrics.refresh(List.of(USAGE.get(2)));
        assertThat(registry.getGauges()).containsOnlyKeys(tagged(MetricNames.RISK_LIMIT_UTILIZATION, "limit",
                RiskLimits.MAX_ORDERS_PER_SECOND, "scope", "desk"));
        assertThat(registry.getCounters().get(breaches(RiskLimits.MAX_POSITION)).getCount()).isEqualTo(1);
    }

    @Test
    void aNewRegistryGetsTheCountsSoFarAndTheZeroCountersAgain() {
        MetricRegistry first = new MetricRegistry();
        RiskMetrics metrics = new RiskMetrics();
        Breaches breaches = new Breaches();
        breaches.listener(metrics);
        metrics.bind(first, breaches);
        metrics.refresh(USAGE);
        breaches.record(RiskLimits.MAX_ORDERS_PER_SECOND, "desk", 1, "51 orders in the last second");

        metrics.unbind(first);
        assertThat(first.getCounters()).isEmpty();
        assertThat(first.getGauges()).isEmpty();

        MetricRegistry second = new MetricRegistry();
        metrics.bind(second, breaches);
        assertThat(second.getCounters().get(breaches(RiskLimits.MAX_ORDERS_PER_SECOND)).getCount()).isEqualTo(1);
        assertThat(second.getCounters().get(breaches(RiskLimits.MAX_POSITION)).getCount()).isZero();
    }
}
