package io.livestack.metrics.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Dropwizard {@link MetricRegistry} in the Prometheus text exposition format 0.0.4.
 * <ul>
 * <li>names: the registry base name with every character outside {@code [a-zA-Z0-9_:]} replaced by '_'; labels from
 * the {@code base{k=v,...}} syntax;</li>
 * <li>{@link Counter}, {@link Meter} (its count) and {@link CounterGauge}: counter, suffix {@code _total};</li>
 * <li>{@link Gauge}: gauge when its value is a number or a boolean (1/0), otherwise left out;</li>
 * <li>{@link Histogram}: summary (quantiles 0.5 0.75 0.95 0.98 0.99 0.999 of the reservoir, {@code _count});</li>
 * <li>{@link Timer}: summary in seconds, suffix {@code _seconds}.</li>
 * </ul>
 * Samples of one family are written together under one TYPE line; a registry name that maps to a family of another
 * type is left out rather than written under a wrong type.
 */
final class PrometheusWriter {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final double NANOS_PER_SECOND = 1e9;

    private enum Type {
        COUNTER("counter"), GAUGE("gauge"), SUMMARY("summary");

        final String text;

        Type(String text) {
            this.text = text;
        }
    }

    private record Sample(String suffix, Map<String, String> labels, double value) {
    }

    private static final class Family {
        final Type type;
        final String help;
        final List<Sample> samples = new ArrayList<>();

        Family(Type type, String help) {
            this.type = type;
            this.help = help;
        }
    }

    private PrometheusWriter() {
    }

    static void write(MetricRegistry registry, Writer out) throws IOException {
        Map<String, Family> families = new TreeMap<>();
        for (Map.Entry<String, Metric> e : registry.getMetrics().entrySet()) {
            collect(e.getKey(), e.getValue(), families);
        }
        StringBuilder sb = new StringBuilder(4096);
        for (Map.Entry<String, Family> e : families.entrySet()) {
            Family family = e.getValue();
            if (family.samples.isEmpty()) {
                continue;
            }
            String name = e.getKey();
            sb.append("# HELP ").append(name).append(' ').append(escapeHelp(family.help)).append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(family.type.text).append('\n');
            // by labels (quantiles aside, which keep their ascending order: the sort is stable), _count last
            family.samples.sort((a, b) -> {
                int c = withoutQuantile(a.labels).compareTo(withoutQuantile(b.labels));
                return c != 0 ? c : a.suffix.compareTo(b.suffix);
            });
            for (Sample s : family.samples) {
                sb.append(name).append(s.suffix);
                appendLabels(sb, s.labels);
                sb.append(' ').append(formatValue(s.value)).append('\n');
            }
        }
        out.write(sb.toString());
    }

    private static String withoutQuantile(Map<String, String> labels) {
        if (!labels.containsKey("quantile")) {
            return labels.toString();
        }
        Map<String, String> copy = new java.util.LinkedHashMap<>(labels);
        copy.remove("quantile");
        return copy.toString();
    }

    private static void collect(String registryName, Metric metric, Map<String, Family> families) {
        ParsedName parsed = ParsedName.parse(registryName);
        String base = sanitizeName(parsed.base());
        Map<String, String> labels = sanitizeLabels(parsed.labels());
        if (metric instanceof CounterGauge g) {
            Number v = safeValue(g);
            if (v != null) {
                add(families, base + "_total", Type.COUNTER, parsed.base(), new Sample("", labels, v.doubleValue()));
            }
        } else if (metric instanceof Gauge<?> g) {
            Object v = safeValue(g);
            Double d = v instanceof Number n ? Double.valueOf(n.doubleValue())
                    : v instanceof Boolean b ? Double.valueOf(b ? 1 : 0) : null;
            if (d != null) {
                add(families, base, Type.GAUGE, parsed.base(), new Sample("", labels, d));
            }
        } else if (metric instanceof Counter c) {
            add(families, base + "_total", Type.COUNTER, parsed.base(), new Sample("", labels, c.getCount()));
        } else if (metric instanceof Meter m) {
            add(families, base + "_total", Type.COUNTER, parsed.base(), new Sample("", labels, m.getCount()));
        } else if (metric instanceof Timer t) {
            summary(families, base + "_seconds", parsed.base() + " (seconds)", labels, t.getSnapshot(), t.getCount(),
                    NANOS_PER_SECOND);
        } else if (metric instanceof Histogram h) {
            summary(families, base, parsed.base(), labels, h.getSnapshot(), h.getCount(), 1);
        }
    }

    private static void summary(Map<String, Family> families, String name, String help, Map<String, String> labels,
            Snapshot snapshot, long count, double divisor) {
        for (double q : QUANTILES) {
            Map<String, String> ql = new java.util.LinkedHashMap<>(labels);
            ql.put("quantile", Double.toString(q));
            add(families, name, Type.SUMMARY, help, new Sample("", ql, snapshot.getValue(q) / divisor));
        }
        add(families, name, Type.SUMMARY, help, new Sample("_count", labels, count));
    }

    private static void add(Map<String, Family> families, String name, Type type, String help, Sample sample) {
        Family family = families.computeIfAbsent(name, n -> new Family(type, help));
        if (family.type == type) {
            family.samples.add(sample);
        }
    }

    private static <T> T safeValue(Gauge<T> gauge) {
        try {
            return gauge.getValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String sanitizeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (c >= '0' && c <= '9' && i > 0);
            sb.append(ok ? c : '_');
        }
        return sb.length() == 0 ? "_" : sb.toString();
    }

    private static Map<String, String> sanitizeLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return labels;
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String key = sanitizeName(e.getKey()).replace(':', '_');
            if (key.startsWith("__")) {
                key = "l" + key;
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private static void appendLabels(StringBuilder sb, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(e.getKey()).append("=\"").append(escapeLabelValue(e.getValue())).append('"');
        }
        sb.append('}');
    }

    static String escapeLabelValue(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
