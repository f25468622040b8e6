package io.livestack.webconsole.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page's P&amp;L parts: the desk's figures, every scope's, and the positions per strategy and account. */
final class Pnl {

    private Pnl() {
    }

    /** The desk's P&amp;L; {@code total} is the net (realized + unrealized − fees). */
    static Map<String, Object> desk(List<PnlView> all) {
        for (PnlView p : all) {
            if (p.scope() == PnlView.Scope.DESK) {
                Map<String, Object> m = figures(p);
                m.put("total", Fixed.format(p.net()));
                return m;
            }
        }
        return null;
    }

    /** Desk, then accounts, then strategies. */
    static List<Object> byScope(List<PnlView> all) {
        List<Object> out = new ArrayList<>();
        all.stream().sorted(Comparator.comparing(PnlView::scope).thenComparing(PnlView::id))
                .forEach(p -> out.add(figures(p)));
        return out;
    }

    private static Map<String, Object> figures(PnlView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", p.scope().name().toLowerCase(java.util.Locale.ROOT));
        m.put("id", p.id());
        m.put("currency", p.currency());
        m.put("realized", Fixed.format(p.realized()));
        m.put("unrealized", Fixed.format(p.unrealized()));
        m.put("fees", Fixed.format(p.fees()));
        m.put("net", Fixed.format(p.net()));
        m.put("grossExposure", Fixed.format(p.grossExposure()));
        m.put("netExposure", Fixed.format(p.netExposure()));
        return m;
    }

    /** Positions per strategy and account (the BOOK level), by strategy, account and instrument. */
    static List<Object> bookPositions(List<PositionView> positions) {
        List<Object> out = new ArrayList<>();
        positions.stream()
                .sorted(Comparator.comparing((PositionView p) -> p.strategy().value())
                        .thenComparing(p -> p.account().value()).thenComparing(PositionView::instrument))
                .forEach(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("strategy", p.strategy().value());
                    m.put("account", p.account().value());
                    m.put("instrument", p.instrument().value());
                    m.put("net", Fixed.format(p.netQuantity()));
                    m.put("averagePrice", Fixed.format(p.averagePrice()));
                    m.put("realized", Fixed.format(p.realizedPnl()));
                    m.put("unrealized", Fixed.format(p.unrealizedPnl()));
                    m.put("fees", Fixed.format(p.fees()));
                    out.add(m);
                });
        return out;
    }
}
