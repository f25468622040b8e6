package io.livestack.runtime.internal.chain;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.StateView;
import java.util.List;

/** The risk stage while none is bound: no new orders and no replaces (RISK_UNAVAILABLE); cancels pass. */
public final class RiskStandIn implements RiskStage {

    @Override
    public RiskDecision check(Intent intent, StateView state, long nowNanos) {
        return intent instanceof CancelOrder ? RiskDecision.ACCEPT
                : RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "the risk stage is not available: no new orders");
    }

    @Override
    public List<LimitUsage> limits() {
        return List.of();
    }

    /** A stand-in keeps nothing: the chain hands a returning risk stage what the one before it left. */
    @Override
    public RiskSnapshot snapshot() {
        return RiskSnapshot.EMPTY;
    }

    @Override
    public void restore(RiskSnapshot snapshot) {
    }
}
