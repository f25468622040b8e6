package io.livestack.risk.internal;

import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message throttles (RTS 6 Art. 15(1)(d)), sliding one-second windows on event time ({@link RateWindow}):
 * ORDER_RATE (the desk's new orders and replaces, {@code maxOrdersPerSecond}), CANCEL_RATE (the desk's cancels,
 * {@code maxCancelsPerSecond}) and MESSAGE_RATE (new orders + replaces + cancels of one venue, or of one strategy, over
 * its {@code maxMessagesPerSecond}). A message counts once everything accepted it. Snapshot windows:
 * {@value #VENUE} {@code <VENUE>} and {@value #STRATEGY} {@code <STRATEGY>} → the messages' times, oldest first (the
 * desk's windows are the snapshot's orderTimes and cancelTimes). Processing thread; counts any thread.
 */
final class MessageRates {

    static final String VENUE = "messages.venue";
    static final String STRATEGY = "messages.strategy";

    private final RateWindow orders = new RateWindow();
    private final RateWindow cancels = new RateWindow();
    private final Map<VenueId, RateWindow> venues = new ConcurrentHashMap<>();
    private final Map<StrategyId, RateWindow> strategies = new ConcurrentHashMap<>();
    /** The windows the last message rate check used, for the accepted message that follows it. */
    private RateWindow checkedVenue;
    private RateWindow checkedStrategy;

    /** The desk's order rate (new orders and replaces). */
    RiskDecision orderRate(RiskLimits l, Breaches breaches, long now) {
        orders.advance(now, l.maxOrdersPerSecond);
        if (!orders.full()) {
            return null;
        }
        String detail = orders.count() + " orders in the last second, limit " + l.maxOrdersPerSecond + " per second";
        breaches.record(RiskLimits.MAX_ORDERS_PER_SECOND, "desk", now, detail);
        return RiskDecision.reject(RejectReason.ORDER_RATE, detail);
    }

    RiskDecision cancelRate(RiskLimits l, Breaches breaches, long now) {
        cancels.advance(now, l.maxCancelsPerSecond);
        if (!cancels.full()) {
            return null;
        }
        String detail = cancels.count() + " cancels in the last second, limit " + l.maxCancelsPerSecond
                + " per second";
        breaches.record(RiskLimits.MAX_CANCELS_PER_SECOND, "desk", now, detail);
        return RiskDecision.reject(RejectReason.CANCEL_RATE, detail);
    }

    /** The venue's and the strategy's message rate ({@code venue} null: not known, not counted). */
    RiskDecision messageRate(RiskLimits l, VenueId venue, StrategyId strategy, Breaches breaches, long now) {
        ScopedLimit limit = l.messages;
        checkedVenue = null;
        checkedStrategy = null;
        if (!limit.scoped) {
            return null;
        }
        long byVenue = venue == null ? ScopedLimit.NONE : limit.venue(venue);
        if (byVenue != ScopedLimit.NONE) {
            RateWindow w = venues.computeIfAbsent(venue, v -> new RateWindow());
            w.advance(now, (int) byVenue);
            checkedVenue = w;
            if (w.full()) {
                return messages(w.count(), byVenue, "venue:" + venue, breaches, now);
            }
        }
        long byStrategy = limit.strategy(strategy);
        if (byStrategy != ScopedLimit.NONE) {
            RateWindow w = strategies.computeIfAbsent(strategy, s -> new RateWindow());
            w.advance(now, (int) byStrategy);
            checkedStrategy = w;
            if (w.full()) {
                return messages(w.count(), byStrategy, "strategy:" + strategy, breaches, now);
            }
        }
        return null;
    }

    private static RiskDecision messages(int count, long max, String scope, Breaches breaches, long now) {
        String detail = count + " messages (new, replace, cancel) in the last second, limit " + max
                + " per second (" + scope + ")";
        breaches.record(RiskLimits.MAX_MESSAGES_PER_SECOND, scope, now, detail);
        return RiskDecision.reject(RejectReason.MESSAGE_RATE, detail);
    }

    /** An accepted new order or replace. */
    void orderAccepted(RiskLimits l, VenueId venue, StrategyId strategy, long now) {
        orders.add(now);
        messageAccepted(l, venue, strategy, now);
    }

    /** An accepted cancel. */
    void cancelAccepted(RiskLimits l, VenueId venue, StrategyId strategy, long now) {
        cancels.add(now);
        messageAccepted(l, venue, strategy, now);
    }

    private void messageAccepted(RiskLimits l, VenueId venue, StrategyId strategy, long now) {
        if (checkedVenue != null) {
            checkedVenue.add(now);
            checkedVenue = null;
        }
        if (checkedStrategy != null) {
            checkedStrategy.add(now);
            checkedStrategy = null;
        }
    }

    int ordersInWindow() {
        return orders.count();
    }

    int cancelsInWindow() {
        return cancels.count();
    }

    int venueMessages(VenueId venue) {
        RateWindow w = venues.get(venue);
        return w == null ? 0 : w.count();
    }

    int strategyMessages(StrategyId strategy) {
        RateWindow w = strategies.get(strategy);
        return w == null ? 0 : w.count();
    }

    Map<StrategyId, RateWindow> strategyWindows() {
        return strategies;
    }

    List<Long> orderTimes() {
        return orders.times();
    }

    List<Long> cancelTimes() {
        return cancels.times();
    }

    void snapshot(Map<String, List<Long>> out) {
        venues.forEach((v, w) -> out.put(VENUE + " " + v, w.times()));
        strategies.forEach((s, w) -> out.put(STRATEGY + " " + s, w.times()));
    }

    void restore(List<Long> orderTimes, List<Long> cancelTimes, Map<String, List<Long>> in) {
        orders.restore(orderTimes);
        cancels.restore(cancelTimes);
        venues.clear();
        strategies.clear();
        Map<String, List<Long>> mine = new HashMap<>(in);
        mine.forEach((name, times) -> {
            if (name.startsWith(VENUE + " ")) {
                RateWindow w = new RateWindow();
                w.restore(times);
                venues.put(VenueId.of(name.substring(VENUE.length() + 1)), w);
            } else if (name.startsWith(STRATEGY + " ")) {
                RateWindow w = new RateWindow();
                w.restore(times);
                strategies.put(StrategyId.of(name.substring(STRATEGY.length() + 1)), w);
            }
        });
    }
}
