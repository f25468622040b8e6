package io.livestack.webconsole.internal;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.livestack.api.model.Fixed;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.api.telemetry.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One point of every chart series, from the state (P&amp;L per desk and strategy, desk positions), the runtime's
 * status (queue depth) and the metric registry (order flow counters, latency timers, storage backlog). The series
 * names are the page's contract ({@code livestack.html} groups them by their first part):
 * <ul>
 * <li>{@code pnl|desk|realized}, {@code pnl|desk|unrealized}, {@code pnl|desk|total} and the same per strategy
 * ({@code pnl|strategy:ID|...}); total is the net: realized + unrealized − fees, in the reporting currency;</li>
 * <li>{@code position|INSTRUMENT}: the desk's net position;</li>
 * <li>{@code flow|sent}, {@code flow|filled}, {@code flow|rejected}: orders per second since the previous sample
 * (counter differences; rejected = by venues and by risk);</li>
 * <li>{@code latency|tick-to-order|p50} / {@code p99} and {@code latency|order-ack VENUE|p50} / {@code p99}, in µs,
 * from the timers' current distributions;</li>
 * <li>{@code queue|intake queue} and {@code queue|storage backlog}.</li>
 * </ul>
 */
final class ChartSample {

    /** What a sample needs from the state, copied on the processing thread. */
    record StateFigures(List<PnlView> pnl, List<PositionView> positions) {

        static StateFigures of(StateView view) {
            return new StateFigures(List.copyOf(view.pnl()), List.copyOf(view.positions()));
        }
    }

    /** The cumulative counters a rate is computed from, and when they were read. */
    record Counters(long timeMillis, long sent, long filled, long rejected) {
    }

    private ChartSample() {
    }

    /** P&amp;L and positions; nothing when the state did not answer. */
    static void state(StateFigures state, Map<String, Double> out) {
        if (state == null) {
            return;
        }
        for (PnlView p : state.pnl()) {
            String scope = switch (p.scope()) {
                case DESK -> "desk";
                case STRATEGY -> "strategy:" + p.id();
                default -> null;
            };
            if (scope != null) {
                out.put("pnl|" + scope + "|realized", decimal(p.realized()));
                out.put("pnl|" + scope + "|unrealized", decimal(p.unrealized()));
                out.put("pnl|" + scope + "|total", decimal(p.net()));
            }
        }
        for (PositionView p : state.positions()) {
            out.put("position|" + p.instrument().value(), decimal(p.netQuantity()));
        }
    }

    static void queues(RuntimeStatus status, MetricRegistry registry, Map<String, Double> out) {
        if (status != null) {
            out.put("queue|intake queue", (double) status.queueDepth());
        }
        if (registry != null && Dashboard.gauge(registry, MetricNames.STORAGE_BACKLOG) instanceof Number n) {
            out.put("queue|storage backlog", n.doubleValue());
        }
    }

    /** The counters now; null without a registry. */
    static Counters counters(MetricRegistry registry, long nowMillis) {
        if (registry == null) {
            return null;
        }
        return new Counters(nowMillis, orZero(Dashboard.sum(registry, MetricNames.ORDERS_SENT)),
                orZero(Dashboard.sum(registry, MetricNames.ORDERS_FILLED)),
                orZero(Dashboard.sum(registry, MetricNames.ORDERS_REJECTED))
                        + orZero(Dashboard.sum(registry, MetricNames.RISK_REJECTIONS)));
    }

    /** Orders per second between two readings; nothing for the first, or when a counter went back (a restart). */
    static void flow(Counters before, Counters now, Map<String, Double> out) {
        if (before == null || now == null || now.timeMillis() <= before.timeMillis()
                || now.sent() < before.sent() || now.filled() < before.filled()
                || now.rejected() < before.rejected()) {
            return;
        }
        double seconds = (now.timeMillis() - before.timeMillis()) / 1000.0;
        out.put("flow|sent", (now.sent() - before.sent()) / seconds);
        out.put("flow|filled", (now.filled() - before.filled()) / seconds);
        out.put("flow|rejected", (now.rejected() - before.rejected()) / seconds);
    }

    static void latencies(MetricRegistry registry, Map<String, Double> out) {
        if (registry == null) {
            return;
        }
        Timer tick = registry.getTimers().get(MetricNames.TICK_TO_ORDER);
        if (tick != null && tick.getCount() > 0) {
            percentiles("tick-to-order", tick.getSnapshot(), out);
        }
        registry.getTimers((name, m) -> name.startsWith(MetricNames.ORDER_ACK_LATENCY + "{")).forEach((name, t) -> {
            if (t.getCount() > 0) {
                percentiles("order-ack " + tag(name, "venue"), t.getSnapshot(), out);
            }
        });
    }

    /**
     * The current distribution of the key latencies as percentiles (µs), for the page's distribution chart:
     * name to {p50, p90, p99, p99.9, max}.
     */
    static Map<String, double[]> distributions(MetricRegistry registry) {
        Map<String, double[]> out = new LinkedHashMap<>();
        if (registry == null) {
            return out;
        }
        Timer tick = registry.getTimers().get(MetricNames.TICK_TO_ORDER);
        if (tick != null && tick.getCount() > 0) {
            out.put("tick-to-order", distribution(tick.getSnapshot()));
        }
        registry.getTimers((name, m) -> name.startsWith(MetricNames.ORDER_ACK_LATENCY + "{")).forEach((name, t) -> {
            if (t.getCount() > 0) {
                out.put("order-ack " + tag(name, "venue"), distribution(t.getSnapshot()));
            }
        });
        return out;
    }

    private static double[] distribution(Snapshot s) {
        return new double[] {micros(s.getMedian()), micros(s.getValue(0.90)), micros(s.get99thPercentile()),
            micros(s.get999thPercentile()), micros(s.getMax())};
    }

    private static void percentiles(String name, Snapshot s, Map<String, Double> out) {
        out.put("latency|" + name + "|p50", micros(s.getMedian()));
        out.put("latency|" + name + "|p99", micros(s.get99thPercentile()));
    }

    /** The value of {@code key} in a tagged metric name {@code base{k=v,...}}; the whole tag part if not found. */
    static String tag(String name, String key) {
        int open = name.indexOf('{');
        if (open < 0 || !name.endsWith("}")) {
            return "";
        }
        String tags = name.substring(open + 1, name.length() - 1);
        for (String kv : tags.split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).trim().equals(key)) {
                return kv.substring(eq + 1).trim();
            }
        }
        return tags;
    }

    private static double micros(double nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    private static double decimal(long fixed) {
        return fixed / (double) Fixed.SCALE;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
