package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.state.PnlView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Every limit in force at every scope it is set for, with its current usage, utilization (usage / limit) and whether
 * it broke recently ({@link Breaches#RECENT_NANOS}) or is latched, for display ({@code livestack:risk}, web console,
 * metrics). The per-order limits have no running usage ("per order"). Usage comes from the live windows and the
 * {@link UsageFacts} of the last review (at most a second old). A "strategy:*" or "account:*" row shows the most used
 * strategy or account that has no value of its own. Any thread.
 */
final class RiskUsage {

    private RiskUsage() {
    }

    static List<LimitUsage> of(RiskLimits l, LimitChecks checks, CustomChecks custom, String lastConfigError,
            UsageFacts facts) {
        List<LimitUsage> out = new ArrayList<>();
        Breaches breaches = checks.breaches();
        Map<InstrumentId, PositionChecks.PositionUsage> positions = checks.positions().positionUsage();
        for (ScopedLimit limit : l.scoped()) {
            for (Map.Entry<String, Long> e : limit.entries()) {
                String scope = e.getKey();
                long value = e.getValue();
                Measure m = measure(limit, scope, value, checks, facts, positions);
                boolean breached = scope.endsWith(":*")
                        ? breaches.recentAny(limit.name, scope.substring(0, scope.length() - 1))
                                || latchedAny(checks, limit.name, scope)
                        : breaches.recent(limit.name, scope) || latched(checks, limit.name, scope);
                out.add(new LimitUsage(limit.name, RiskLimits.format(limit.name, value), m.text, scope,
                        m.utilization, breached));
            }
        }
        for (Map.Entry<String, String> e : l.settings().entrySet()) {
            String key = e.getKey();
            switch (key) {
                case RiskLimits.MAX_ORDERS_PER_SECOND -> out.add(rate(key, e.getValue(), checks.ordersInWindow(),
                        l.maxOrdersPerSecond, breaches));
                case RiskLimits.MAX_CANCELS_PER_SECOND -> out.add(rate(key, e.getValue(), checks.cancelsInWindow(),
                        l.maxCancelsPerSecond, breaches));
                default -> out.add(new LimitUsage(key, e.getValue(), "", "desk", 0,
                        breaches.recent(key, "desk")));
            }
        }
        List<String> names = custom.names();
        out.add(new LimitUsage("customChecks", Integer.toString(names.size()), String.join(", ", names)));
        if (lastConfigError != null) {
            out.add(new LimitUsage("configError", "refused, previous limits in force", lastConfigError));
        }
        return List.copyOf(out);
    }

    private static LimitUsage rate(String key, String limit, int count, int max, Breaches breaches) {
        return new LimitUsage(key, limit, count + " in window", "desk", ratio(count, max),
                breaches.recent(key, "desk"));
    }

    private static boolean latched(LimitChecks checks, String limit, String scope) {
        if (!limit.equals(RiskLimits.MAX_LOSS) && !limit.equals(RiskLimits.MAX_DAILY_LOSS)) {
            return false;
        }
        int colon = scope.indexOf(':');
        PnlView.Scope s = colon < 0 ? PnlView.Scope.DESK : scope.startsWith("account:") ? PnlView.Scope.ACCOUNT
                : PnlView.Scope.STRATEGY;
        return checks.losses().latched(limit, s, colon < 0 ? "*" : scope.substring(colon + 1));
    }

    private static boolean latchedAny(LimitChecks checks, String limit, String scope) {
        String kind = scope.startsWith("account:") ? PnlView.Scope.ACCOUNT.name() : PnlView.Scope.STRATEGY.name();
        String prefix = LossMonitor.LATCH + " " + limit + " " + kind + " ";
        return checks.losses().latches().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** A usage text and how much of the limit it is. */
    private record Measure(String text, double utilization, boolean breached) {
        static final Measure PER_ORDER = new Measure("per order", 0, false);
        static final Measure NONE = new Measure("-", 0, false);
    }

    private static Measure measure(ScopedLimit limit, String scope, long value, LimitChecks checks, UsageFacts f,
            Map<InstrumentId, PositionChecks.PositionUsage> positions) {
        switch (limit.name) {
            case RiskLimits.MAX_ORDER_QUANTITY, RiskLimits.MAX_ORDER_NOTIONAL, RiskLimits.PRICE_BAND_BPS,
                    RiskLimits.PRICE_COLLAR_BPS:
                return Measure.PER_ORDER;
            case RiskLimits.MAX_POSITION:
                return position(limit, scope, value, positions, f);
            case RiskLimits.MAX_OPEN_ORDERS: {
                if (scope.equals("desk")) {
                    int open = checks.lastOpenOrderCount();
                    return new Measure(open + " open", ratio(open, value), false);
                }
                return largest(limit, scope, value, s -> f.openOrders().getOrDefault(s, 0), f.openOrders(),
                        n -> n + " open");
            }
            case RiskLimits.MAX_GROSS_EXPOSURE:
                return largest(limit, scope, value, s -> pnl(f, s, PnlView::grossExposure), f.pnl(),
                        n -> "gross exposure " + Fixed.format(n));
            case RiskLimits.MAX_NET_EXPOSURE:
                return largest(limit, scope, value, s -> Math.abs(pnl(f, s, PnlView::netExposure)), f.pnl(),
                        n -> "|net exposure| " + Fixed.format(n));
            case RiskLimits.MAX_LOSS:
                return largest(limit, scope, value, s -> Math.max(0, -pnl(f, s, PnlView::net)), f.pnl(),
                        n -> "loss " + Fixed.format(n));
            case RiskLimits.MAX_DAILY_LOSS:
                return largest(limit, scope, value, s -> Math.max(0, -f.daily().getOrDefault(s, 0L)), f.daily(),
                        n -> "loss today " + Fixed.format(n));
            case RiskLimits.MAX_MESSAGES_PER_SECOND: {
                MessageRates rates = checks.rates();
                if (scope.startsWith("venue:")) {
                    int n = rates.venueMessages(VenueId.of(scope.substring(6)));
                    return new Measure(n + " in window", ratio(n, value), false);
                }
                Map<String, Integer> counts = new java.util.HashMap<>();
                rates.strategyWindows().forEach((s, w) -> counts.put("strategy:" + s, w.count()));
                return largest(limit, scope, value, s -> counts.getOrDefault(s, 0), counts, n -> n + " in window");
            }
            case RiskLimits.MAX_FILLS_PER_WINDOW: {
                Map<String, Integer> counts = new java.util.HashMap<>();
                checks.throttle().windows().forEach((s, w) -> counts.put("strategy:" + s, w.count()));
                String wildcard = scope.equals("desk") ? "strategy:*" : scope;
                return largest(limit, wildcard, value, s -> counts.getOrDefault(s, 0), counts,
                        n -> n + " fills in window");
            }
            default:
                return Measure.NONE;
        }
    }

    private static long pnl(UsageFacts f, String scope, ToLongFunction<PnlView> field) {
        PnlView p = f.pnl().get(scope);
        return p == null ? 0 : field.applyAsLong(p);
    }

    /** A concrete scope's measure, or for "kind:*" the largest among that kind's scopes without a value of their own. */
    private static Measure largest(ScopedLimit limit, String scope, long value, ToLongFunction<String> measure,
            Map<String, ?> known, java.util.function.LongFunction<String> text) {
        if (!scope.endsWith(":*")) {
            long n = measure.applyAsLong(scope);
                return new Measure(text.apply(n), ratio(n, value), false);
        }
        String prefix = scope.substring(0, scope.length() - 1);
        String worst = null;
        long worstN = 0;
        for (String s : known.keySet()) {
            if (!s.startsWith(prefix) || ownValue(limit, s)) {
                continue;
            }
            long n = measure.applyAsLong(s);
            if (worst == null || n > worstN) {
                worst = s;
                worstN = n;
            }
        }
        return worst == null ? Measure.NONE
                : new Measure(worst + ": " + text.apply(worstN), ratio(worstN, value), false);
    }

    private static boolean ownValue(ScopedLimit limit, String scope) {
        String id = scope.substring(scope.indexOf(':') + 1);
        if (scope.startsWith("strategy:")) {
            return limit.strategies().containsKey(StrategyId.of(id));
        }
        return limit.accounts().keySet().stream().anyMatch(a -> a.value().equals(id));
    }

    private static Measure position(ScopedLimit limit, String scope, long value,
            Map<InstrumentId, PositionChecks.PositionUsage> positions, UsageFacts f) {
        if (scope.equals("desk")) {
            // instruments without a limit of their own, by worst case at their last check
            String text = positions.entrySet().stream()
                    .filter(p -> limit.instrument(p.getKey()) == ScopedLimit.NONE)
                    .sorted(Map.Entry.comparingByKey())
                    .map(p -> describe(p.getKey(), p.getValue()))
                    .reduce((a, b) -> a + "; " + b).orElse("-");
            long worst = positions.entrySet().stream().filter(p -> limit.instrument(p.getKey()) == ScopedLimit.NONE)
                    .mapToLong(p -> Math.max(Math.abs(p.getValue().net()), Math.abs(p.getValue().worstCase())))
                    .max().orElse(0);
            return new Measure(text, ratio(worst, value), false);
        }
        if (scope.startsWith("instrument:")) {
            InstrumentId instrument = InstrumentId.of(scope.substring("instrument:".length()));
            PositionChecks.PositionUsage p = positions.get(instrument);
            return p == null ? Measure.NONE : new Measure(describe(instrument, p),
                    ratio(Math.max(Math.abs(p.net()), Math.abs(p.worstCase())), value), false);
        }
        return largest(limit, scope, value, s -> f.largestPosition().getOrDefault(s, 0L), f.largestPosition(),
                n -> "largest |net| " + Fixed.format(n));
    }

    private static String describe(InstrumentId instrument, PositionChecks.PositionUsage p) {
        return instrument + " net " + Fixed.format(p.net()) + ", worst case " + Fixed.format(p.worstCase());
    }

    static double ratio(long usage, long limit) {
        if (limit == ScopedLimit.NONE) {
            return 0;
        }
        if (limit <= 0) {
            return usage > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return (double) usage / (double) limit;
    }
}
