package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutionMetricsTest {

    private static String name(String base) {
        return MetricNames.tagged(base, "venue", "sim", "strategy", "mm");
    }

    @Test
    void countsOrdersPerVenueAndStrategyAndTimesTheAcknowledgement() {
        ExecutionFixture f = new ExecutionFixture();
        MetricRegistry registry = new MetricRegistry();
        f.execution.bindMetricRegistry(registry);

        OrderView filled = f.working(Side.BUY, of(100), of(2)); // sent + acknowledged 1 ms later
        f.report(f.trade(filled, of(1), of(100)).cum(of(1)).build());
        f.report(f.trade(filled, of(1), of(100)).cum(of(2)).build());
        f.report(f.report(filled, ExecType.NEW, OrderStatus.NEW).build()); // not a first ack
        OrderView canceled = f.working(Side.BUY, of(100), of(2));
        f.report(f.report(canceled, ExecType.CANCELED, OrderStatus.CANCELED).build());
        OrderView rejected = f.submitted(f.limit(Side.BUY, of(100), of(2)));
        f.report(f.report(rejected, ExecType.REJECTED, OrderStatus.REJECTED).build());

        assertThat(registry.counter(name(MetricNames.ORDERS_SENT)).getCount()).isEqualTo(3);
        assertThat(registry.counter(name(MetricNames.ORDERS_ACKNOWLEDGED)).getCount()).isEqualTo(2);
        assertThat(registry.counter(name(MetricNames.ORDERS_FILLED)).getCount()).isEqualTo(2);
        assertThat(registry.counter(name(MetricNames.ORDERS_CANCELED)).getCount()).isEqualTo(1);
        assertThat(registry.counter(name(MetricNames.ORDERS_REJECTED)).getCount()).isEqualTo(1);
        var ack = registry.timer(MetricNames.tagged(MetricNames.ORDER_ACK_LATENCY, "venue", "sim"));
        assertThat(ack.getCount()).isEqualTo(2);
        assertThat(ack.getSnapshot().getMax()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    void theFirstOrderOfAVenueAndStrategyExportsEveryOrderCounterAndTheVenuesAlertsFromZero() {
        ExecutionFixture f = new ExecutionFixture();
        MetricRegistry registry = new MetricRegistry();
        f.execution.bindMetricRegistry(registry);

        f.submitted(f.limit(Side.BUY, of(100), of(2))); // sent, nothing else yet

        assertThat(registry.getCounters().get(name(MetricNames.ORDERS_SENT)).getCount()).isEqualTo(1);
        for (String base : List.of(MetricNames.ORDERS_ACKNOWLEDGED, MetricNames.ORDERS_REJECTED,
                MetricNames.ORDERS_FILLED, MetricNames.ORDERS_CANCELED)) {
            assertThat(registry.getCounters()).as(base).containsKey(name(base));
            assertThat(registry.getCounters().get(name(base)).getCount()).as(base).isZero();
        }
        for (VenueAlert alert : VenueAlert.values()) {
            String alertName = MetricNames.tagged(MetricNames.VENUE_ALERTS, "venue", "sim", "alert", alert.name());
            assertThat(registry.getCounters()).as(alert.name()).containsKey(alertName);
            assertThat(registry.getCounters().get(alertName).getCount()).as(alert.name()).isZero();
        }
    }

    @Test
    void withoutARegistryNothingIsCountedAndNothingBreaks() {
        ExecutionFixture f = new ExecutionFixture();
        MetricRegistry registry = new MetricRegistry();
        f.execution.bindMetricRegistry(registry);
        f.execution.unbindMetricRegistry(registry);

        f.working(Side.BUY, of(100), of(2));

        assertThat(registry.getCounters()).isEmpty();
    }
}
