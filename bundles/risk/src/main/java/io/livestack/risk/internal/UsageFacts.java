package io.livestack.risk.internal;

import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import java.util.HashMap;
import java.util.Map;

/**
 * What the usage of the scoped limits is measured against, taken from the state at a review (processing thread, at
 * most once a second of event time) and read from any thread: each scope's P&amp;L ("desk", "account:A",
 * "strategy:S"), its P&amp;L since the start of the trading day, its open orders (also "instrument:I", "venue:V") and
 * its largest absolute position in one instrument. Immutable once taken.
 */
record UsageFacts(long timeNanos, Map<String, PnlView> pnl, Map<String, Long> daily, Map<String, Integer> openOrders,
        Map<String, Long> largestPosition) {

    static final UsageFacts NONE = new UsageFacts(Long.MIN_VALUE, Map.of(), Map.of(), Map.of(), Map.of());
    static final long EVERY_NANOS = 1_000_000_000L;

    static UsageFacts take(StateView state, DailyBaselines day, long now) {
        Map<String, PnlView> pnl = new HashMap<>();
        Map<String, Long> daily = new HashMap<>();
        for (PnlView p : state.pnl()) {
            String label = CapitalChecks.label(p.scope(), p.id());
            pnl.put(label, p);
            daily.put(label, p.net() - day.baseline(p.scope(), p.id()));
        }
        Map<String, Integer> open = new HashMap<>();
        open.put("desk", state.openOrderCount());
        for (OrderView o : state.openOrders()) {
            open.merge("strategy:" + o.strategy(), 1, Integer::sum);
            open.merge("account:" + o.account(), 1, Integer::sum);
            open.merge("instrument:" + o.instrument(), 1, Integer::sum);
            open.merge("venue:" + o.venue(), 1, Integer::sum);
        }
        Map<String, Long> largest = new HashMap<>();
        for (PositionView p : state.positions()) {
            largest.merge("desk", Math.abs(p.netQuantity()), Math::max);
            largest.merge("instrument:" + p.instrument(), Math.abs(p.netQuantity()), Math::max);
        }
        for (PositionView p : state.positions(PositionView.Level.STRATEGY)) {
            largest.merge("strategy:" + p.strategy(), Math.abs(p.netQuantity()), Math::max);
        }
        for (PositionView p : state.positions(PositionView.Level.ACCOUNT)) {
            largest.merge("account:" + p.account(), Math.abs(p.netQuantity()), Math::max);
        }
        return new UsageFacts(now, Map.copyOf(pnl), Map.copyOf(daily), Map.copyOf(open), Map.copyOf(largest));
    }

    boolean due(long now) {
        return timeNanos == Long.MIN_VALUE || now - timeNanos >= EVERY_NANOS;
    }
}
