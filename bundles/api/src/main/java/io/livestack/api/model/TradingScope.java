package io.livestack.api.model;

import java.util.Objects;

/** Where a trading state applies: globally, to one strategy, or to one instrument. */
public record TradingScope(Kind kind, String id) {

    public enum Kind {
        GLOBAL, STRATEGY, INSTRUMENT
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

    /** Parses "global", "strategy:NAME" or "instrument:NAME". */
    public static TradingScope parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("global") || text.equals("*")) {
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
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("scope '" + text + "' is not one of: global, strategy:<id>, instrument:<id>");
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
