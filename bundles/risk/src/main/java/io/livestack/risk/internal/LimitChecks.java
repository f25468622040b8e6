package io.livestack.risk.internal;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in limit checks of a new order or a replace, in this order (the first failing one refuses): max order
 * quantity, reference price, price band, max order notional, max position (worst case), max open orders (new orders
 * only), self-cross, order rate, then the {@link CustomChecks}; and the cancel rate. Keeps the rate windows and what
 * the last checks saw, for {@link RiskUsage}. Processing thread only, except the usage reads.
 */
final class LimitChecks {

    private final RateWindow orderWindow = new RateWindow();
    private final RateWindow cancelWindow = new RateWindow();
    private final Map<InstrumentId, PositionUsage> positionUsage = new ConcurrentHashMap<>();
    private final CustomChecks custom;
    private volatile int lastOpenOrderCount;

    /** Net and worst-case position of an instrument at its last check. */
    record PositionUsage(long net, long worstCase) {
    }

    /** What a new order or a replace asks for. {@code existing} is the order a replace changes (null for new). */
    record Order(Intent intent, OrderView existing, VenueId venue, InstrumentId instrument, Side side,
            OrderType type, long limitPrice, long quantity) {
    }

    LimitChecks(CustomChecks custom) {
        this.custom = custom;
    }

    RiskDecision cancel(RiskLimits l, long now) {
        cancelWindow.advance(now, l.maxCancelsPerSecond);
        if (cancelWindow.full()) {
            return RiskDecision.reject(RejectReason.CANCEL_RATE, cancelWindow.count() + " cancels in the last "
                    + "second, limit " + l.maxCancelsPerSecond + " per second");
        }
        cancelWindow.add(now);
        return RiskDecision.ACCEPT;
    }

