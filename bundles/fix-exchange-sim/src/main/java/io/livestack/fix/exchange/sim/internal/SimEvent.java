package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.internal.SimOrder.OrderState;

/**
 * What the matching engine did, in order. Order events name the session ({@link #owner()}) that gets the execution
 * report; the market maker's own orders ({@link SimOrder#MAKER}) get none. {@link Print} and {@link BookChanged} feed
 * market data (owner null).
 */
sealed interface SimEvent {

    /** The session of an order event, {@link SimOrder#MAKER}, or null for market data. */
    String owner();

    /** The order was accepted (NEW ack). */
    record Accepted(OrderState order) implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /** A fill of the order: {@code maker} says whether it was the resting side. */
    record Trade(OrderState order, String execId, long lastPrice, long lastQuantity, boolean maker)
            implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /**
     * The venue busted ({@code bust}) or corrected one of the order's fills, {@code refExecId}: {@code lastQuantity}
     * and {@code lastPrice} are the busted fill's, or the corrected values.
     */
    record TradeAdjusted(OrderState order, String execId, String refExecId, boolean bust, long lastQuantity,
            long lastPrice) implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /** The order (or its IOC / market remainder) was canceled; {@code order.clOrdId} is the cancel request's. */
    record Canceled(OrderState order, String text) implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /** The order was replaced: {@code order} carries the new ClOrdID, OrigClOrdID, price and quantity. */
    record Replaced(OrderState order) implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /** A DAY order expired. */
    record Expired(OrderState order) implements SimEvent {
        @Override
        public String owner() {
            return order.owner();
        }
    }

    /** A new order was refused. */
    record Rejected(String owner, String clOrdId, String symbol, Side side, OrderType type, TimeInForce timeInForce,
            long price, long quantity, int ordRejReason, String text) implements SimEvent {
    }

    /** A cancel or replace request was refused; {@code order} is null for an unknown order. */
    record CancelRejected(String owner, String clOrdId, String origClOrdId, OrderState order, boolean replace,
            int cxlRejReason, String text) implements SimEvent {
    }

    /**
     * The answer to a status request; {@code order} null = unknown order (the request's ClOrdID, symbol and side are
     * used). For a mass status request: its id, the number of reports and whether this is the last.
     */
    record Status(String owner, OrderState order, String requestClOrdId, String symbol, Side side,
            String massStatusReqId, int totalReports, boolean lastReport) implements SimEvent {
    }

    /** A trade printed (for market data). */
    record Print(String symbol, long price, long quantity, Side aggressor) implements SimEvent {
        @Override
        public String owner() {
            return null;
        }
    }

    /** The book of a symbol changed (for market data). */
    record BookChanged(String symbol) implements SimEvent {
        @Override
        public String owner() {
            return null;
        }
    }
}
