package io.livestack.api.risk;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The risk stage's own state as plain data: the event times of the orders and of the cancels still inside the
 * one-second rate windows, oldest first; and the stage's named windows and values (message and fill windows per
 * scope, collar reference samples, the duplicate-order window, the trading day's P&amp;L baselines), each a list of
 * longs whose meaning its name documents in the risk bundle.
 */
public record RiskSnapshot(List<Long> orderTimes, List<Long> cancelTimes, Map<String, List<Long>> windows,
        Map<String, Long> values) {

    public static final RiskSnapshot EMPTY = new RiskSnapshot(List.of(), List.of(), Map.of(), Map.of());

    /** A snapshot of the two rate windows only (taken before the others were kept). */
    public RiskSnapshot(List<Long> orderTimes, List<Long> cancelTimes) {
        this(orderTimes, cancelTimes, Map.of(), Map.of());
    }

    public RiskSnapshot {
        orderTimes = List.copyOf(orderTimes);
        cancelTimes = List.copyOf(cancelTimes);
        Map<String, List<Long>> w = new TreeMap<>();
        windows.forEach((k, v) -> w.put(k, List.copyOf(v)));
        windows = Collections.unmodifiableMap(w);
        values = Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
