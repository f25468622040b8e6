package io.livestack.metrics.internal;

import io.livestack.http.Json;

import io.livestack.api.telemetry.Health;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health of every component and the overall verdict: DOWN when any component is DOWN, DEGRADED when any is
 * DEGRADED, otherwise UP (UNKNOWN components do not count).
 */
record HealthReport(Health.Status status, Map<String, Health> components) {

    HealthReport {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    static HealthReport of(Map<String, Health> components) {
        Health.Status overall = Health.Status.UP;
        for (Health h : components.values()) {
            if (h.status() == Health.Status.DOWN) {
                overall = Health.Status.DOWN;
            } else if (h.status() == Health.Status.DEGRADED && overall != Health.Status.DOWN) {
                overall = Health.Status.DEGRADED;
            }
        }
        return new HealthReport(overall, components);
    }

    boolean healthy() {
        return status != Health.Status.DOWN;
    }

    /** HTTP status for /livestack/health: 200 healthy, 503 not. */
    int httpStatus() {
        return healthy() ? 200 : 503;
    }

    /**
     * {"status":"UP","components":{"processingLoop":{"status":"UP","detail":"...","details":{"k":"v"}},...}}
     */
    String toJson() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"status\":").append(Json.quote(status.name())).append(",\"components\":{");
        boolean first = true;
        for (Map.Entry<String, Health> e : components.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Health h = e.getValue();
            sb.append(Json.quote(e.getKey())).append(":{\"status\":").append(Json.quote(h.status().name()))
                    .append(",\"detail\":").append(Json.quote(h.detail())).append(",\"details\":{");
            boolean firstDetail = true;
            for (Map.Entry<String, String> d : new java.util.TreeMap<>(h.details()).entrySet()) {
                if (!firstDetail) {
                    sb.append(',');
                }
                firstDetail = false;
                sb.append(Json.quote(d.getKey())).append(':').append(Json.quote(d.getValue()));
            }
            sb.append("}}");
        }
        return sb.append("}}").toString();
    }
}
