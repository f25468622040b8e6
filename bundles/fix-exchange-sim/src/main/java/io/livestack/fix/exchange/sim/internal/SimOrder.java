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
