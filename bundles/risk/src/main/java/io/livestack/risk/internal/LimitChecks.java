package io.livestack.risk.internal;

import io.livestack.api.model.OrderType;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in checks of a new order or a replace, in this order (the first failing one refuses): reference data
 * ({@link ReferenceDataChecks}), max order quantity, reference price, price band ({@link OrderValueChecks}), price
 * collar ({@link PriceCollar}), max order notional, max position / max open orders / self-cross
 * ({@link PositionChecks}), exposure and loss ({@link CapitalChecks}), duplicate order ({@link DuplicateOrders}),
 * order rate and message rate ({@link MessageRates}), then the {@link CustomChecks}; of a cancel, the cancel rate and
 * the message rate. After the fact: the fills the repeated-execution throttle counts ({@link FillThrottle}) and the
 * review of the loss limits ({@link LossMonitor}, {@link DailyBaselines}). Owns every window the checks keep, and puts
 * them in and takes them from a {@link RiskSnapshot}. Processing thread only, except the usage reads.
 */
final class LimitChecks {

    private final CustomChecks custom;
    private final Breaches breaches;
    private final PositionChecks positions = new PositionChecks();
    private final PriceCollar collar = new PriceCollar();
    private final DuplicateOrders duplicates = new DuplicateOrders();
    private final MessageRates rates = new MessageRates();
    private final FillThrottle throttle = new FillThrottle();
    private final LossMonitor losses = new LossMonitor();
    private final DailyBaselines day = new DailyBaselines();
    /** What a review asks for, reused (processing thread). */
    private final List<RiskAction> actions = new ArrayList<>();

    LimitChecks(CustomChecks custom, Breaches breaches) {
        this.custom = custom;
        this.breaches = breaches;
    }

    RiskDecision cancel(RiskLimits l, VenueId venue, StrategyId strategy, long now) {
        breaches.seen(now);
        RiskDecision refused = rates.cancelRate(l, breaches, now);
        if (refused == null) {
            refused = rates.messageRate(l, venue, strategy, breaches, now);
        }
        if (refused != null) {
            return refused;
        }
        rates.cancelAccepted(l, venue, strategy, now);
        return RiskDecision.ACCEPT;
    }

    RiskDecision order(RiskLimits l, RiskOrder o, StateView state, long now) {
        breaches.seen(now);
        InstrumentSpec spec = state.instrumentSpec(o.venue(), o.instrument());
        RiskDecision refused = ReferenceDataChecks.check(o, spec, state);
        if (refused == null) {
            refused = OrderValueChecks.quantity(l, o, breaches, now);
        }
        if (refused != null) {
            return refused;
        }
        long reference = Prices.referencePrice(state, o.venue(), o.instrument());
        long price;
        if (o.type() == OrderType.MARKET) {
            if (reference <= 0) {
                return RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "market order for " + o.instrument()
                        + " at " + o.venue() + " has no reference price (no book, trade or mark)");
            }
            price = reference;
        } else {
            price = o.limitPrice();
            if (reference <= 0) {
                if (l.limitOrdersRequireReference) {
                    return RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "limit order for " + o.instrument()
                            + " at " + o.venue() + " has no reference price (no book, trade or mark)");
                }
            } else {
                refused = OrderValueChecks.band(l, o, reference, breaches, now);
            }
        }
        if (refused == null && l.priceCollar.configured()) {
            refused = collar.check(l, o, reference, o.type() == OrderType.LIMIT, breaches, now);
        }
        if (refused == null) {
            refused = OrderValueChecks.notional(l, o, price, breaches, now);
        }
        if (refused == null) {
            refused = positions.check(l, o, price, state, breaches, now);
        }
        if (refused == null) {
            if (l.dailyLoss.configured()) {
                day.roll(now, l, state);
            }
            refused = CapitalChecks.check(l, o, price, spec, state, day, breaches, now);
        }
        if (refused == null) {
            refused = duplicates.check(l, o, breaches, now);
        }
        if (refused == null) {
            refused = rates.orderRate(l, breaches, now);
        }
        if (refused == null) {
            refused = rates.messageRate(l, o.venue(), o.strategy(), breaches, now);
        }
        if (refused == null) {
            refused = custom.run(o.intent(), state, now);
        }
        if (refused != null) {
            return refused;
        }
        rates.orderAccepted(l, o.venue(), o.strategy(), now);
        duplicates.accepted(l, o, now);
        return RiskDecision.ACCEPT;
    }

    void onFill(RiskLimits l, FillRecord fill, long now) {
        breaches.seen(now);
        throttle.onFill(l, fill, breaches, now);
        if (l.loss.scoped || l.dailyLoss.scoped) {
            losses.onFill(fill.strategy(), fill.account());
        }
    }

    List<RiskAction> review(RiskLimits l, StateView state, long now) {
        breaches.seen(now);
        List<RiskAction> out = actions;
        throttle.drain(out);
        if (l.dailyLoss.configured()) {
            day.roll(now, l, state);
        }
        losses.review(l, state, day, breaches, now, out);
        if (out.isEmpty()) {
            return List.of();
        }
        List<RiskAction> asked = List.copyOf(out);
        out.clear();
        return asked;
    }

    /** The limits changed: the trading day's start may have moved. */
    void reconfigured() {
        day.reconfigured();
    }

    // ---------------------------------------------------------------- usage (any thread)

    PositionChecks positions() {
        return positions;
    }

    MessageRates rates() {
        return rates;
    }

    FillThrottle throttle() {
        return throttle;
    }

    LossMonitor losses() {
        return losses;
    }

    Breaches breaches() {
        return breaches;
    }

    int lastOpenOrderCount() {
        return positions.lastOpenOrderCount();
    }

    int ordersInWindow() {
        return rates.ordersInWindow();
    }

    int cancelsInWindow() {
        return rates.cancelsInWindow();
    }

    /** The trading day's baselines (processing thread). */
    DailyBaselines day() {
        return day;
    }

    // ---------------------------------------------------------------- snapshot (processing thread)

    RiskSnapshot snapshot() {
        Map<String, List<Long>> windows = new TreeMap<>();
        rates.snapshot(windows);
        throttle.snapshot(windows);
        collar.snapshot(windows);
        duplicates.snapshot(windows);
        Map<String, Long> values = new TreeMap<>();
        day.snapshot(values);
        losses.snapshot(values);
        return new RiskSnapshot(rates.orderTimes(), rates.cancelTimes(), windows, values);
    }

    void restore(RiskSnapshot snapshot) {
        rates.restore(snapshot.orderTimes(), snapshot.cancelTimes(), snapshot.windows());
        throttle.restore(snapshot.windows());
        collar.restore(snapshot.windows());
        duplicates.restore(snapshot.windows());
        day.restore(snapshot.values());
        losses.restore(snapshot.values());
    }
}
