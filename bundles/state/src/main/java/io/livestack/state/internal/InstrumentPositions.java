package io.livestack.state.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.PositionView;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the state keeps for one instrument: its mark (shared by its positions at every level, so that a book
 * update marks them all by setting one field) and its {@link Position}s — the desk's, per account, per strategy, per
 * book (account and strategy) and per venue (venue and account). A position is created the first time it is asked
 * for and then reused: after that, a fill allocates nothing here. Processing thread only.
 */
final class InstrumentPositions {

    final InstrumentId instrument;
    /** The mid of the latest two-sided book of any venue for the instrument, else that book's last trade; 0: none. */
    long markPrice;
    /** The mark moved since {@link PnlTotals} last took it in. */
    boolean markMoved;
    final Position desk;
    private final Map<AccountId, Position> accounts = new HashMap<>();
    private final Map<StrategyId, Position> strategies = new HashMap<>();
    private final Map<AccountId, Map<StrategyId, Position>> books = new HashMap<>();
    private final Map<VenueId, Map<AccountId, Position>> venues = new HashMap<>();
    private final Valuation valuation;

    InstrumentPositions(InstrumentId instrument, Valuation valuation) {
        this.instrument = instrument;
        this.valuation = valuation;
        this.desk = create(null, null, null);
    }

    private Position create(AccountId account, StrategyId strategy, VenueId venue) {
        Position position = new Position(this, account, strategy, venue);
        position.multiplier = valuation.multiplier(venue, instrument);
        return position;
    }

    Position account(AccountId account) {
        Position p = accounts.get(account);
        if (p == null) {
            p = create(account, null, null);
            accounts.put(account, p);
        }
        return p;
    }

    Position strategy(StrategyId strategy) {
        Position p = strategies.get(strategy);
        if (p == null) {
            p = create(null, strategy, null);
            strategies.put(strategy, p);
        }
        return p;
    }

    Position book(AccountId account, StrategyId strategy) {
        Map<StrategyId, Position> byStrategy = books.get(account);
        if (byStrategy == null) {
            byStrategy = new HashMap<>();
            books.put(account, byStrategy);
        }
        Position p = byStrategy.get(strategy);
        if (p == null) {
            p = create(account, strategy, null);
            byStrategy.put(strategy, p);
        }
        return p;
    }

    Position venue(VenueId venue, AccountId account) {
        Map<AccountId, Position> byAccount = venues.get(venue);
        if (byAccount == null) {
            byAccount = new HashMap<>();
            venues.put(venue, byAccount);
        }
        Position p = byAccount.get(account);
        if (p == null) {
            p = create(account, null, venue);
            byAccount.put(account, p);
        }
        return p;
    }

    /** The position a view's keys name (created when new). */
    Position at(PositionView view) {
        return switch (view.level()) {
            case DESK -> desk;
            case ACCOUNT -> account(view.account());
            case STRATEGY -> strategy(view.strategy());
            case BOOK -> book(view.account(), view.strategy());
            case VENUE -> venue(view.venue(), view.account());
        };
    }

    /** The account's position, or null when none was kept. */
    Position findAccount(AccountId account) {
        return accounts.get(account);
    }

    /** The strategy's position, or null when none was kept. */
    Position findStrategy(StrategyId strategy) {
        return strategies.get(strategy);
    }

    /** Every position of the level (taken or not). */
    void forEach(PositionView.Level level, Consumer<Position> action) {
        switch (level) {
            case DESK -> action.accept(desk);
            case ACCOUNT -> accounts.values().forEach(action);
            case STRATEGY -> strategies.values().forEach(action);
            case BOOK -> books.values().forEach(m -> m.values().forEach(action));
            case VENUE -> venues.values().forEach(m -> m.values().forEach(action));
            default -> throw new IllegalArgumentException("level " + level);
        }
    }

    /** The positions a P&amp;L scope sums: the desk's, each account's, each strategy's (no allocation). */
    void forEachScopePosition(Consumer<Position> action) {
        action.accept(desk);
        for (Position p : accounts.values()) {
            action.accept(p);
        }
        for (Position p : strategies.values()) {
            action.accept(p);
        }
    }

    /** Every position at every level. */
    void forEachPosition(Consumer<Position> action) {
        for (PositionView.Level level : PositionView.Level.values()) {
            forEach(level, action);
        }
    }

    /** The reference data changed: every position's multiplier again. */
    void revalue() {
        forEachPosition(p -> p.multiplier = valuation.multiplier(p.venue, instrument));
    }
}
