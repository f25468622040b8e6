package io.livestack.api.risk;

import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import java.util.Objects;

/**
 * A trading control the risk stage asks for after a post-trade limit broke (a loss limit, the repeated-execution
 * throttle): the chain sets {@code scope} to {@code state} as execution control's trading state, recorded and audited
 * with the user {@value #USER}; only an operator sets it back.
 *
 * @param limit  the limit that broke, e.g. {@code maxLoss}
 * @param detail what it saw, for the record and the operator
 */
public record RiskAction(TradingScope scope, TradingState state, String limit, String detail) {

    /** The user the chain records a risk action's trading state change under. */
    public static final String USER = "risk";

    public RiskAction {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(limit, "limit");
        detail = detail == null ? "" : detail;
    }
}
