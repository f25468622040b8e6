package io.livestack.api.risk;

/** One limit for display: its key, the configured limit and current usage, as text. */
public record LimitUsage(String key, String limit, String usage) {
}
