package io.livestack.state.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * P&amp;L and exposure of a scope ({@link PnlView}) summed over its level's positions — the desk's for the desk, the
 * account's for an account, the strategy's for a strategy — each converted from its instrument's quote currency to the
 * reporting currency ({@link Valuation}); fees are in the reporting currency already. Kept as running totals
 * ({@link PnlTotals}): a scope's figures cost the positions that moved since they were last asked for. Processing
 * thread.
 */
final class PnlReport {

    private final Positions positions;

    PnlReport(Positions positions) {
        this.positions = positions;
    }

    PnlView of(PnlView.Scope scope, String id) {
        long[] t = switch (scope) {
            case DESK -> positions.totals.of(null, null);
            case ACCOUNT -> positions.totals.of(AccountId.of(id), null);
            case STRATEGY -> positions.totals.of(null, StrategyId.of(id));
        };
        String currency = positions.valuation.data().reportingCurrency();
        return t == null ? PnlView.zero(scope, id, currency)
                : new PnlView(scope, id, currency, t[PnlTotals.REALIZED], t[PnlTotals.UNREALIZED], t[PnlTotals.FEES],
                        t[PnlTotals.GROSS], t[PnlTotals.NET]);
    }

    /** The desk, then every account, then every strategy that holds or held a position, each sorted. */
    List<PnlView> all() {
        TreeSet<AccountId> accounts = new TreeSet<>();
        positions.forEachTaken(PositionView.Level.ACCOUNT, p -> accounts.add(p.account));
        TreeSet<StrategyId> strategies = new TreeSet<>();
        positions.forEachTaken(PositionView.Level.STRATEGY, p -> strategies.add(p.strategy));
        List<PnlView> out = new ArrayList<>(1 + accounts.size() + strategies.size());
        out.add(of(PnlView.Scope.DESK, "*"));
        for (AccountId account : accounts) {
            out.add(of(PnlView.Scope.ACCOUNT, account.value()));
        }
        for (StrategyId strategy : strategies) {
            out.add(of(PnlView.Scope.STRATEGY, strategy.value()));
        }
        return List.copyOf(out);
    }
}
