package io.livestack.risk.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.StateView;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loss limits after the fact: at each review every scope of {@link StateView#pnl()} (the desk, each account, each
 * strategy) with a {@code maxLoss} or {@code maxDailyLoss} is compared with it, and a breach asks once for a
 * {@link RiskAction} setting the scope to {@code lossAction} (REDUCING or HALTED). The breach is latched: no new
 * action while it lasts (an operator's re-enable stands); once the P&amp;L is back within the limit (or a new
 * trading day starts) the latch goes and the next breach acts again. Snapshot values: {@value #LATCH}
 * {@code <LIMIT> <SCOPE> <ID>} = 1 while latched. Processing thread only; the latches any thread.
 */
final class LossMonitor {

    static final String LATCH = "latch";

    private final Set<String> latched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void review(RiskLimits l, StateView state, TradingDay day, Breaches breaches, long now, List<RiskAction> out) {
        if (!l.loss.configured() && !l.dailyLoss.configured()) {
            latched.clear();
            return;
        }
        Set<String> still = new HashSet<>();
        for (PnlView pnl : state.pnl()) {
            long loss = limit(l.loss, pnl);
            long daily = limit(l.dailyLoss, pnl);
            String label = CapitalChecks.label(pnl.scope(), pnl.id());
            if (loss != ScopedLimit.NONE && pnl.net() < -loss) {
                act(l, RiskLimits.MAX_LOSS, pnl, label, "net P&L " + Fixed.format(pnl.net()) + " is below -"
                        + Fixed.format(loss), still, breaches, now, out);
            }
            if (daily != ScopedLimit.NONE) {
                long today = pnl.net() - day.baseline(pnl.scope(), pnl.id());
                if (today < -daily) {
                    act(l, RiskLimits.MAX_DAILY_LOSS, pnl, label, "P&L since the start of the trading day "
                            + Fixed.format(today) + " is below -" + Fixed.format(daily), still, breaches, now, out);
                }
            }
        }
        latched.retainAll(still);
    }

    private void act(RiskLimits l, String limit, PnlView pnl, String label, String what, Set<String> still,
            Breaches breaches, long now, List<RiskAction> out) {
        String key = LATCH + " " + limit + " " + pnl.scope() + " " + pnl.id();
        still.add(key);
        if (!latched.add(key)) {
            return;
        }
        String detail = what + " (" + limit + ", " + label + "): " + l.lossAction;
        breaches.record(limit, label, now, detail);
        out.add(new RiskAction(scope(pnl), l.lossAction, limit, detail));
    }

    private static long limit(ScopedLimit limit, PnlView pnl) {
        return switch (pnl.scope()) {
            case DESK -> limit.desk;
            case ACCOUNT -> limit.account(AccountId.of(pnl.id()));
            case STRATEGY -> limit.strategy(StrategyId.of(pnl.id()));
        };
    }

    private static TradingScope scope(PnlView pnl) {
        return switch (pnl.scope()) {
            case DESK -> TradingScope.GLOBAL;
            case ACCOUNT -> TradingScope.account(AccountId.of(pnl.id()));
            case STRATEGY -> TradingScope.strategy(StrategyId.of(pnl.id()));
        };
    }

    /** Whether the limit is latched at that scope label's PnL scope. */
    boolean latched(String limit, PnlView.Scope scope, String id) {
        return latched.contains(LATCH + " " + limit + " " + scope + " " + id);
    }

    boolean anyLatched() {
        return !latched.isEmpty();
    }

    Set<String> latches() {
        return Set.copyOf(latched);
    }

    void snapshot(Map<String, Long> out) {
        latched.forEach(k -> out.put(k, 1L));
    }

    void restore(Map<String, Long> in) {
        latched.clear();
        in.keySet().stream().filter(k -> k.startsWith(LATCH + " ")).forEach(latched::add);
    }
}
