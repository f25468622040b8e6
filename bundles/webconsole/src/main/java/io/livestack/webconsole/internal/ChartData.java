package io.livestack.webconsole.internal;

import com.codahale.metrics.MetricRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code charts} part of the page's data: the points after the time the page already has (its
 * {@code charts} parameter; absent or 0: the whole history) and the current latency distributions. One poll carries
 * the tables and the charts' new points together.
 */
final class ChartData {

    static final String PARAMETER = "charts";
    /** Points of a page's first load at most (about): a chart is a few hundred pixels wide. */
    static final int FIRST_LOAD_POINTS = 900;

    private ChartData() {
    }

    /** The points after {@code after}; null when the sampler is not running (bad configuration: see the log). */
    static Map<String, Object> of(ChartSampler sampler, MetricRegistry registry, String after) {
        long since = after(after);
        if (sampler == null) {
            return null;
        }
        // the whole history (a page's first poll) thinned to what a chart can show; later polls get every point
        ChartHistory.Window w = sampler.history().since(since, since == 0 ? FIRST_LOAD_POINTS : Integer.MAX_VALUE);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervalMillis", w.intervalMillis());
        m.put("capacity", w.capacity());
        m.put("times", w.times());
        m.put("series", w.series());
        m.put("droppedSeries", w.droppedSeries());
        Map<String, Object> distributions = new LinkedHashMap<>();
        ChartSample.distributions(registry).forEach((name, p) -> distributions.put(name,
                List.of(p[0], p[1], p[2], p[3], p[4])));
        m.put("distributionLabels", List.of("p50", "p90", "p99", "p99.9", "max"));
        m.put("distributions", distributions);
        return m;
    }

    /** The page's last point time (epoch ms); a clear error for anything else. */
    static long after(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) {
                throw new IllegalArgumentException(PARAMETER + " must be a time in epoch milliseconds >= 0, got "
                        + text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PARAMETER + " must be a time in epoch milliseconds, got '" + text + "'",
                    e);
        }
    }
}
