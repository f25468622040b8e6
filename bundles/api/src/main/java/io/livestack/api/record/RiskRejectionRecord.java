package io.livestack.api.record;

import io.livestack.api.intent.Intent;
import io.livestack.api.risk.RejectReason;
import java.util.Objects;

/**
 * An intent was refused before it reached a venue: by a risk check, by execution control's gates, by the strategy
 * host or by the chain (session not running, a stage missing). {@code reason} names the rule; {@code customCheck}
 * names the pluggable {@link io.livestack.api.risk.RiskCheck} that refused, and is null for every other reason.
 */
public record RiskRejectionRecord(long seq, long timeNanos, Intent intent, RejectReason reason, String detail,
        String customCheck) implements ExecutionRecord {

    /** The check name of a CUSTOM_CHECK refusal that named none. */
    public static final String UNNAMED_CHECK = "unnamed";

    public RiskRejectionRecord {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        if (reason != RejectReason.CUSTOM_CHECK) {
            customCheck = null;
        } else if (customCheck == null || customCheck.isBlank()) {
            customCheck = UNNAMED_CHECK;
        }
    }

    /** A refusal by a built-in rule. */
    public RiskRejectionRecord(long seq, long timeNanos, Intent intent, RejectReason reason, String detail) {
        this(seq, timeNanos, intent, reason, detail, null);
    }

    /** The check that refused, for display and storage: the custom check's name, else the reason's. */
    public String check() {
        return customCheck != null ? customCheck : reason.name();
    }
}
