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
 * synthesized from a status answer, the quantity that a later trade report of the venue may still cover — and the
 * fills booked recently ("venue|execId" → order, quantity, price; oldest first), so that a venue's bust or correction
 * naming one reverses exactly what was booked.
 */
public record ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
        String killReason, Map<ClientOrderId, Long> synthesizedOutstanding, Map<String, BookedFill> bookedFills) {

    /** A fill as booked: its order's handle, quantity and price (fixed-point). */
    public record BookedFill(ClientOrderId order, long quantity, long price) {
        public BookedFill {
            java.util.Objects.requireNonNull(order, "order");
        }
    }

    /** A snapshot without booked fills (taken before they were kept). */
    public ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
            String killReason, Map<ClientOrderId, Long> synthesizedOutstanding) {
        this(tradingStates, killSwitchEngaged, killReason, synthesizedOutstanding, Map.of());
    }

    public ExecutionSnapshot {
        bookedFills = Collections.unmodifiableMap(new LinkedHashMap<>(bookedFills));
        tradingStates = Collections.unmodifiableMap(new LinkedHashMap<>(tradingStates));
        killReason = killReason == null ? "" : killReason;
        synthesizedOutstanding = Collections.unmodifiableMap(new LinkedHashMap<>(synthesizedOutstanding));
    }
}
