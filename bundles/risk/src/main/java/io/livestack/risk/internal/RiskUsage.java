package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.risk.LimitUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every limit in force with its current usage, for display ({@code livestack:risk}, web console). Any thread. */
final class RiskUsage {

    private RiskUsage() {
    }

    static List<LimitUsage> of(RiskLimits l, LimitChecks checks, CustomChecks custom, String lastConfigError) {
        List<LimitUsage> out = new ArrayList<>();
        Map<InstrumentId, LimitChecks.PositionUsage> positions = checks.positionUsage();
        for (Map.Entry<String, String> e : l.describe().entrySet()) {
            String key = e.getKey();
            out.add(new LimitUsage(key, e.getValue(), usage(key, l, checks, positions)));
        }
        List<String> names = custom.names();
        out.add(new LimitUsage("customChecks", Integer.toString(names.size()), String.join(", ", names)));
        if (lastConfigError != null) {
            out.add(new LimitUsage("configError", "refused, previous limits in force", lastConfigError));
        }
        return List.copyOf(out);
    }

    private static String usage(String key, RiskLimits l, LimitChecks checks,
            Map<InstrumentId, LimitChecks.PositionUsage> positions) {
        switch (key) {
            case RiskLimits.MAX_OPEN_ORDERS:
                return checks.lastOpenOrderCount() + " open";
            case RiskLimits.MAX_ORDERS_PER_SECOND:
                return checks.ordersInWindow() + " in window";
            case RiskLimits.MAX_CANCELS_PER_SECOND:
                return checks.cancelsInWindow() + " in window";
            case RiskLimits.MAX_POSITION:
                // instruments without an override of their own
                return positions.entrySet().stream()
                        .filter(p -> l.maxPosition(p.getKey()) == l.maxPosition)
                        .map(p -> describe(p.getKey(), p.getValue()))
                        .reduce((a, b) -> a + "; " + b).orElse("-");
            default:
                if (key.startsWith(RiskLimits.MAX_POSITION + ".")) {
                    InstrumentId instrument = InstrumentId.of(key.substring(RiskLimits.MAX_POSITION.length() + 1));
                    LimitChecks.PositionUsage p = positions.get(instrument);
                    return p == null ? "-" : describe(instrument, p);
                }
                if (key.startsWith(RiskLimits.MAX_ORDER_QUANTITY) || key.startsWith(RiskLimits.MAX_ORDER_NOTIONAL)
                        || key.startsWith(RiskLimits.PRICE_BAND_BPS)) {
                    return "per order";
                }
                return "";
        }
    }

    private static String describe(InstrumentId instrument, LimitChecks.PositionUsage p) {
        return instrument + " net " + Fixed.format(p.net()) + ", worst case " + Fixed.format(p.worstCase());
    }
}
