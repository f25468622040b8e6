package io.livestack.api.runtime;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Execution control's own state as plain data (the orders themselves are the state stage's): the trading states,
 * the kill switch latch and its reason, and the bookkeeping of reconciliation — for each order whose missing fill was
 * synthesized from a status answer, the quantity that a later trade report of the venue may still cover.
 */
public record ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
        String killReason, Map<ClientOrderId, Long> synthesizedOutstanding) {

    public ExecutionSnapshot {
        tradingStates = Collections.unmodifiableMap(new LinkedHashMap<>(tradingStates));
        killReason = killReason == null ? "" : killReason;
        synthesizedOutstanding = Collections.unmodifiableMap(new LinkedHashMap<>(synthesizedOutstanding));
    }
}
