package io.livestack.api.record;

import io.livestack.api.intent.Intent;
import io.livestack.api.risk.RejectReason;
import java.util.Objects;

/** An intent was refused before it reached a venue: by a risk check, or by execution control's gates. */
public record RiskRejectionRecord(long seq, long timeNanos, Intent intent, RejectReason reason, String check,
        String detail) implements ExecutionRecord {

    public RiskRejectionRecord {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(reason, "reason");
        check = check == null ? reason.name() : check;
        detail = detail == null ? "" : detail;
    }
}
