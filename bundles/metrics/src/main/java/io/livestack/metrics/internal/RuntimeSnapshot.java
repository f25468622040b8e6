package io.livestack.metrics.internal;

import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running chain at one moment, as the gauges and the health checks see it. {@code status} is null when no
 * {@code LiveRuntime} is registered (the runtime bundle is not running); {@code state} is null when the processing loop did not
 * answer the state query in time ({@code stateError} says why). Stage lists are empty when the stage is absent;
 * {@code counters} are the loop's own ({@code LiveRuntime.counters()}), {@code loopUtilization} the busy share since
 * the previous snapshot (NaN when unknown), {@code storage} null without a {@code StorageMonitor}.
 */
record RuntimeSnapshot(long takenAtNanos, RuntimeStatus status, int queueCapacity, StateFacts state,
        String stateError, long stateQueryNanos, Map<StrategyId, StrategyInfo> strategies,
        Map<String, LimitUsage> limits, Map<TradingScope, TradingState> tradingStates, Map<String, Long> counters,
        double loopUtilization, StorageStatus storage) {

    /** Without loop counters and storage (tests). */
    RuntimeSnapshot(long takenAtNanos, RuntimeStatus status, int queueCapacity, StateFacts state, String stateError,
            long stateQueryNanos, Map<StrategyId, StrategyInfo> strategies, Map<String, LimitUsage> limits,
            Map<TradingScope, TradingState> tradingStates) {
        this(takenAtNanos, status, queueCapacity, state, stateError, stateQueryNanos, strategies, limits,
                tradingStates, Map.of(), Double.NaN, null);
    }

    RuntimeSnapshot {
        counters = Map.copyOf(counters);
        strategies = Map.copyOf(strategies);
        limits = Map.copyOf(limits);
        tradingStates = Map.copyOf(tradingStates);
        stateError = stateError == null ? "" : stateError;
    }

    static Map<StrategyId, StrategyInfo> byId(List<StrategyInfo> infos) {
        Map<StrategyId, StrategyInfo> m = new LinkedHashMap<>();
        for (StrategyInfo i : infos) {
            m.put(i.id(), i);
        }
        return m;
    }

    /** The limits by key, a scoped one (not the desk's) as {@code key@scope}, e.g. {@code maxLoss@strategy:mm}. */
    static Map<String, LimitUsage> byKey(List<LimitUsage> limits) {
        Map<String, LimitUsage> m = new LinkedHashMap<>();
        for (LimitUsage l : limits) {
            m.put(l.scope().equals("desk") ? l.key() : l.key() + "@" + l.scope(), l);
        }
        return m;
    }

    boolean runtimePresent() {
        return status != null;
    }

    boolean loopAnswered() {
        return state != null;
    }
}
