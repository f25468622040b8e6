package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;

/**
 * The per-order limits (RTS 6 Art. 15 max order volume, max order value, price band), each the most restrictive of the
 * values at the order's scopes (desk, strategy, account, instrument, venue): MAX_ORDER_QUANTITY, PRICE_BAND (a limit
 * price too far from the reference) and MAX_ORDER_NOTIONAL (price × quantity; a market order at the reference).
 * Stateless.
 */
final class OrderValueChecks {

    private OrderValueChecks() {
    }

    static RiskDecision quantity(RiskLimits l, RiskOrder o, Breaches breaches, long now) {
        long max = l.orderQuantity.forOrder(o.scopes());
        if (o.quantity() <= max) {
            return null;
        }
        String scope = l.orderQuantity.scopeOf(max, o);
        String detail = "quantity " + Fixed.format(o.quantity()) + " exceeds max order quantity " + Fixed.format(max)
                + " for " + o.instrument() + " (" + scope + ")";
        breaches.record(RiskLimits.MAX_ORDER_QUANTITY, scope, now, detail);
        return RiskDecision.reject(RejectReason.MAX_ORDER_QUANTITY, detail);
    }

    /** The band around the reference (a limit order; {@code reference} > 0). */
    static RiskDecision band(RiskLimits l, RiskOrder o, long reference, Breaches breaches, long now) {
        long band = l.priceBand.forOrder(o.scopes());
        if (band == ScopedLimit.NONE || !Prices.outsideBand(o.limitPrice(), reference, band)) {
            return null;
        }
        String scope = l.priceBand.scopeOf(band, o);
        String detail = "limit price " + Fixed.format(o.limitPrice()) + " deviates "
                + Prices.deviationBps(o.limitPrice(), reference) + " bps from reference " + Fixed.format(reference)
                + ", band " + band + " bps for " + o.instrument() + " (" + scope + ")";
        breaches.record(RiskLimits.PRICE_BAND_BPS, scope, now, detail);
        return RiskDecision.reject(RejectReason.PRICE_BAND, detail);
    }

    static RiskDecision notional(RiskLimits l, RiskOrder o, long price, Breaches breaches, long now) {
        long max = l.orderNotional.forOrder(o.scopes());
        long notional = value(price, o.quantity());
        if (notional <= max) {
            return null;
        }
        String scope = l.orderNotional.scopeOf(max, o);
        String detail = "notional " + Fixed.format(notional) + " (" + Fixed.format(o.quantity()) + " x "
                + Fixed.format(price) + ") exceeds max order notional " + Fixed.format(max) + " for "
                + o.instrument() + " (" + scope + ")";
        breaches.record(RiskLimits.MAX_ORDER_NOTIONAL, scope, now, detail);
        return RiskDecision.reject(RejectReason.MAX_ORDER_NOTIONAL, detail);
    }

    /** price × quantity, saturating at Long.MAX_VALUE. */
    static long value(long price, long quantity) {
        try {
            return Fixed.multiply(price, quantity);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
