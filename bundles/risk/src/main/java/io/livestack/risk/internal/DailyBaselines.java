package io.livestack.risk.internal;

import io.livestack.api.state.PnlView;
import io.livestack.api.state.StateView;
import java.util.HashMap;
import java.util.Map;

/**
 * The P&amp;L baselines of {@code maxDailyLoss} for the current trading day ({@link RiskLimits#tradingDay}: it starts
 * at {@code tradingDayStart} in {@code tradingDayZone}, event time); at the first check or review of a day every
 * scope's net P&amp;L ({@link StateView#pnl()}: the desk, each account, each strategy) is taken as its baseline, and a
 * scope that first appears later in the day starts from 0 (it held nothing at the start). Daily P&amp;L = net −
 * baseline. Kept in the snapshot: {@value #DAY_START} (the day's start, epoch ns) and {@value #BASELINE}
 * {@code <SCOPE> <ID>} (the net at the start, fixed-point; SCOPE is DESK, ACCOUNT or STRATEGY, ID "*" for the desk).
 * Processing thread only.
 */
final class DailyBaselines {

    static final String DAY_START = "day.start";
    static final String BASELINE = "baseline";

    private long dayStart = Long.MIN_VALUE;
    private long nextDayStart = Long.MIN_VALUE;
    /** Per scope kind: id → the net at the start of the day. */
    private final Map<PnlView.Scope, Map<String, Long>> baselines = new java.util.EnumMap<>(PnlView.Scope.class);

    /** Rolls to the day that contains {@code now} when it is a new one (cheap when not). */
    void roll(long now, RiskLimits l, StateView state) {
        if (now < nextDayStart) {
            return;
        }
        long start = l.tradingDay.startOf(now);
        nextDayStart = l.tradingDay.endOf(now);
        if (start == dayStart) {
            return;
        }
        dayStart = start;
        baselines.clear();
        for (PnlView p : state.pnl()) {
            baselines.computeIfAbsent(p.scope(), s -> new HashMap<>()).put(p.id(), p.net());
        }
    }

    /** A new configuration may move the day's start: the next check works it out again. */
    void reconfigured() {
        nextDayStart = Long.MIN_VALUE;
    }

    long baseline(PnlView.Scope scope, String id) {
        Map<String, Long> byId = baselines.get(scope);
        Long b = byId == null ? null : byId.get(id);
        return b == null ? 0 : b;
    }

    long dayStart() {
        return dayStart;
    }

    static String key(PnlView.Scope scope, String id) {
        return BASELINE + " " + scope + " " + id;
    }

    void snapshot(Map<String, Long> out) {
        if (dayStart != Long.MIN_VALUE) {
            out.put(DAY_START, dayStart);
            baselines.forEach((scope, byId) -> byId.forEach((id, net) -> out.put(key(scope, id), net)));
        }
    }

    void restore(Map<String, Long> in) {
        baselines.clear();
        Long start = in.get(DAY_START);
        dayStart = start == null ? Long.MIN_VALUE : start;
        nextDayStart = Long.MIN_VALUE; // worked out at the next check from dayStart
        in.forEach((k, v) -> {
            String[] parts = k.split(" ", 3);
            if (parts.length == 3 && parts[0].equals(BASELINE)) {
                baselines.computeIfAbsent(PnlView.Scope.valueOf(parts[1]), s -> new HashMap<>()).put(parts[2], v);
            }
        });
    }
}
