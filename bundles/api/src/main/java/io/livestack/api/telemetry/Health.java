package io.livestack.api.telemetry;

import java.util.Map;
import java.util.Objects;

/**
 * One component's health. {@code detail} is one human-readable line; {@code details} are extra key/value facts
 * (never credentials). UP and DEGRADED count as healthy (HTTP 200), DOWN as unhealthy (HTTP 503); UNKNOWN means
 * nothing can be said (e.g. the component is not installed) and does not fail the whole.
 */
public record Health(Status status, String detail, Map<String, String> details) {

    public enum Status {
        UP, DEGRADED, DOWN, UNKNOWN
    }

    public Health {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail, Map.of());
    }

    public static Health degraded(String detail) {
        return new Health(Status.DEGRADED, detail, Map.of());
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail, Map.of());
    }

    public static Health unknown(String detail) {
        return new Health(Status.UNKNOWN, detail, Map.of());
    }

    /** The same health with these details. */
    public Health withDetails(Map<String, String> newDetails) {
        return new Health(status, detail, newDetails);
    }

    /** False only for DOWN. */
    public boolean healthy() {
        return status != Status.DOWN;
    }
}
