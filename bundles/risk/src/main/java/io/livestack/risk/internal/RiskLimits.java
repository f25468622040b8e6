package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One complete, validated set of risk limits: immutable, swapped as a whole so that a check never sees a half-applied
 * configuration. {@link #parse} refuses anything malformed with a message naming every bad key and value.
 */
final class RiskLimits {

    static final String PID = "livestack.risk";

    static final String MAX_ORDER_QUANTITY = "maxOrderQuantity";
    static final String MAX_ORDER_NOTIONAL = "maxOrderNotional";
    static final String MAX_POSITION = "maxPosition";
    static final String PRICE_BAND_BPS = "priceBandBps";
    static final String MAX_OPEN_ORDERS = "maxOpenOrders";
    static final String MAX_ORDERS_PER_SECOND = "maxOrdersPerSecond";
    static final String MAX_CANCELS_PER_SECOND = "maxCancelsPerSecond";
    static final String SELF_CROSS_CHECK = "selfCrossCheck";
    static final String COUNT_OPEN_ORDERS_IN_POSITION = "countOpenOrdersInPosition";
    static final String LIMIT_ORDERS_REQUIRE_REFERENCE = "limitOrdersRequireReference";

    static final String DEFAULT_MAX_ORDER_QUANTITY = "1000";
    static final String DEFAULT_MAX_ORDER_NOTIONAL = "1000000";
    static final String DEFAULT_MAX_POSITION = "5000";
    static final long DEFAULT_PRICE_BAND_BPS = 500;
    static final int DEFAULT_MAX_OPEN_ORDERS = 200;
    static final int DEFAULT_MAX_ORDERS_PER_SECOND = 50;
    static final int DEFAULT_MAX_CANCELS_PER_SECOND = 100;
    static final boolean DEFAULT_SELF_CROSS_CHECK = true;
    static final boolean DEFAULT_COUNT_OPEN_ORDERS_IN_POSITION = true;
    static final boolean DEFAULT_LIMIT_ORDERS_REQUIRE_REFERENCE = false;

    /** Keys that may carry a per-instrument override suffix. */
    static final List<String> OVERRIDABLE = List.of(MAX_ORDER_QUANTITY, MAX_ORDER_NOTIONAL, MAX_POSITION,
            PRICE_BAND_BPS);

    private static final List<String> KEYS = List.of(MAX_ORDER_QUANTITY, MAX_ORDER_NOTIONAL, MAX_POSITION,
            PRICE_BAND_BPS, MAX_OPEN_ORDERS, MAX_ORDERS_PER_SECOND, MAX_CANCELS_PER_SECOND, SELF_CROSS_CHECK,
            COUNT_OPEN_ORDERS_IN_POSITION, LIMIT_ORDERS_REQUIRE_REFERENCE);

    /** Properties Config Admin, SCR, File Install and Karaf add on their own: not limits. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "felix.",
            "org.apache.karaf.", "osgi.", "metatype.", ".");

    final long maxOrderQuantity;
    final long maxOrderNotional;
    final long maxPosition;
    final long priceBandBps;
    final int maxOpenOrders;
    final int maxOrdersPerSecond;
    final int maxCancelsPerSecond;
    final boolean selfCrossCheck;
    final boolean countOpenOrdersInPosition;
    final boolean limitOrdersRequireReference;
    private final Map<InstrumentId, Long> quantityOverrides;
    private final Map<InstrumentId, Long> notionalOverrides;
    private final Map<InstrumentId, Long> positionOverrides;
    private final Map<InstrumentId, Long> bandOverrides;

    private RiskLimits(Parser p) {
        maxOrderQuantity = p.decimal(MAX_ORDER_QUANTITY, DEFAULT_MAX_ORDER_QUANTITY);
        maxOrderNotional = p.decimal(MAX_ORDER_NOTIONAL, DEFAULT_MAX_ORDER_NOTIONAL);
        maxPosition = p.decimal(MAX_POSITION, DEFAULT_MAX_POSITION);
        priceBandBps = p.integer(PRICE_BAND_BPS, DEFAULT_PRICE_BAND_BPS, Long.MAX_VALUE / 20_000);
        maxOpenOrders = (int) p.integer(MAX_OPEN_ORDERS, DEFAULT_MAX_OPEN_ORDERS, Integer.MAX_VALUE);
        maxOrdersPerSecond = (int) p.integer(MAX_ORDERS_PER_SECOND, DEFAULT_MAX_ORDERS_PER_SECOND, 1_000_000);
        maxCancelsPerSecond = (int) p.integer(MAX_CANCELS_PER_SECOND, DEFAULT_MAX_CANCELS_PER_SECOND, 1_000_000);
        selfCrossCheck = p.bool(SELF_CROSS_CHECK, DEFAULT_SELF_CROSS_CHECK);
        countOpenOrdersInPosition = p.bool(COUNT_OPEN_ORDERS_IN_POSITION, DEFAULT_COUNT_OPEN_ORDERS_IN_POSITION);
        limitOrdersRequireReference = p.bool(LIMIT_ORDERS_REQUIRE_REFERENCE, DEFAULT_LIMIT_ORDERS_REQUIRE_REFERENCE);
        quantityOverrides = p.overrides(MAX_ORDER_QUANTITY, false);
        notionalOverrides = p.overrides(MAX_ORDER_NOTIONAL, false);
        positionOverrides = p.overrides(MAX_POSITION, false);
        bandOverrides = p.overrides(PRICE_BAND_BPS, true);
        p.checkUnknownKeys();
    }

    /**
     * Parses Config Admin properties (String values from a .cfg file, or typed values). Missing keys take their
     * defaults.
     *
     * @throws IllegalArgumentException naming every malformed key and value
     */
    static RiskLimits parse(Map<String, ?> properties) {
        Parser parser = new Parser(properties == null ? Map.of() : properties);
        RiskLimits limits = new RiskLimits(parser);
        if (!parser.errors.isEmpty()) {
            throw new IllegalArgumentException("invalid risk configuration (PID " + PID + "): "
                    + String.join("; ", parser.errors));
        }
        return limits;
    }

    static RiskLimits defaults() {
        return parse(Map.of());
    }

    long maxOrderQuantity(InstrumentId instrument) {
        return quantityOverrides.getOrDefault(instrument, maxOrderQuantity);
    }

    long maxOrderNotional(InstrumentId instrument) {
        return notionalOverrides.getOrDefault(instrument, maxOrderNotional);
    }

    long maxPosition(InstrumentId instrument) {
        return positionOverrides.getOrDefault(instrument, maxPosition);
    }

    long priceBandBps(InstrumentId instrument) {
        return bandOverrides.getOrDefault(instrument, priceBandBps);
    }

    /** key → configured value as text, overrides included, in a stable order (for display). */
    Map<String, String> describe() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put(MAX_ORDER_QUANTITY, Fixed.format(maxOrderQuantity));
        new TreeMap<>(quantityOverrides).forEach((i, v) -> out.put(MAX_ORDER_QUANTITY + "." + i, Fixed.format(v)));
        out.put(MAX_ORDER_NOTIONAL, Fixed.format(maxOrderNotional));
        new TreeMap<>(notionalOverrides).forEach((i, v) -> out.put(MAX_ORDER_NOTIONAL + "." + i, Fixed.format(v)));
        out.put(MAX_POSITION, Fixed.format(maxPosition));
        new TreeMap<>(positionOverrides).forEach((i, v) -> out.put(MAX_POSITION + "." + i, Fixed.format(v)));
        out.put(PRICE_BAND_BPS, Long.toString(priceBandBps));
        new TreeMap<>(bandOverrides).forEach((i, v) -> out.put(PRICE_BAND_BPS + "." + i, Long.toString(v)));
        out.put(MAX_OPEN_ORDERS, Integer.toString(maxOpenOrders));
        out.put(MAX_ORDERS_PER_SECOND, Integer.toString(maxOrdersPerSecond));
        out.put(MAX_CANCELS_PER_SECOND, Integer.toString(maxCancelsPerSecond));
        out.put(SELF_CROSS_CHECK, Boolean.toString(selfCrossCheck));
        out.put(COUNT_OPEN_ORDERS_IN_POSITION, Boolean.toString(countOpenOrdersInPosition));
        out.put(LIMIT_ORDERS_REQUIRE_REFERENCE, Boolean.toString(limitOrdersRequireReference));
        return out;
    }

    @Override
    public String toString() {
        return describe().toString();
    }

    /** Reads values and collects every error instead of stopping at the first. */
    private static final class Parser {

        private final Map<String, ?> properties;
        private final List<String> errors = new ArrayList<>();
        private final java.util.Set<String> consumed = new java.util.HashSet<>();

        Parser(Map<String, ?> properties) {
            this.properties = properties;
        }

        private String raw(String key) {
            consumed.add(key);
            Object value = properties.get(key);
            return value == null ? null : String.valueOf(value).trim();
        }

        long decimal(String key, String defaultValue) {
            String text = raw(key);
            return parseDecimal(key, text == null ? defaultValue : text);
        }

        private long parseDecimal(String key, String text) {
            try {
                long value = Fixed.parse(text);
                if (value < 0) {
                    errors.add(key + "='" + text + "' must not be negative");
                    return 0;
                }
                return value;
            } catch (IllegalArgumentException e) {
                errors.add(key + "='" + text + "' is not a decimal number");
                return 0;
            }
        }

        long integer(String key, long defaultValue, long max) {
            String text = raw(key);
            return text == null ? defaultValue : parseInteger(key, text, max);
        }

        private long parseInteger(String key, String text, long max) {
            try {
                long value = Long.parseLong(text);
                if (value < 0) {
                    errors.add(key + "='" + text + "' must not be negative");
                    return 0;
                }
                if (value > max) {
                    errors.add(key + "='" + text + "' is larger than " + max);
                    return 0;
                }
                return value;
            } catch (NumberFormatException e) {
                errors.add(key + "='" + text + "' is not a whole number");
                return 0;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            String text = raw(key);
            if (text == null) {
                return defaultValue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
            errors.add(key + "='" + text + "' is not true or false");
            return defaultValue;
        }

        Map<InstrumentId, Long> overrides(String base, boolean integer) {
            Map<InstrumentId, Long> out = new HashMap<>();
            String prefix = base + ".";
            for (String key : properties.keySet()) {
                if (!key.startsWith(prefix)) {
                    continue;
                }
                consumed.add(key);
                String text = String.valueOf(properties.get(key)).trim();
                InstrumentId instrument;
                try {
                    instrument = InstrumentId.of(key.substring(prefix.length()));
                } catch (IllegalArgumentException e) {
                    errors.add(key + "='" + text + "': '" + key.substring(prefix.length())
                            + "' is not a valid instrument id");
                    continue;
                }
                out.put(instrument, integer ? parseInteger(key, text, Long.MAX_VALUE / 20_000)
                        : parseDecimal(key, text));
            }
            return Collections.unmodifiableMap(out);
        }

        void checkUnknownKeys() {
            for (String key : new TreeMap<>(properties).keySet()) {
                if (consumed.contains(key) || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith)) {
                    continue;
                }
                int dot = key.indexOf('.');
                String base = dot < 0 ? key : key.substring(0, dot);
                if (KEYS.contains(base)) {
                    errors.add(key + "='" + properties.get(key) + "': " + base
                            + " has no per-instrument override (only " + OVERRIDABLE + " do)");
                } else {
                    errors.add(key + "='" + properties.get(key) + "' is not a risk limit (known: " + KEYS + ")");
                }
            }
        }
    }
}
