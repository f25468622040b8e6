package io.livestack.api.runtime;

import io.livestack.api.risk.RejectReason;
import java.util.Objects;

/**
 * What execution control did with an intent: sent it on ({@link #SENT}), or refused it with a named reason.
 * Accepting is allocation-free.
 */
public record ExecutionOutcome(boolean sent, RejectReason reason, String detail) {

    public static final ExecutionOutcome SENT = new ExecutionOutcome(true, null, null);

    public ExecutionOutcome {
        if (!sent) {
            Objects.requireNonNull(reason, "a refusal needs a reason");
            detail = detail == null ? "" : detail;
        }
    }

    public static ExecutionOutcome refused(RejectReason reason, String detail) {
        return new ExecutionOutcome(false, reason, detail);
    }
}
