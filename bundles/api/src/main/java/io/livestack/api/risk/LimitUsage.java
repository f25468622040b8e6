package io.livestack.api.risk;

/**
 * One limit for display: its key, the scope it applies to ("desk", "strategy:S", "account:A", "instrument:I",
 * "venue:V"), the configured limit and current usage as text, and how much of it is used (usage / limit, 0 when it
 * has no measure; ≥ 1 is a breach). {@code breached} says the limit refused something or acted within the last
 * breach window.
 */
public record LimitUsage(String key, String limit, String usage, String scope, double utilization,
        boolean breached) {

    /** A desk-wide limit without a measure. */
    public LimitUsage(String key, String limit, String usage) {
        this(key, limit, usage, "desk", 0, false);
    }

    public LimitUsage {
        scope = scope == null ? "desk" : scope;
    }
}
