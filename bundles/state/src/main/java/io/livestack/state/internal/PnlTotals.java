package io.livestack.state.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.StrategyId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Running P&amp;L and exposure totals of the desk, each account and each strategy, in the reporting currency, kept
 * from each position's last contribution (realized, unrealized, fees, gross and net exposure): a position's
 * contribution is computed again only when it changed (a fill) or its instrument's mark moved since — lazily, when a
 * total is asked for — so that a risk check of a scope's loss or exposure costs the positions that moved, not every
 * position the scope holds. Each contribution is the same arithmetic as a full sum over the scope's positions, and the
 * totals are integer sums of them: exactly what summing every position gives. Processing thread only.
 */
final class PnlTotals {

    /** Indices into a contribution or a total. */
    static final int REALIZED = 0;
    static final int UNREALIZED = 1;
    static final int FEES = 2;
    static final int GROSS = 3;
    static final int NET = 4;

    private final Valuation valuation;
    private final long[] desk = new long[5];
    private final Map<AccountId, long[]> accounts = new HashMap<>();
    private final Map<StrategyId, long[]> strategies = new HashMap<>();
    private final List<InstrumentPositions> marked = new ArrayList<>();
    private final List<Position> changed = new ArrayList<>();

    PnlTotals(Valuation valuation) {
        this.valuation = valuation;
    }

    /** The instrument's mark moved: its positions' contributions are computed again before the next total. */
    void marked(InstrumentPositions positions) {
        if (!positions.markMoved) {
            positions.markMoved = true;
            marked.add(positions);
        }
    }

    /** The position booked a fill (or was restored): its contribution is computed again before the next total. */
    void changed(Position position) {
        if (!position.pending) {
            position.pending = true;
            changed.add(position);
        }
    }

    /** The scope's totals (desk: both ids null); null when the scope never held anything. */
    long[] of(AccountId account, StrategyId strategy) {
        flush();
        if (account != null) {
            return accounts.get(account);
        }
        return strategy != null ? strategies.get(strategy) : desk;
    }

    /** Everything again from nothing (after a restore, or a change of the reference data). */
    void rebuild(Iterable<InstrumentPositions> all) {
        java.util.Arrays.fill(desk, 0);
        accounts.clear();
        strategies.clear();
        marked.clear();
        changed.clear();
        for (InstrumentPositions positions : all) {
            positions.markMoved = false;
            positions.forEachScopePosition(p -> {
                p.pending = false;
                java.util.Arrays.fill(p.contribution, 0);
                refresh(p);
            });
        }
    }

    private void flush() {
        for (int i = 0; i < marked.size(); i++) {
            InstrumentPositions positions = marked.get(i);
            positions.markMoved = false;
            positions.forEachScopePosition(this::refresh);
        }
        marked.clear();
        for (int i = 0; i < changed.size(); i++) {
            Position p = changed.get(i);
            p.pending = false;
            refresh(p);
        }
        changed.clear();
    }

    /** The position's contribution now, into its scope's totals in place of the one before. */
    private void refresh(Position p) {
        if (!p.active) {
            return;
        }
        String currency = valuation.currency(p.venue, p.instrument());
        long exposure = valuation.toReporting(p.exposure(), currency);
        long[] c = p.contribution;
        long[] total = totals(p);
        update(total, c, REALIZED, valuation.toReporting(p.realizedPnl, currency));
        update(total, c, UNREALIZED, valuation.toReporting(p.unrealizedPnl(), currency));
        update(total, c, FEES, p.fees);
        update(total, c, GROSS, Math.abs(exposure));
        update(total, c, NET, exposure);
    }

    private static void update(long[] total, long[] contribution, int i, long now) {
        total[i] += now - contribution[i];
        contribution[i] = now;
    }

    private long[] totals(Position p) {
        if (p.account != null) {
            return accounts.computeIfAbsent(p.account, a -> new long[5]);
        }
        return p.strategy != null ? strategies.computeIfAbsent(p.strategy, s -> new long[5]) : desk;
    }
}
