package io.livestack.risk.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.StateView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loss limits after the fact: at each review every scope of {@link StateView#pnl()} (the desk, each account, each
 * strategy) with a {@code maxLoss} or {@code maxDailyLoss} is compared with it, and a breach asks once for a
 * {@link RiskAction} setting the scope to {@code lossAction} (REDUCING or HALTED); between full reviews (at most one
 * a second) a review looks at the desk and the scopes that had fills only. The breach is latched: no new
 * action while it lasts (an operator's re-enable stands); once the P&amp;L is back within the limit (or a new
 * trading day starts) the latch goes and the next breach acts again. Snapshot values: {@value #LATCH}
 * {@code <LIMIT> <SCOPE> <ID>} = 1 while latched. Processing thread only; the latches any thread.
 */
final class LossMonitor {

    static final String LATCH = "latch";

    private final Set<String> latched = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every scope's P&amp;L at most this often; in between, the desk and the scopes that had fills. */
    static final long FULL_REVIEW_NANOS = 1_000_000_000L;

    /** The strategies and accounts with fills since the last review, each once (few: lists, no allocation). */
    private final List<StrategyId> filledStrategies = new java.util.ArrayList<>();
    private final List<AccountId> filledAccounts = new java.util.ArrayList<>();
    private long lastFull = Long.MIN_VALUE;

    /** A fill: its strategy's and account's P&amp;L are looked at by the next review. */
    void onFill(StrategyId strategy, AccountId account) {
        if (strategy != null && !filledStrategies.contains(strategy)) {
            filledStrategies.add(strategy);
        }
        if (!filledAccounts.contains(account)) {
            filledAccounts.add(account);
        }
    }

    /**
     * Every scope of {@link StateView#pnl()} when the last full review is a second old or more; otherwise the desk and
     * the strategies and accounts that had fills since the last review (what a fill can have moved).
     */
    void review(RiskLimits l, StateView state, DailyBaselines day, Breaches breaches, long now, List<RiskAction> out) {
        if (!l.loss.configured() && !l.dailyLoss.configured()) {
            latched.clear();
            filledStrategies.clear();
            filledAccounts.clear();
            return;
        }
        if (lastFull == Long.MIN_VALUE || now - lastFull >= FULL_REVIEW_NANOS) {
            lastFull = now;
            for (PnlView pnl : state.pnl()) {
                examine(l, pnl, day, breaches, now, out);
            }
        } else {
            if (l.loss.desk != ScopedLimit.NONE || l.dailyLoss.desk != ScopedLimit.NONE) {
                examine(l, state.pnl(PnlView.Scope.DESK, "*"), l.loss.desk, l.dailyLoss.desk, day, breaches, now,
                        out);
            }
            for (int i = 0; i < filledStrategies.size(); i++) {
                StrategyId s = filledStrategies.get(i);
                long loss = l.loss.strategy(s);
                long daily = l.dailyLoss.strategy(s);
                if (loss != ScopedLimit.NONE || daily != ScopedLimit.NONE) {
                    examine(l, state.pnl(PnlView.Scope.STRATEGY, s.value()), loss, daily, day, breaches, now, out);
                }
            }
            for (int i = 0; i < filledAccounts.size(); i++) {
                AccountId a = filledAccounts.get(i);
                long loss = l.loss.account(a);
                long daily = l.dailyLoss.account(a);
                if (loss != ScopedLimit.NONE || daily != ScopedLimit.NONE) {
                    examine(l, state.pnl(PnlView.Scope.ACCOUNT, a.value()), loss, daily, day, breaches, now, out);
                }
            }
        }
        filledStrategies.clear();
        filledAccounts.clear();
    }

    private void examine(RiskLimits l, PnlView pnl, DailyBaselines day, Breaches breaches, long now,
            List<RiskAction> out) {
        examine(l, pnl, limit(l.loss, pnl), limit(l.dailyLoss, pnl), day, breaches, now, out);
    }

    private void examine(RiskLimits l, PnlView pnl, long loss, long daily, DailyBaselines day, Breaches breaches,
            long now, List<RiskAction> out) {
        if (loss != ScopedLimit.NONE && pnl.net() < -loss) {
            latch(l, RiskLimits.MAX_LOSS, pnl, "net P&L " + Fixed.format(pnl.net()) + " is below -"
                    + Fixed.format(loss), breaches, now, out);
        } else {
            unlatch(RiskLimits.MAX_LOSS, pnl);
        }
        long today = daily == ScopedLimit.NONE ? 0 : pnl.net() - day.baseline(pnl.scope(), pnl.id());
        if (daily != ScopedLimit.NONE && today < -daily) {
            latch(l, RiskLimits.MAX_DAILY_LOSS, pnl, "P&L since the start of the trading day "
                    + Fixed.format(today) + " is below -" + Fixed.format(daily), breaches, now, out);
        } else {
            unlatch(RiskLimits.MAX_DAILY_LOSS, pnl);
        }
    }

    private void unlatch(String limit, PnlView pnl) {
        if (!latched.isEmpty()) {
            latched.remove(LATCH + " " + limit + " " + pnl.scope() + " " + pnl.id());
        }
    }

    /** A breach acts once while it lasts; a scope back within its limit is unlatched. */
    private void latch(RiskLimits l, String limit, PnlView pnl, String what, Breaches breaches, long now,
            List<RiskAction> out) {
        String key = LATCH + " " + limit + " " + pnl.scope() + " " + pnl.id();
        String label = CapitalChecks.label(pnl.scope(), pnl.id());
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
