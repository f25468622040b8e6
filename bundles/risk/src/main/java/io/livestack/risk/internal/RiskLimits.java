package io.livestack.risk.internal;

import static io.livestack.risk.internal.LimitsParser.Scope.ACCOUNT;
import static io.livestack.risk.internal.LimitsParser.Scope.DESK;
import static io.livestack.risk.internal.LimitsParser.Scope.INSTRUMENT;
import static io.livestack.risk.internal.LimitsParser.Scope.STRATEGY;
import static io.livestack.risk.internal.LimitsParser.Scope.VENUE;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.TradingDay;
import io.livestack.api.model.TradingState;
import io.livestack.risk.internal.LimitsParser.Scope;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One complete, validated set of risk limits: immutable, swapped as a whole so that a check never sees a half-applied
 * configuration. {@link #parse} refuses anything malformed with a message naming every bad key and value. The limits
 * that can be set per scope are {@link ScopedLimit}s (most restrictive wins); the others are desk-wide settings.
 */
final class RiskLimits {

    static final String PID = "livestack.risk";

    static final String MAX_ORDER_QUANTITY = "maxOrderQuantity";
    static final String MAX_ORDER_NOTIONAL = "maxOrderNotional";
    static final String MAX_POSITION = "maxPosition";
    static final String PRICE_BAND_BPS = "priceBandBps";
    static final String PRICE_COLLAR_BPS = "priceCollarBps";
    static final String MAX_OPEN_ORDERS = "maxOpenOrders";
    static final String MAX_GROSS_EXPOSURE = "maxGrossExposure";
    static final String MAX_NET_EXPOSURE = "maxNetExposure";
    static final String MAX_LOSS = "maxLoss";
    static final String MAX_DAILY_LOSS = "maxDailyLoss";
    static final String MAX_MESSAGES_PER_SECOND = "maxMessagesPerSecond";
    static final String MAX_FILLS_PER_WINDOW = "maxFillsPerWindow";

    static final String MAX_ORDERS_PER_SECOND = "maxOrdersPerSecond";
    static final String MAX_CANCELS_PER_SECOND = "maxCancelsPerSecond";
    static final String SELF_CROSS_CHECK = "selfCrossCheck";
    static final String COUNT_OPEN_ORDERS_IN_POSITION = "countOpenOrdersInPosition";
    static final String LIMIT_ORDERS_REQUIRE_REFERENCE = "limitOrdersRequireReference";
    static final String PRICE_COLLAR_WINDOW_MS = "priceCollarWindowMs";
    static final String DUPLICATE_WINDOW_MS = "duplicateWindowMs";
    static final String FILL_WINDOW_MS = "fillWindowMs";
    static final String LOSS_ACTION = "lossAction";
    static final String TRADING_DAY_START = "tradingDayStart";
    static final String TRADING_DAY_ZONE = "tradingDayZone";

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
    static final long DEFAULT_PRICE_COLLAR_WINDOW_MS = 60_000;
    static final long DEFAULT_DUPLICATE_WINDOW_MS = 0;
    static final long DEFAULT_FILL_WINDOW_MS = 1_000;
    static final String DEFAULT_LOSS_ACTION = "HALTED";
    static final String DEFAULT_TRADING_DAY_START = "00:00";
    static final String DEFAULT_TRADING_DAY_ZONE = "UTC";

    private static final long MAX_BPS = Long.MAX_VALUE / 20_000;
    private static final long MAX_WINDOW_MS = 86_400_000L;
    private static final Set<Scope> ALL = EnumSet.allOf(Scope.class);
    private static final Set<Scope> CAPITAL = EnumSet.of(DESK, STRATEGY, ACCOUNT);

    /** The limits that can be set per scope, and where. */
    static final Map<String, Set<Scope>> SCOPES = scopes();

    private static final List<String> DESK_KEYS = List.of(MAX_ORDERS_PER_SECOND, MAX_CANCELS_PER_SECOND,
            SELF_CROSS_CHECK, COUNT_OPEN_ORDERS_IN_POSITION, LIMIT_ORDERS_REQUIRE_REFERENCE, PRICE_COLLAR_WINDOW_MS,
            DUPLICATE_WINDOW_MS, FILL_WINDOW_MS, LOSS_ACTION, TRADING_DAY_START, TRADING_DAY_ZONE);

    private static Map<String, Set<Scope>> scopes() {
        Map<String, Set<Scope>> m = new LinkedHashMap<>();
        m.put(MAX_ORDER_QUANTITY, ALL);
        m.put(MAX_ORDER_NOTIONAL, ALL);
        m.put(MAX_POSITION, EnumSet.of(DESK, STRATEGY, ACCOUNT, INSTRUMENT));
        m.put(PRICE_BAND_BPS, ALL);
        m.put(PRICE_COLLAR_BPS, ALL);
        m.put(MAX_OPEN_ORDERS, ALL);
        m.put(MAX_GROSS_EXPOSURE, CAPITAL);
        m.put(MAX_NET_EXPOSURE, CAPITAL);
        m.put(MAX_LOSS, CAPITAL);
        m.put(MAX_DAILY_LOSS, CAPITAL);
        m.put(MAX_MESSAGES_PER_SECOND, EnumSet.of(STRATEGY, VENUE));
        m.put(MAX_FILLS_PER_WINDOW, EnumSet.of(DESK, STRATEGY));
        return java.util.Collections.unmodifiableMap(m);
    }

    // desk values of the original limits (kept as fields: the checks and the tests read them)
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
    final long priceCollarWindowNanos;
    final long duplicateWindowNanos;
    final long fillWindowNanos;
    /** The trading state a broken loss limit sets its scope to: REDUCING or HALTED. */
    final TradingState lossAction;
    /** The trading day ({@code tradingDayStart} in {@code tradingDayZone}): daily limits count from its start. */
    final TradingDay tradingDay;

    final ScopedLimit orderQuantity;
    final ScopedLimit orderNotional;
    final ScopedLimit position;
    final ScopedLimit priceBand;
    final ScopedLimit priceCollar;
    final ScopedLimit openOrders;
    final ScopedLimit grossExposure;
    final ScopedLimit netExposure;
    final ScopedLimit loss;
    final ScopedLimit dailyLoss;
    final ScopedLimit messages;
    final ScopedLimit fills;

    // every scoped limit's values per scope, as rows indexed by ScopedLimit.index (OrderScopes)
    private final Map<io.livestack.api.model.StrategyId, long[]> strategyRows = new java.util.HashMap<>();
    private final Map<io.livestack.api.model.AccountId, long[]> accountRows = new java.util.HashMap<>();
    private final Map<InstrumentId, long[]> instrumentRows = new java.util.HashMap<>();
    private final Map<io.livestack.api.model.VenueId, long[]> venueRows = new java.util.HashMap<>();
    private final long[] strategyDefaults;
    private final long[] accountDefaults;
    private final long[] none;

    private RiskLimits(LimitsParser p) {
        orderQuantity = p.scoped(MAX_ORDER_QUANTITY, false, 0, DEFAULT_MAX_ORDER_QUANTITY, SCOPES.get(MAX_ORDER_QUANTITY));
        orderNotional = p.scoped(MAX_ORDER_NOTIONAL, false, 0, DEFAULT_MAX_ORDER_NOTIONAL, SCOPES.get(MAX_ORDER_NOTIONAL));
        position = p.scoped(MAX_POSITION, false, 0, DEFAULT_MAX_POSITION, SCOPES.get(MAX_POSITION));
        priceBand = p.scoped(PRICE_BAND_BPS, true, MAX_BPS, Long.toString(DEFAULT_PRICE_BAND_BPS),
                SCOPES.get(PRICE_BAND_BPS));
        priceCollar = p.scoped(PRICE_COLLAR_BPS, true, MAX_BPS, null, SCOPES.get(PRICE_COLLAR_BPS));
        openOrders = p.scoped(MAX_OPEN_ORDERS, true, Integer.MAX_VALUE, Integer.toString(DEFAULT_MAX_OPEN_ORDERS),
                SCOPES.get(MAX_OPEN_ORDERS));
        grossExposure = p.scoped(MAX_GROSS_EXPOSURE, false, 0, null, SCOPES.get(MAX_GROSS_EXPOSURE));
        netExposure = p.scoped(MAX_NET_EXPOSURE, false, 0, null, SCOPES.get(MAX_NET_EXPOSURE));
        loss = p.scoped(MAX_LOSS, false, 0, null, SCOPES.get(MAX_LOSS));
        dailyLoss = p.scoped(MAX_DAILY_LOSS, false, 0, null, SCOPES.get(MAX_DAILY_LOSS));
        messages = p.scoped(MAX_MESSAGES_PER_SECOND, true, 1_000_000, null, SCOPES.get(MAX_MESSAGES_PER_SECOND));
        fills = p.scoped(MAX_FILLS_PER_WINDOW, true, 1_000_000, null, SCOPES.get(MAX_FILLS_PER_WINDOW));
        maxOrderQuantity = orderQuantity.desk;
        maxOrderNotional = orderNotional.desk;
        maxPosition = position.desk;
        priceBandBps = priceBand.desk;
        maxOpenOrders = (int) openOrders.desk;
        maxOrdersPerSecond = (int) p.integer(MAX_ORDERS_PER_SECOND, DEFAULT_MAX_ORDERS_PER_SECOND, 1_000_000);
        maxCancelsPerSecond = (int) p.integer(MAX_CANCELS_PER_SECOND, DEFAULT_MAX_CANCELS_PER_SECOND, 1_000_000);
        selfCrossCheck = p.bool(SELF_CROSS_CHECK, DEFAULT_SELF_CROSS_CHECK);
        countOpenOrdersInPosition = p.bool(COUNT_OPEN_ORDERS_IN_POSITION, DEFAULT_COUNT_OPEN_ORDERS_IN_POSITION);
        limitOrdersRequireReference = p.bool(LIMIT_ORDERS_REQUIRE_REFERENCE, DEFAULT_LIMIT_ORDERS_REQUIRE_REFERENCE);
        priceCollarWindowNanos = p.integer(PRICE_COLLAR_WINDOW_MS, DEFAULT_PRICE_COLLAR_WINDOW_MS, MAX_WINDOW_MS)
                * 1_000_000L;
        duplicateWindowNanos = p.integer(DUPLICATE_WINDOW_MS, DEFAULT_DUPLICATE_WINDOW_MS, MAX_WINDOW_MS) * 1_000_000L;
        fillWindowNanos = p.integer(FILL_WINDOW_MS, DEFAULT_FILL_WINDOW_MS, MAX_WINDOW_MS) * 1_000_000L;
        lossAction = TradingState.valueOf(p.choice(LOSS_ACTION, DEFAULT_LOSS_ACTION, List.of("REDUCING", "HALTED")));
        LocalTime tradingDayStart = p.text(TRADING_DAY_START, LocalTime.MIDNIGHT, text -> {
            try {
                return LocalTime.parse(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("is not a time of day (HH:mm)");
            }
        });
        ZoneId tradingDayZone = p.text(TRADING_DAY_ZONE, ZoneId.of(DEFAULT_TRADING_DAY_ZONE), text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("is not a time zone (e.g. UTC, Europe/London)");
            }
        });
        tradingDay = new TradingDay(tradingDayStart, tradingDayZone);
        if (fills.configured() && fillWindowNanos == 0) {
            p.errors.add(FILL_WINDOW_MS + "='0' must be positive when " + MAX_FILLS_PER_WINDOW + " is set");
        }
        if (priceCollar.configured() && priceCollarWindowNanos == 0) {
            p.errors.add(PRICE_COLLAR_WINDOW_MS + "='0' must be positive when " + PRICE_COLLAR_BPS + " is set");
        }
        p.checkUnknownKeys(DESK_KEYS, List.copyOf(SCOPES.keySet()));
        List<ScopedLimit> all = scoped();
        strategyDefaults = new long[all.size()];
        accountDefaults = new long[all.size()];
        none = new long[all.size()];
        java.util.Arrays.fill(none, ScopedLimit.NONE);
        for (int i = 0; i < all.size(); i++) {
            ScopedLimit limit = all.get(i);
            limit.index = i;
            strategyDefaults[i] = limit.strategyDefault;
            accountDefaults[i] = limit.accountDefault;
        }
        for (ScopedLimit limit : all) {
            int i = limit.index;
            limit.strategies().forEach((id, v) -> strategyRows.computeIfAbsent(id, k -> strategyDefaults.clone())[i] = v);
            limit.accounts().forEach((id, v) -> accountRows.computeIfAbsent(id, k -> accountDefaults.clone())[i] = v);
            limit.instruments().forEach((id, v) -> instrumentRows.computeIfAbsent(id, k -> none.clone())[i] = v);
            limit.venues().forEach((id, v) -> venueRows.computeIfAbsent(id, k -> none.clone())[i] = v);
        }
    }

    /** The values of every scoped limit at an order's scopes (four lookups, no allocation but the holder). */
    OrderScopes scopes(io.livestack.api.model.StrategyId strategy, io.livestack.api.model.AccountId account,
            InstrumentId instrument, io.livestack.api.model.VenueId venue) {
        long[] s = strategyRows.get(strategy);
        long[] a = accountRows.get(account);
        long[] i = instrumentRows.get(instrument);
        long[] v = venueRows.get(venue);
        return new OrderScopes(s != null ? s : strategyDefaults, a != null ? a : accountDefaults,
                i != null ? i : none, v != null ? v : none);
    }

    /**
     * Parses Config Admin properties (String values from a .cfg file, or typed values). Missing keys take their
     * defaults; the limits without a default are off until set.
     *
     * @throws IllegalArgumentException naming every malformed key and value
     */
    static RiskLimits parse(Map<String, ?> properties) {
        LimitsParser parser = new LimitsParser(properties == null ? Map.of() : properties);
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
        return orderQuantity.deskOrInstrument(instrument);
    }

    long maxOrderNotional(InstrumentId instrument) {
        return orderNotional.deskOrInstrument(instrument);
    }

    long maxPosition(InstrumentId instrument) {
        return position.deskOrInstrument(instrument);
    }

    long priceBandBps(InstrumentId instrument) {
        return priceBand.deskOrInstrument(instrument);
    }

    /** Every scoped limit, in display order. */
    List<ScopedLimit> scoped() {
        return List.of(orderQuantity, orderNotional, position, priceBand, priceCollar, openOrders, grossExposure,
                netExposure, loss, dailyLoss, messages, fills);
    }

    /** Whether a limit is a whole number (basis points, counts) rather than a decimal. */
    static boolean integer(String limit) {
        return limit.equals(PRICE_BAND_BPS) || limit.equals(PRICE_COLLAR_BPS) || limit.equals(MAX_OPEN_ORDERS)
                || limit.equals(MAX_MESSAGES_PER_SECOND) || limit.equals(MAX_FILLS_PER_WINDOW);
    }

    static String format(String limit, long value) {
        return integer(limit) ? Long.toString(value) : Fixed.format(value);
    }

    /** The desk-wide settings as text, in a stable order (for display). */
    Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(MAX_ORDERS_PER_SECOND, Integer.toString(maxOrdersPerSecond));
        out.put(MAX_CANCELS_PER_SECOND, Integer.toString(maxCancelsPerSecond));
        out.put(SELF_CROSS_CHECK, Boolean.toString(selfCrossCheck));
        out.put(COUNT_OPEN_ORDERS_IN_POSITION, Boolean.toString(countOpenOrdersInPosition));
        out.put(LIMIT_ORDERS_REQUIRE_REFERENCE, Boolean.toString(limitOrdersRequireReference));
        out.put(PRICE_COLLAR_WINDOW_MS, Long.toString(priceCollarWindowNanos / 1_000_000L));
        out.put(DUPLICATE_WINDOW_MS, Long.toString(duplicateWindowNanos / 1_000_000L));
        out.put(FILL_WINDOW_MS, Long.toString(fillWindowNanos / 1_000_000L));
        out.put(LOSS_ACTION, lossAction.name());
        out.put(TRADING_DAY_START, tradingDay.start().toString());
        out.put(TRADING_DAY_ZONE, tradingDay.zone().getId());
        return out;
    }

    /** "limit@scope" → value text, then the settings: everything in force (for logs and change detection). */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ScopedLimit l : scoped()) {
            for (Map.Entry<String, Long> e : l.entries()) {
                out.put(l.name + "@" + e.getKey(), format(l.name, e.getValue()));
            }
        }
        out.putAll(settings());
        return out;
    }

    @Override
    public String toString() {
        return describe().toString();
    }
}
