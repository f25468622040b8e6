package io.livestack.api.runtime;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Execution control's own state as plain data (the orders themselves are the state stage's): the trading states,
 * the kill switch latch and its reason, and the bookkeeping of reconciliation — for each order whose missing fill was
 * synthesized from a status answer, the quantity that a later trade report of the venue may still cover — and the
 * fills booked recently ("venue|execId" → order, quantity, price; oldest first), so that a venue's bust or correction
 * naming one reverses exactly what was booked; and where the check of unanswered cancels and replaces stands
 * ({@link StuckChecks}), so that a chain restored from a snapshot arms the same timers and asks or flags the same
 * orders as the chain that took it.
 */
public record ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
        String killReason, Map<ClientOrderId, Long> synthesizedOutstanding, Map<String, BookedFill> bookedFills,
        StuckChecks stuckChecks) {

    /** A fill as booked: its order's handle, quantity and price (fixed-point). */
    public record BookedFill(ClientOrderId order, long quantity, long price) {
        public BookedFill {
            java.util.Objects.requireNonNull(order, "order");
        }
    }

    /**
     * The check of unanswered cancels and replaces: the due time of the execution timer armed for it (epoch nanos,
     * 0 when none is pending), the last timer token it gave, and the cancel/replace ClOrdIDs already asked about with
     * a status request (sorted).
     */
    public record StuckChecks(long armedAtNanos, long lastToken, List<ClientOrderId> asked) {

        /** No timer armed, no token given, nothing asked. */
        public static final StuckChecks NONE = new StuckChecks(0, 0, List.of());

        public StuckChecks {
            asked = List.copyOf(new java.util.TreeSet<>(asked));
        }
    }

    /** A snapshot without booked fills (taken before they were kept). */
    public ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
            String killReason, Map<ClientOrderId, Long> synthesizedOutstanding) {
        this(tradingStates, killSwitchEngaged, killReason, synthesizedOutstanding, Map.of());
    }

    /** A snapshot without the stuck-request check (taken before it was kept). */
    public ExecutionSnapshot(Map<TradingScope, TradingState> tradingStates, boolean killSwitchEngaged,
            String killReason, Map<ClientOrderId, Long> synthesizedOutstanding, Map<String, BookedFill> bookedFills) {
        this(tradingStates, killSwitchEngaged, killReason, synthesizedOutstanding, bookedFills, StuckChecks.NONE);
    }

    public ExecutionSnapshot {
        bookedFills = Collections.unmodifiableMap(new LinkedHashMap<>(bookedFills));
        tradingStates = Collections.unmodifiableMap(new LinkedHashMap<>(tradingStates));
        killReason = killReason == null ? "" : killReason;
        synthesizedOutstanding = Collections.unmodifiableMap(new LinkedHashMap<>(synthesizedOutstanding));
        stuckChecks = stuckChecks == null ? StuckChecks.NONE : stuckChecks;
    }
}
