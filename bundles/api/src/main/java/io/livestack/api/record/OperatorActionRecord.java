package io.livestack.api.record;

import java.util.Objects;

/** An operator control action: who, what, on what, and how it ended ("ok" or the error). */
public record OperatorActionRecord(long seq, long timeNanos, String user, String action, String target,
        String outcome) implements ExecutionRecord {

    public OperatorActionRecord {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        outcome = outcome == null ? "" : outcome;
    }
}
