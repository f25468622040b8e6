package io.livestack.risk.internal;

import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The repeated-execution throttle (RTS 6 Art. 15(1)(e)): a strategy with more than {@code maxFillsPerWindow} fills
 * (TRADE records) within {@code fillWindowMs} is disabled — a {@link RiskAction} setting it HALTED — until an
 * operator re-enables it ({@code livestack:trading-state strategy:X active}). When it fires its window is emptied, so
 * the re-enable is not undone at once: it fires again only after more than the limit of new fills. The desk value of
 * {@code maxFillsPerWindow} applies to every strategy (the most restrictive with its own). Snapshot windows:
 * {@value #WINDOW} {@code <STRATEGY>} → the fills' times, oldest first. Processing thread; counts any thread.
 */
final class FillThrottle {

    static final String WINDOW = "fills.strategy";

    private final Map<StrategyId, RateWindow> windows = new ConcurrentHashMap<>();
    private final List<RiskAction> pending = new ArrayList<>();

    void onFill(RiskLimits l, FillRecord fill, Breaches breaches, long now) {
        if (fill.kind() != FillRecord.Kind.TRADE || fill.strategy() == null || !l.fills.configured()) {
            return;
        }
        long max = Math.min(l.fills.desk, l.fills.strategy(fill.strategy()));
        if (max == ScopedLimit.NONE) {
            return;
        }
        RateWindow w = windows.computeIfAbsent(fill.strategy(), s -> new RateWindow());
        w.advance(now, (int) max + 1, l.fillWindowNanos);
        w.add(now);
        if (w.count() > max) {
            w.clear();
            String scope = "strategy:" + fill.strategy();
            String detail = (max + 1) + " fills within " + l.fillWindowNanos / 1_000_000L + " ms, limit " + max
                    + " (" + scope + "): strategy disabled until an operator re-enables it";
            breaches.record(RiskLimits.MAX_FILLS_PER_WINDOW, scope, now, detail);
            pending.add(new RiskAction(TradingScope.strategy(fill.strategy()), TradingState.HALTED,
                    RiskLimits.MAX_FILLS_PER_WINDOW, detail));
        }
    }

    /** The actions the fills since the last review asked for, once. */
    void drain(List<RiskAction> out) {
        if (!pending.isEmpty()) {
            out.addAll(pending);
            pending.clear();
        }
    }

    int fills(StrategyId strategy) {
        RateWindow w = windows.get(strategy);
        return w == null ? 0 : w.count();
    }

    Map<StrategyId, RateWindow> windows() {
        return windows;
    }

    void snapshot(Map<String, List<Long>> out) {
        windows.forEach((s, w) -> out.put(WINDOW + " " + s, w.times()));
    }

    void restore(Map<String, List<Long>> in) {
        windows.clear();
        pending.clear();
        in.forEach((name, times) -> {
            if (name.startsWith(WINDOW + " ")) {
                RateWindow w = new RateWindow();
                w.restore(times);
                windows.put(StrategyId.of(name.substring(WINDOW.length() + 1)), w);
            }
        });
    }
}
