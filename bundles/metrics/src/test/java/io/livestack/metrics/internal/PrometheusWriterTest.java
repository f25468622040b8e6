package io.livestack.metrics.internal;

import static io.livestack.api.telemetry.MetricNames.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.livestack.api.telemetry.MetricNames;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusWriterTest {

    /** One sample line of the text format 0.0.4: name, optional labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\""
                    + "(\\\\.|[^\"\\\\])*\")*\\})? (NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)$");

    private static String write(MetricRegistry registry) throws IOException {
        StringWriter out = new StringWriter();
        PrometheusWriter.write(registry, out);
        return out.toString();
    }

    @Test
    void writesLabelledCountersAsTotalsWithTheirLabels() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.counter(tagged(MetricNames.ORDERS_SENT, "venue", "SIM", "strategy", "mm1")).inc(3);
        registry.counter(tagged(MetricNames.ORDERS_SENT, "venue", "FIX1", "strategy", "mm1")).inc();

        String text = write(registry);

        assertThat(text).contains("# TYPE livestack_orders_sent_total counter\n")
                .contains("livestack_orders_sent_total{venue=\"SIM\",strategy=\"mm1\"} 3\n")
                .contains("livestack_orders_sent_total{venue=\"FIX1\",strategy=\"mm1\"} 1\n");
        assertThat(text.split("# TYPE livestack_orders_sent_total", -1)).hasSize(2);
    }

    @Test
    void writesNumericAndBooleanGaugesAndLeavesOutOthers() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.register("livestack.runtime.queue.depth", (Gauge<Integer>) () -> 42);
        registry.register("livestack.flag", (Gauge<Boolean>) () -> true);
        registry.register("livestack.text", (Gauge<String>) () -> "hello");
        registry.register("livestack.absent", (Gauge<Long>) () -> null);
        registry.register("livestack.ratio", (Gauge<Double>) () -> 0.25);

        String text = write(registry);

        assertThat(text).contains("# TYPE livestack_runtime_queue_depth gauge\nlivestack_runtime_queue_depth 42\n")
                .contains("livestack_flag 1\n").contains("livestack_ratio 0.25\n")
                .doesNotContain("livestack_text").doesNotContain("livestack_absent");
    }

    @Test
    void writesCounterGaugesAsCounters() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.register(MetricNames.RUNTIME_EVENTS_PROCESSED, (CounterGauge) () -> 1234L);

        assertThat(write(registry)).contains("# TYPE livestack_runtime_events_processed_total counter\n"
                + "livestack_runtime_events_processed_total 1234\n");
    }

    @Test
    void writesTimersAsSummariesInSeconds() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        Timer timer = registry.timer(MetricNames.TICK_TO_ORDER);
        timer.update(2, TimeUnit.MILLISECONDS);
        timer.update(2, TimeUnit.MILLISECONDS);

        String text = write(registry);

        assertThat(text).contains("# TYPE livestack_latency_tick_to_order_seconds summary\n")
                .contains("livestack_latency_tick_to_order_seconds{quantile=\"0.5\"} 0.002\n")
                .contains("livestack_latency_tick_to_order_seconds{quantile=\"0.99\"} 0.002\n")
                .contains("livestack_latency_tick_to_order_seconds_count 2\n")
                .containsSubsequence("quantile=\"0.5\"", "quantile=\"0.75\"", "quantile=\"0.95\"",
                        "quantile=\"0.98\"", "quantile=\"0.99\"", "quantile=\"0.999\"", "_count");
    }

    @Test
    void escapesLabelValuesAndSanitizesNames() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("livestack.weird-name{venue=a\"b\\c}").inc();
        registry.counter("9lives").inc();

        String text = write(registry);

        assertThat(text).contains("livestack_weird_name_total{venue=\"a\\\"b\\\\c\"} 1\n").contains("_lives_total 1");
    }

    @Test
    void leavesOutAMetricWhoseFamilyHasAnotherType() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("livestack.y").inc(5); // family livestack_y_total, a counter
        registry.register("livestack.y_total", (Gauge<Integer>) () -> 99); // the same family name as a gauge

        String text = write(registry);

        assertThat(text).contains("# TYPE livestack_y_total counter\nlivestack_y_total 5\n")
                .doesNotContain(" 99").doesNotContain("gauge");
    }

    @Test
    void everyLineIsACommentOrAWellFormedSample() throws IOException {
        MetricRegistry registry = new MetricRegistry();
        registry.counter(tagged(MetricNames.RISK_REJECTIONS, "reason", "MAX_POSITION")).inc();
        registry.timer(tagged(MetricNames.ORDER_ACK_LATENCY, "venue", "SIM")).update(5, TimeUnit.MICROSECONDS);
        registry.histogram("livestack.sizes").update(7);
        registry.meter("livestack.rate").mark(3);
        registry.register("livestack.nan", (Gauge<Double>) () -> Double.NaN);
        registry.register("livestack.inf", (Gauge<Double>) () -> Double.NEGATIVE_INFINITY);
        registry.register("livestack.tiny", (Gauge<Double>) () -> 1.0e-9);

        List<String> lines = Arrays.asList(write(registry).split("\n"));

        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(
                line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches())
                .as(line).isTrue());
        assertThat(lines).contains("livestack_nan NaN", "livestack_inf -Inf", "livestack_tiny 1.0E-9",
                "livestack_rate_total 3", "livestack_sizes_count 1");
    }
}