    RiskDecision order(RiskLimits l, Order o, StateView state, long now) {
        InstrumentId instrument = o.instrument();
        long quantity = o.quantity();
        long maxQuantity = l.maxOrderQuantity(instrument);
        if (quantity > maxQuantity) {
            return RiskDecision.reject(RejectReason.MAX_ORDER_QUANTITY, "quantity " + Fixed.format(quantity)
                    + " exceeds max order quantity " + Fixed.format(maxQuantity) + " for " + instrument);
        }
        long reference = Prices.referencePrice(state, o.venue(), instrument);
        long price;
        if (o.type() == OrderType.MARKET) {
            if (reference <= 0) {
                return RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "market order for " + instrument + " at "
                        + o.venue() + " has no reference price (no book, trade or mark)");
            }
            price = reference;
        } else {
            price = o.limitPrice();
            RiskDecision band = band(l, o, price, reference);
            if (band != null) {
                return band;
            }
        }
        RiskDecision notional = notional(l, instrument, price, quantity);
        if (notional != null) {
            return notional;
        }
        RiskDecision exposure = exposure(l, o, price, state);
        if (exposure != null) {
            return exposure;
        }
        orderWindow.advance(now, l.maxOrdersPerSecond);
        if (orderWindow.full()) {
            return RiskDecision.reject(RejectReason.ORDER_RATE, orderWindow.count() + " orders in the last second, "
                    + "limit " + l.maxOrdersPerSecond + " per second");
        }
        RiskDecision refused = custom.run(o.intent(), state, now);
        if (refused != null) {
            return refused;
        }
        orderWindow.add(now);
        return RiskDecision.ACCEPT;
    }

    private static RiskDecision band(RiskLimits l, Order o, long price, long reference) {
        if (reference <= 0) {
            return l.limitOrdersRequireReference ? RiskDecision.reject(RejectReason.NO_REFERENCE_PRICE, "limit order "
                    + "for " + o.instrument() + " at " + o.venue() + " has no reference price (no book, trade or mark)")
                    : null;
        }
        long band = l.priceBandBps(o.instrument());
        if (!Prices.outsideBand(price, reference, band)) {
            return null;
        }
        return RiskDecision.reject(RejectReason.PRICE_BAND, "limit price " + Fixed.format(price) + " deviates "
                + Prices.deviationBps(price, reference) + " bps from reference " + Fixed.format(reference) + ", band "
                + band + " bps for " + o.instrument());
    }

    private static RiskDecision notional(RiskLimits l, InstrumentId instrument, long price, long quantity) {
        long maxNotional = l.maxOrderNotional(instrument);
        long notional;
        try {
            notional = Fixed.multiply(price, quantity);
        } catch (ArithmeticException e) {
            notional = Long.MAX_VALUE;
        }
        if (notional <= maxNotional) {
            return null;
        }
        return RiskDecision.reject(RejectReason.MAX_ORDER_NOTIONAL, "notional " + Fixed.format(notional) + " ("
                + Fixed.format(quantity) + " x " + Fixed.format(price) + ") exceeds max order notional "
                + Fixed.format(maxNotional) + " for " + instrument);
    }

    /** Max position (worst case), max open orders, self-cross: one pass over our open orders in the instrument. */
    private RiskDecision exposure(RiskLimits l, Order o, long price, StateView state) {
        InstrumentId instrument = o.instrument();
        Side side = o.side();
        Collection<OrderView> open = state.openOrders(instrument);
        long sameSideLeaves = 0;
        OrderView crossed = null;
        for (OrderView resting : open) {
            if (o.existing() != null && resting.clientOrderId().equals(o.existing().clientOrderId())) {
                continue;
            }
            if (resting.side() == side) {
                sameSideLeaves += resting.leavesQuantity();
            } else if (crossed == null && resting.venue().equals(o.venue())
                    && Prices.crosses(side, o.type(), price, resting)) {
                crossed = resting;
            }
        }
        long net = state.position(instrument).netQuantity();
        long maxPosition = l.maxPosition(instrument);
        long leaves = o.existing() == null ? o.quantity() : Math.max(0, o.quantity() - o.existing().filledQuantity());
        long before = net + side.sign() * (l.countOpenOrdersInPosition ? sameSideLeaves : 0);
        long worstCase = before + side.sign() * leaves;
        positionUsage.put(instrument, new PositionUsage(net, worstCase));
        if (Math.abs(worstCase) > maxPosition && Math.abs(worstCase) > Math.abs(before)) {
            return RiskDecision.reject(RejectReason.MAX_POSITION, "projected position " + Fixed.format(worstCase)
                    + " (net " + Fixed.format(net) + (l.countOpenOrdersInPosition ? ", open same side "
                    + Fixed.format(sameSideLeaves) : "") + ", this order " + side + " " + Fixed.format(leaves)
                    + ") exceeds max position " + Fixed.format(maxPosition) + " for " + instrument);
        }
        if (o.existing() == null) {
            int openCount = state.openOrderCount();
            lastOpenOrderCount = openCount;
            if (openCount >= l.maxOpenOrders) {
                return RiskDecision.reject(RejectReason.MAX_OPEN_ORDERS, openCount + " open orders, limit "
                        + l.maxOpenOrders);
            }
        }
        if (l.selfCrossCheck && crossed != null) {
            return RiskDecision.reject(RejectReason.SELF_CROSS, side + " " + (o.type() == OrderType.MARKET ? "MKT"
                    : Fixed.format(price)) + " would cross our resting " + crossed.side() + " "
                    + (crossed.type() == OrderType.MARKET ? "MKT" : Fixed.format(crossed.price())) + " order "
                    + crossed.clientOrderId() + " on " + instrument + " at " + o.venue());
        }
        return null;
    }

    // ---------------------------------------------------------------- usage (any thread)

    int lastOpenOrderCount() {
        return lastOpenOrderCount;
    }

    int ordersInWindow() {
        return orderWindow.count();
    }

    int cancelsInWindow() {
        return cancelWindow.count();
    }

    Map<InstrumentId, PositionUsage> positionUsage() {
        return new TreeMap<>(positionUsage);
    }

    RiskSnapshot snapshot() {
        return new RiskSnapshot(orderWindow.times(), cancelWindow.times());
    }

    void restore(RiskSnapshot snapshot) {
        orderWindow.restore(snapshot.orderTimes());
        cancelWindow.restore(snapshot.cancelTimes());
    }
}
