package io.livestack.api.model;

import java.util.Objects;

/**
 * Where a trading state, a kill or a cancel-all applies: globally (the desk), to one strategy, one instrument, one
 * venue or one account. The effective state of an order is the most restrictive of the scopes it belongs to.
 */
public record TradingScope(Kind kind, String id) {

    public enum Kind {
        GLOBAL, STRATEGY, INSTRUMENT, VENUE, ACCOUNT
    }

    public static final TradingScope GLOBAL = new TradingScope(Kind.GLOBAL, "*");

    public TradingScope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (kind == Kind.GLOBAL && !"*".equals(id)) {
            throw new IllegalArgumentException("the global scope has id '*', not '" + id + "'");
        }
    }

    public static TradingScope strategy(StrategyId id) {
        return new TradingScope(Kind.STRATEGY, id.value());
    }

    public static TradingScope instrument(InstrumentId id) {
        return new TradingScope(Kind.INSTRUMENT, id.value());
    }

    public static TradingScope venue(VenueId id) {
        return new TradingScope(Kind.VENUE, id.value());
    }

    public static TradingScope account(AccountId id) {
        return new TradingScope(Kind.ACCOUNT, id.value());
    }

    /** Parses "global" (or "desk"), "strategy:NAME", "instrument:NAME", "venue:NAME" or "account:NAME". */
    public static TradingScope parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("global") || text.equalsIgnoreCase("desk") || text.equals("*")) {
            return GLOBAL;
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            String id = text.substring(colon + 1);
            switch (kind) {
                case "strategy":
                    return strategy(new StrategyId(id));
                case "instrument":
                    return instrument(new InstrumentId(id));
                case "venue":
                    return venue(new VenueId(id));
                case "account":
                    return account(new AccountId(id));
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("scope '" + text
                + "' is not one of: global, strategy:<id>, instrument:<id>, venue:<id>, account:<id>");
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
