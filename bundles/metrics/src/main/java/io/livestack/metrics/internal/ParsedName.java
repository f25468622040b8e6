package io.livestack.metrics.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registry name split into its base and labels: {@code livestack.orders.sent{venue=SIM,strategy=mm1}} (the syntax
 * of {@link io.livestack.api.telemetry.MetricNames#tagged}). A name without braces has no labels; a malformed label
 * part is kept as a label named {@code label}.
 */
record ParsedName(String base, Map<String, String> labels) {

    static ParsedName parse(String name) {
        int open = name.indexOf('{');
        if (open < 0 || !name.endsWith("}")) {
            return new ParsedName(name, Map.of());
        }
        String base = name.substring(0, open);
        String body = name.substring(open + 1, name.length() - 1);
        Map<String, String> labels = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    labels.put(pair.substring(0, eq), pair.substring(eq + 1));
                } else {
                    labels.put("label", pair);
                }
            }
        }
        return new ParsedName(base, labels);
    }
}
