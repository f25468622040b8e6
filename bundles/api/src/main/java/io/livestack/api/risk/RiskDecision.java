package io.livestack.api.risk;

/** A risk check's verdict. Accepting is allocation-free ({@link #ACCEPT}). */
public record RiskDecision(boolean accepted, RejectReason reason, String check, String detail) {

    public static final RiskDecision ACCEPT = new RiskDecision(true, null, null, null);

    public static RiskDecision reject(RejectReason reason, String detail) {
        return new RiskDecision(false, reason, reason.name(), detail);
    }

    public static RiskDecision reject(RejectReason reason, String check, String detail) {
        return new RiskDecision(false, reason, check, detail);
    }
}
