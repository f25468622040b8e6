package io.livestack.api.risk;

import java.util.Objects;

/**
 * A risk check's verdict. Accepting is allocation-free ({@link #ACCEPT}). A refusal names its rule
 * ({@code reason}); a refusal by a pluggable {@link RiskCheck} also names that check ({@code customCheck}).
 */
public record RiskDecision(boolean accepted, RejectReason reason, String detail, String customCheck) {

    public static final RiskDecision ACCEPT = new RiskDecision(true, null, null, null);

    public RiskDecision {
        if (!accepted) {
            Objects.requireNonNull(reason, "a refusal needs a reason");
            detail = detail == null ? "" : detail;
        }
    }

    public static RiskDecision reject(RejectReason reason, String detail) {
        return new RiskDecision(false, reason, detail, null);
    }

    /** A refusal by the pluggable check {@code check} (reason {@link RejectReason#CUSTOM_CHECK}). */
    public static RiskDecision rejectByCustomCheck(String check, String detail) {
        return new RiskDecision(false, RejectReason.CUSTOM_CHECK, detail, Objects.requireNonNull(check, "check"));
    }
}
