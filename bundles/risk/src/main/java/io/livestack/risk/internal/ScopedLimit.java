package io.livestack.risk.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One limit's values at each scope it is configured for: the desk ({@code <limit>}), single strategies, accounts,
 * instruments and venues ({@code <limit>.strategy.<ID>} …), and the scope-level defaults for every strategy or account
 * without its own ({@code <limit>.strategy.*}, {@code <limit>.account.*}). {@link #NONE} is "not configured". An
 * instrument's own value takes the place of the desk value for that instrument (the desk value is every instrument's
 * default, as the per-instrument overrides always were); an order is then held to the most restrictive of that, its
 * strategy's, its account's and its venue's values ({@link #forOrder}). Immutable.
 */
final class ScopedLimit {

    /** Not configured at that scope: no limit. */
    static final long NONE = Long.MAX_VALUE;

    final String name;
    final long desk;
    final long strategyDefault;
    final long accountDefault;
    private final Map<StrategyId, Long> strategies;
    private final Map<AccountId, Long> accounts;
    private final Map<InstrumentId, Long> instruments;
    private final Map<VenueId, Long> venues;
    /** Whether anything but the desk is configured (the checks skip the scope lookups otherwise). */
    final boolean scoped;
    /** Its place in an {@link OrderScopes} row, given by {@link RiskLimits} once (before it is published). */
    int index = -1;

    ScopedLimit(String name, long desk, long strategyDefault, long accountDefault, Map<StrategyId, Long> strategies,
            Map<AccountId, Long> accounts, Map<InstrumentId, Long> instruments, Map<VenueId, Long> venues) {
        this.name = name;
        this.desk = desk;
        this.strategyDefault = strategyDefault;
        this.accountDefault = accountDefault;
        this.strategies = Map.copyOf(strategies);
        this.accounts = Map.copyOf(accounts);
        this.instruments = Map.copyOf(instruments);
        this.venues = Map.copyOf(venues);
        this.scoped = strategyDefault != NONE || accountDefault != NONE || !strategies.isEmpty()
                || !accounts.isEmpty() || !instruments.isEmpty() || !venues.isEmpty();
    }

    static ScopedLimit desk(String name, long desk) {
        return new ScopedLimit(name, desk, NONE, NONE, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Whether it limits anything at any scope. */
    boolean configured() {
        return desk != NONE || scoped;
    }

    long strategy(StrategyId id) {
        Long v = strategies.get(id);
        return v != null ? v : strategyDefault;
    }

    long account(AccountId id) {
        Long v = accounts.get(id);
        return v != null ? v : accountDefault;
    }

    long instrument(InstrumentId id) {
        Long v = instruments.get(id);
        return v != null ? v : NONE;
    }

    long venue(VenueId id) {
        Long v = venues.get(id);
        return v != null ? v : NONE;
    }

    /** The instrument's own value, else the desk's. */
    long deskOrInstrument(InstrumentId id) {
        Long v = instruments.get(id);
        return v != null ? v : desk;
    }

    /** The most restrictive value that applies to an order of these scopes (NONE: nothing applies). */
    long forOrder(StrategyId strategy, AccountId account, InstrumentId instrument, VenueId venue) {
        if (!scoped) {
            return desk;
        }
        long v = deskOrInstrument(instrument);
        v = Math.min(v, strategy(strategy));
        v = Math.min(v, account(account));
        return Math.min(v, venue(venue));
    }

    long strategy(OrderScopes s) {
        return s.strategy[index];
    }

    long account(OrderScopes s) {
        return s.account[index];
    }

    long instrument(OrderScopes s) {
        return s.instrument[index];
    }

    long venue(OrderScopes s) {
        return s.venue[index];
    }

    /** The instrument's own value, else the desk's (from the order's resolved rows). */
    long deskOrInstrument(OrderScopes s) {
        long v = s.instrument[index];
        return v != NONE ? v : desk;
    }

    /** The most restrictive value that applies to an order of these resolved scopes (NONE: nothing applies). */
    long forOrder(OrderScopes s) {
        if (!scoped) {
            return desk;
        }
        int i = index;
        long v = s.instrument[i] != NONE ? s.instrument[i] : desk;
        v = Math.min(v, s.strategy[i]);
        v = Math.min(v, s.account[i]);
        return Math.min(v, s.venue[i]);
    }

    /** {@link #scopeOf(long, StrategyId, AccountId, InstrumentId, VenueId)} of an order (for messages). */
    String scopeOf(long value, RiskOrder o) {
        return scopeOf(value, o.strategy(), o.account(), o.instrument(), o.venue());
    }

    /** The scope label that gives {@code value} for that order, for messages ("desk" when several tie). */
    String scopeOf(long value, StrategyId strategy, AccountId account, InstrumentId instrument, VenueId venue) {
        if (deskOrInstrument(instrument) == value) {
            return instruments.containsKey(instrument) ? "instrument:" + instrument : "desk";
        }
        if (venue(venue) == value) {
            return "venue:" + venue;
        }
        if (strategy(strategy) == value) {
            return "strategy:" + strategy;
        }
        return "account:" + account;
    }

    /** Every configured value: scope label ("desk", "strategy:*", "strategy:S", …) → value, in a stable order. */
    List<Map.Entry<String, Long>> entries() {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        if (desk != NONE) {
            out.add(Map.entry("desk", desk));
        }
        if (strategyDefault != NONE) {
            out.add(Map.entry("strategy:*", strategyDefault));
        }
        new TreeMap<>(strategies).forEach((k, v) -> out.add(Map.entry("strategy:" + k, v)));
        if (accountDefault != NONE) {
            out.add(Map.entry("account:*", accountDefault));
        }
        new TreeMap<>(accounts).forEach((k, v) -> out.add(Map.entry("account:" + k, v)));
        new TreeMap<>(instruments).forEach((k, v) -> out.add(Map.entry("instrument:" + k, v)));
        new TreeMap<>(venues).forEach((k, v) -> out.add(Map.entry("venue:" + k, v)));
        return out;
    }

    Map<StrategyId, Long> strategies() {
        return strategies;
    }

    Map<AccountId, Long> accounts() {
        return accounts;
    }

    Map<InstrumentId, Long> instruments() {
        return instruments;
    }

    Map<VenueId, Long> venues() {
        return venues;
    }
}
