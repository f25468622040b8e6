package io.livestack.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.telemetry.MetricNames;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChartSampleTest {

    @Test
    void pnlPerDeskAndStrategyAndDeskPositions() {
        Map<String, Double> out = new LinkedHashMap<>();
        ChartSample.state(new ChartSample.StateFigures(List.of(
                new PnlView(PnlView.Scope.DESK, "*", "USD", Fixed.of(5), Fixed.parse("-0.5"), Fixed.parse("0.25"),
                        0, 0),
                new PnlView(PnlView.Scope.STRATEGY, "mm1", "USD", Fixed.of(2), 0, 0, 0, 0),
                new PnlView(PnlView.Scope.ACCOUNT, "ACC1", "USD", Fixed.of(9), 0, 0, 0, 0)),
                List.of(new PositionView(InstrumentId.of("BTC-USD"), Fixed.parse("-0.03"), 0, 0, 0, 0, 0, 0, 1))),
                out);
        assertThat(out).containsEntry("pnl|desk|realized", 5.0).containsEntry("pnl|desk|unrealized", -0.5)
                .containsEntry("pnl|desk|total", 4.25).containsEntry("pnl|strategy:mm1|total", 2.0)
                .containsEntry("position|BTC-USD", -0.03);
        assertThat(out.keySet()).noneMatch(k -> k.contains("ACC1"));
    }

    @Test
    void noStateNoStatePoints() {
        Map<String, Double> out = new LinkedHashMap<>();
        ChartSample.state(null, out);
        assertThat(out).isEmpty();
    }

    @Test
    void orderFlowIsPerSecondBetweenTwoReadingsAndNothingAfterACounterWentBack() {
        MetricRegistry r = new MetricRegistry();
        r.counter(MetricNames.tagged(MetricNames.ORDERS_SENT, "venue", "SIM")).inc(10);
        r.counter(MetricNames.tagged(MetricNames.ORDERS_SENT, "venue", "FIXSIM")).inc(4);
        r.counter(MetricNames.tagged(MetricNames.ORDERS_FILLED, "venue", "SIM")).inc(2);
        ChartSample.Counters before = ChartSample.counters(r, 1000);
        r.counter(MetricNames.tagged(MetricNames.ORDERS_SENT, "venue", "SIM")).inc(6);
        r.counter(MetricNames.tagged(MetricNames.ORDERS_FILLED, "venue", "SIM")).inc(1);
        r.counter(MetricNames.tagged(MetricNames.ORDERS_REJECTED, "venue", "SIM")).inc(1);
        r.counter(MetricNames.RISK_REJECTIONS).inc(1);
        ChartSample.Counters now = ChartSample.counters(r, 3000);

        Map<String, Double> out = new LinkedHashMap<>();
        ChartSample.flow(before, now, out);
        assertThat(out).containsEntry("flow|sent", 3.0).containsEntry("flow|filled", 0.5)
                .containsEntry("flow|rejected", 1.0);

        Map<String, Double> none = new LinkedHashMap<>();
        ChartSample.flow(now, new ChartSample.Counters(4000, 0, 0, 0), none);
        ChartSample.flow(null, now, none);
        assertThat(none).isEmpty();
    }

    @Test
    void latencyPercentilesInMicrosPerTimerAndVenue() {
        MetricRegistry r = new MetricRegistry();
        r.timer(MetricNames.TICK_TO_ORDER).update(20, TimeUnit.MICROSECONDS);
        r.timer(MetricNames.tagged(MetricNames.ORDER_ACK_LATENCY, "venue", "FIXSIM")).update(3, TimeUnit.MILLISECONDS);
        r.timer(MetricNames.tagged(MetricNames.ORDER_ACK_LATENCY, "venue", "SIM"));
        Map<String, Double> out = new LinkedHashMap<>();
        ChartSample.latencies(r, out);
        assertThat(out).containsEntry("latency|tick-to-order|p50", 20.0)
                .containsEntry("latency|order-ack FIXSIM|p99", 3000.0)
                .doesNotContainKey("latency|order-ack SIM|p50");
        assertThat(ChartSample.distributions(r)).containsOnlyKeys("tick-to-order", "order-ack FIXSIM");
        assertThat(ChartSample.distributions(r).get("order-ack FIXSIM")).containsExactly(3000, 3000, 3000, 3000,
                3000);
    }

    @Test
    void storageBacklogFromItsGauge() {
        MetricRegistry r = new MetricRegistry();
        r.gauge(MetricNames.STORAGE_BACKLOG, () -> () -> 42);
        Map<String, Double> out = new LinkedHashMap<>();
        ChartSample.queues(null, r, out);
        assertThat(out).containsEntry("queue|storage backlog", 42.0).doesNotContainKey("queue|intake queue");
    }

    @Test
    void tagValueOfATaggedName() {
        assertThat(ChartSample.tag("a.b{venue=SIM,x=1}", "venue")).isEqualTo("SIM");
        assertThat(ChartSample.tag("a.b{x=1}", "venue")).isEqualTo("x=1");
        assertThat(ChartSample.tag("a.b", "venue")).isEmpty();
    }

    @Test
    void settingsAreCheckedAndTheHistoryBounded() {
        assertThat(ChartSettings.capacity(config(1000, 60))).isEqualTo(3600);
        assertThat(ChartSettings.capacity(config(100, 1440))).isEqualTo(ChartSettings.MAX_POINTS);
        assertThatThrownBy(() -> ChartSettings.intervalMillis(config(50, 60)))
                .hasMessageContaining("chartIntervalMillis = 50");
        assertThatThrownBy(() -> ChartSettings.capacity(config(1000, 0)))
                .hasMessageContaining("chartHistoryMinutes = 0");
    }

    @Test
    void theChartParameterIsATimeOrAClearError() {
        assertThat(ChartData.after(null)).isZero();
        assertThat(ChartData.after("1700000000000")).isEqualTo(1700000000000L);
        assertThatThrownBy(() -> ChartData.after("yesterday")).hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> ChartData.after("-1")).hasMessageContaining(">= 0");
    }

    @Test
    void samplerAppendsOnePointPerSampleWithoutARuntime() {
        ChartSampler sampler = new ChartSampler(config(60_000, 60));
        try {
            sampler.sample(1000);
            sampler.sample(2000);
            assertThat(sampler.history().size()).isEqualTo(2);
        } finally {
            sampler.stop();
        }
    }

    static WebConsoleConfig config(long interval, int minutes) {
        return new WebConsoleConfig() {
            public Class<? extends Annotation> annotationType() {
                return WebConsoleConfig.class;
            }

            public String realm() {
                return "karaf";
            }

            public String[] adminRoles() {
                return new String[0];
            }

            public String[] viewerRoles() {
                return new String[0];
            }

            public String[] operatorRoles() {
                return new String[0];
            }

            public String consoleRoot() {
                return "/system/console";
            }

            public String[] allowedOrigins() {
                return new String[0];
            }

            public long chartIntervalMillis() {
                return interval;
            }

            public int chartHistoryMinutes() {
                return minutes;
            }

            public int ranking() {
                return 100;
            }
        };
    }
}
