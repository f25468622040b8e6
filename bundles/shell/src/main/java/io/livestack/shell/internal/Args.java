package io.livestack.shell.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses command arguments into api values. Every failure is an {@link IllegalArgumentException} whose message is
 * the one line the operator sees, naming the argument and the bad value.
 */
final class Args {

    private Args() {
    }

    static VenueId venue(String text) {
        return id(text, "venue", VenueId::of);
    }

    static InstrumentId instrument(String text) {
        return id(text, "instrument", InstrumentId::of);
    }

    static StrategyId strategy(String text) {
        return id(text, "strategy", StrategyId::of);
    }

    static ClientOrderId clientOrderId(String text) {
        return id(text, "order id", ClientOrderId::of);
    }

    /** A venue that must be one of {@code known}. */
    static VenueId knownVenue(String text, Collection<VenueId> known) {
        VenueId venue = venue(text);
        if (!known.contains(venue)) {
            throw new IllegalArgumentException("unknown venue '" + text + "' ("
                    + (known.isEmpty() ? "no venue is registered" : "known: " + join(known)) + ")");
        }
        return venue;
    }

    static StrategyId knownStrategy(String text, Collection<StrategyId> known) {
        StrategyId strategy = strategy(text);
        if (!known.contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + text + "' ("
                    + (known.isEmpty() ? "no strategy is registered" : "known: " + join(known)) + ")");
        }
        return strategy;
    }

    static Side side(String text) {
        return enumValue(text, "side", Side.class);
    }

    static OrderType orderType(String text) {
        return enumValue(text, "order type", OrderType.class);
    }

    static TimeInForce timeInForce(String text) {
        return enumValue(text, "time in force", TimeInForce.class);
    }

    static TradingState tradingState(String text) {
        return enumValue(text, "trading state", TradingState.class);
    }

    static TradingScope scope(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("scope is missing: global, strategy:<id>, instrument:<id>, venue:<id> "
                    + "or account:<id>");
        }
        try {
            return TradingScope.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope '" + text + "' is not one of: global, strategy:<id>, "
                    + "instrument:<id>, venue:<id>, account:<id>");
        }
    }

    /** A positive fixed-point quantity. */
    static long quantity(String text) {
        long q = decimal(text, "quantity");
        if (q <= 0) {
            throw new IllegalArgumentException("quantity '" + text + "' must be greater than 0");
        }
        return q;
    }

    /** A positive fixed-point price. */
    static long price(String text) {
        long p = decimal(text, "price");
        if (p <= 0) {
            throw new IllegalArgumentException("price '" + text + "' must be greater than 0");
        }
        return p;
    }

    static long positiveLong(String text, String what) {
        try {
            long v = Long.parseLong(text.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(what + " '" + text + "' must be a whole number greater than 0");
    }

    static int positiveInt(String text, String what, int max) {
        int v;
        try {
            v = Integer.parseInt(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number");
        }
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(what + " '" + text + "' must be between 1 and " + max);
        }
        return v;
    }

    private static long decimal(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Fixed.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a decimal number with at most "
                    + Fixed.DECIMALS + " decimals");
        }
    }

    private static <T> T id(String text, String what, java.util.function.Function<String, T> make) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return make.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a valid id (printable characters "
                    + "without spaces, at most 64)");
        }
    }

    private static <E extends Enum<E>> E enumValue(String text, String what, Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is missing: one of " + names);
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not one of " + names);
        }
    }

    static String join(Collection<?> values) {
        return values.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
