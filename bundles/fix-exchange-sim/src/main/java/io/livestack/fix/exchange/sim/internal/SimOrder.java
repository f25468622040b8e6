package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;

/**
 * An order in the simulator's book. Mutable, owned by the matching engine (one thread). {@code owner} is the FIX
 * session that sent it, or {@link #MAKER} for the synthetic market maker. Prices and quantities are fixed-point.
 */
final class SimOrder {

    static final String MAKER = "MAKER";

    final String orderId;
    final String owner;
    final String symbol;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    String clOrdId;
    String origClOrdId;
    long price;
    long quantity;
    long cumQty;
    /** Sum of price x quantity of the fills, fixed-point, for the average price. */
    long cumNotional;
    OrderStatus status = OrderStatus.NEW;

    SimOrder(String orderId, String owner, String clOrdId, String symbol, Side side, OrderType type,
            TimeInForce timeInForce, long price, long quantity) {
        this.orderId = orderId;
        this.owner = owner;
        this.clOrdId = clOrdId;
        this.symbol = symbol;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.price = price;
        this.quantity = quantity;
    }

    boolean isMaker() {
        return MAKER.equals(owner);
    }

    boolean isOpen() {
        return !status.isTerminal();
    }

    long leaves() {
        return isOpen() ? quantity - cumQty : 0;
    }

    long averagePrice() {
        return cumQty == 0 ? 0 : Fixed.divide(cumNotional, cumQty);
    }

    void fill(long px, long qty) {
        cumQty += qty;
        cumNotional += Fixed.multiply(px, qty);
        status = cumQty >= quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }

    /**
     * Takes a fill of {@code oldQty} at {@code oldPx} away and, for a correction ({@code newQty} &gt; 0), books
     * {@code newQty} at {@code newPx} instead. A filled order a bust leaves short stays done: CANCELED.
     */
    void adjustFill(long oldQty, long oldPx, long newQty, long newPx) {
        boolean wasFilled = status == OrderStatus.FILLED;
        cumQty -= oldQty;
        cumNotional -= Fixed.multiply(oldPx, oldQty);
        if (newQty > 0) {
            cumQty += newQty;
            cumNotional += Fixed.multiply(newPx, newQty);
        }
        if (cumQty >= quantity) {
            status = OrderStatus.FILLED;
        } else if (wasFilled) {
            status = OrderStatus.CANCELED;
        } else if (!status.isTerminal()) {
            status = cumQty > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        }
    }

    /** An immutable copy for an execution report. */
    OrderState state() {
        return new OrderState(orderId, owner, clOrdId, origClOrdId, symbol, side, type, timeInForce, price, quantity,
                cumQty, leaves(), averagePrice(), status);
    }

    @Override
    public String toString() {
        return orderId + "/" + clOrdId + " " + owner + " " + side + " " + Fixed.format(quantity) + " " + symbol + " @ "
                + (type == OrderType.MARKET ? "MKT" : Fixed.format(price)) + " " + status + " cum "
                + Fixed.format(cumQty);
    }

    /** An order as an execution report describes it at one moment. */
    record OrderState(String orderId, String owner, String clOrdId, String origClOrdId, String symbol, Side side,
            OrderType type, TimeInForce timeInForce, long price, long quantity, long cumQty, long leavesQty,
            long averagePrice, OrderStatus status) {
    }
}
