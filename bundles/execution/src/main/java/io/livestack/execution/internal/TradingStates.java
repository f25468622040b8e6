package io.livestack.execution.internal;

import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trading states per scope and the kill switch latch, in memory. They survive a restart through the runtime's
 * journal and snapshots ({@link ExecutionStageComponent#snapshot()}, {@link #restore}); a new journal starts with
 * everything ACTIVE and the kill switch released.
 * <p>
 * Written on the processing thread, read from any thread.
 */
final class TradingStates {

    private final Map<TradingScope, TradingState> states = new ConcurrentHashMap<>();
    private volatile boolean killEngaged;
    private volatile String killReason = "";

    TradingStates() {
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
    }

    TradingState get(TradingScope scope) {
        return states.getOrDefault(scope, TradingState.ACTIVE);
    }

    TradingState global() {
        return get(TradingScope.GLOBAL);
    }

    boolean killEngaged() {
        return killEngaged;
    }

    String killReason() {
        return killReason;
    }

    void set(TradingScope scope, TradingState state) {
        states.put(scope, state);
    }

    void engageKill(String reason) {
        killEngaged = true;
        killReason = reason == null ? "" : reason;
        states.put(TradingScope.GLOBAL, TradingState.HALTED);
    }

    void releaseKill() {
        killEngaged = false;
        killReason = "";
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
    }

    /** Replaces every state and the kill switch with a snapshot's. */
    void restore(Map<TradingScope, TradingState> snapshotStates, boolean kill, String reason) {
        states.clear();
        states.put(TradingScope.GLOBAL, TradingState.ACTIVE);
        states.putAll(snapshotStates);
        killEngaged = kill;
        killReason = reason == null ? "" : reason;
        if (kill) {
            states.put(TradingScope.GLOBAL, TradingState.HALTED);
        }
    }

    /** Every explicitly set scope, global first then by name. */
    Map<TradingScope, TradingState> snapshot() {
        Map<TradingScope, TradingState> out = new LinkedHashMap<>();
        states.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<TradingScope, TradingState> e) -> e.getKey().kind())
                        .thenComparing(e -> e.getKey().id()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
