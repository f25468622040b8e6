package io.livestack.risk.internal;

import io.livestack.api.telemetry.Health;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The "risk" health (RTS 6 Art. 16 real-time alerts): DEGRADED, naming the limit, scope and what it saw, while a loss
 * limit is latched or a limit broke within the last {@link Breaches#RECENT_NANOS} of event time; UP otherwise, DOWN
 * never (a breach is the limits working: the chain stays healthy). Measured against the latest event time the stage
 * saw, which a review moves on at least once a second, so a breach shows at once and clears within a second of
 * its minute. Any thread.
 */
final class RiskHealth {

    static final String NAME = "risk";

    private RiskHealth() {
    }

    static Health of(Breaches breaches, Set<String> latches, String lastConfigError) {
        Map<String, String> details = new LinkedHashMap<>();
        if (lastConfigError != null) {
            details.put("configError", lastConfigError);
        }
        if (!latches.isEmpty()) {
            details.put("latched", String.join(", ", new java.util.TreeSet<>(latches)));
        }
        Breaches.Breach b = breaches.latestRecent();
        if (b != null) {
            details.put("lastBreach", b.limit() + " (" + b.scope() + "): " + b.detail());
            return new Health(Health.Status.DEGRADED, "risk limit " + b.limit() + " breached at " + b.scope() + ": "
                    + b.detail(), details);
        }
        if (!latches.isEmpty()) {
            String first = latches.iterator().next();
            return new Health(Health.Status.DEGRADED, "risk limit breached and latched: " + first, details);
        }
        return new Health(Health.Status.UP, lastConfigError == null ? "within limits"
                : "within limits (a configuration change was refused: previous limits in force)", details);
    }
}
