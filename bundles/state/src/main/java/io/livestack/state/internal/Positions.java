package io.livestack.state.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.ReferenceData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The positions by instrument and level ({@link InstrumentPositions}, each {@link Position} average cost, marked by
 * the books) and the reference data they are valued with ({@link Valuation}). A fill books into five positions: the
 * desk's, its account's, its strategy's, its book's (account and strategy) and its venue's (venue and account).
 * Processing thread only.
 */
final class Positions {

    /** Views sorted by their keys: account, strategy, venue (absent first), then instrument. */
    static final Comparator<PositionView> BY_KEYS = Comparator
            .comparing(PositionView::account, Comparator.nullsFirst(Comparator.<AccountId>naturalOrder()))
            .thenComparing(PositionView::strategy, Comparator.nullsFirst(Comparator.<StrategyId>naturalOrder()))
            .thenComparing(PositionView::venue, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PositionView::instrument);

    private final Map<InstrumentId, InstrumentPositions> byInstrument = new HashMap<>();
    final Valuation valuation = new Valuation();
    final PnlTotals totals = new PnlTotals(valuation);

    /** The instrument's positions, created (flat, not listed) the first time they are asked for. */
    InstrumentPositions of(InstrumentId instrument) {
        InstrumentPositions positions = byInstrument.get(instrument);
        if (positions == null) {
            positions = new InstrumentPositions(instrument, valuation);
            byInstrument.put(instrument, positions);
        }
        return positions;
    }

    /**
     * Books a fill (a bust reverses it) at every level; returns the five positions it changed: desk, account,
     * strategy, book, venue.
     */
    Position[] apply(long seq, FillRecord fill) {
        InstrumentPositions positions = of(fill.instrument());
        long multiplier = valuation.multiplier(fill.venue(), fill.instrument());
        long fee = valuation.toReporting(fill.fee(), fill.feeCurrency());
        Position[] touched = {positions.desk, positions.account(fill.account()), positions.strategy(fill.strategy()),
            positions.book(fill.account(), fill.strategy()), positions.venue(fill.venue(), fill.account())};
        for (Position position : touched) {
            if (fill.kind() == FillRecord.Kind.BUST) {
                position.reverse(fill.side(), fill.quantity(), fill.price(), seq, multiplier, fee);
            } else {
                position.apply(fill.side(), fill.quantity(), fill.price(), seq, multiplier, fee);
            }
        }
        totals.changed(touched[0]);
        totals.changed(touched[1]);
        totals.changed(touched[2]);
        return touched;
    }

    /** Puts in force other reference data: positions keep what they booked, their multipliers follow it. */
    void use(ReferenceData referenceData) {
        valuation.use(referenceData);
        for (InstrumentPositions positions : byInstrument.values()) {
            positions.revalue();
        }
        totals.rebuild(byInstrument.values());
    }

    /** The desk's position; never null: a flat view when nothing was taken. */
    PositionView view(InstrumentId instrument) {
        InstrumentPositions positions = byInstrument.get(instrument);
        return positions == null ? PositionView.flat(instrument) : positions.desk.view();
    }

    PositionView view(StrategyId strategy, InstrumentId instrument) {
        InstrumentPositions positions = byInstrument.get(instrument);
        Position p = positions == null ? null : positions.findStrategy(strategy);
        return p == null ? PositionView.flat(instrument, null, strategy, null) : p.view();
    }

    PositionView view(AccountId account, InstrumentId instrument) {
        InstrumentPositions positions = byInstrument.get(instrument);
        Position p = positions == null ? null : positions.findAccount(account);
        return p == null ? PositionView.flat(instrument, account, null, null) : p.view();
    }

    /** The desk's positions taken (filled or recovered), by instrument. */
    Collection<PositionView> views() {
        return views(PositionView.Level.DESK);
    }

    /** The positions taken at the level, sorted by their keys. */
    Collection<PositionView> views(PositionView.Level level) {
        List<PositionView> views = new ArrayList<>();
        forEachTaken(level, p -> views.add(p.view()));
        views.sort(BY_KEYS);
        return Collections.unmodifiableList(views);
    }

    /** Every position of the level that was taken (filled or recovered). */
    void forEachTaken(PositionView.Level level, Consumer<Position> action) {
        for (InstrumentPositions positions : byInstrument.values()) {
            positions.forEach(level, p -> {
                if (p.active) {
                    action.accept(p);
                }
            });
        }
    }

    /** The positions taken at every level: the desk's, then each finer level's, each sorted by their keys. */
    List<PositionView> allViews() {
        List<PositionView> all = new ArrayList<>();
        for (PositionView.Level level : PositionView.Level.values()) {
            all.addAll(views(level));
        }
        return all;
    }

    /** The mark of every instrument known (taken or not), by instrument. */
    Map<InstrumentId, Long> marks() {
        Map<InstrumentId, Long> marks = new TreeMap<>();
        for (InstrumentPositions positions : byInstrument.values()) {
            marks.put(positions.instrument, positions.markPrice);
        }
        return marks;
    }

    /** Puts back the positions (of every level) and marks a snapshot holds; what was here is gone. */
    void restore(Collection<PositionView> taken, Map<InstrumentId, Long> marks) {
        byInstrument.clear();
        for (Map.Entry<InstrumentId, Long> mark : marks.entrySet()) {
            of(mark.getKey()).markPrice = mark.getValue();
        }
        for (PositionView view : taken) {
            of(view.instrument()).at(view).restore(view);
        }
        totals.rebuild(byInstrument.values());
    }

    boolean anyTaken() {
        for (InstrumentPositions positions : byInstrument.values()) {
            if (positions.desk.active) {
                return true;
            }
        }
        return false;
    }
}
