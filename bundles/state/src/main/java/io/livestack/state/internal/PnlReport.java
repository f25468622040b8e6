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
 * reporting currency ({@link Valuation}); fees are in the reporting currency already. Computed when asked (not per
 * event). Processing thread.
 */
final class PnlReport {

    private final Positions positions;

    PnlReport(Positions positions) {
        this.positions = positions;
    }

    PnlView of(PnlView.Scope scope, String id) {
        Valuation valuation = positions.valuation;
        PositionView.Level level = switch (scope) {
            case DESK -> PositionView.Level.DESK;
            case ACCOUNT -> PositionView.Level.ACCOUNT;
            case STRATEGY -> PositionView.Level.STRATEGY;
        };
        long[] sums = new long[5]; // realized, unrealized, fees, gross, net
        positions.forEachTaken(level, p -> {
            if (scope == PnlView.Scope.ACCOUNT && !p.account.value().equals(id)
                    || scope == PnlView.Scope.STRATEGY && !p.strategy.value().equals(id)) {
                return;
            }
            String currency = valuation.currency(p.venue, p.instrument());
            long exposure = valuation.toReporting(p.exposure(), currency);
            sums[0] += valuation.toReporting(p.realizedPnl, currency);
            sums[1] += valuation.toReporting(p.unrealizedPnl(), currency);
            sums[2] += p.fees;
            sums[3] += Math.abs(exposure);
            sums[4] += exposure;
        });
        return new PnlView(scope, id, valuation.data().reportingCurrency(), sums[0], sums[1], sums[2], sums[3],
                sums[4]);
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
