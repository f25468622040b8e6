package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import io.livestack.fix.exchange.sim.internal.OrderBook.Match;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's exchange: one {@link OrderBook} per symbol, the client orders by ClOrdID chain and OrderID, and the
 * market maker's quotes. Every operation returns what happened as {@link SimEvent}s, in order (acknowledgement, fills,
 * remainder cancel, market data). Single-threaded: the simulator's engine thread owns it.
 */
final class MatchingEngine {

    // FIX OrdRejReason / CxlRejReason values used in refusals
    static final int REJ_UNKNOWN_SYMBOL = 1;
    static final int REJ_DUPLICATE_ORDER = 6;
    static final int REJ_UNSUPPORTED = 11;
    static final int REJ_INCORRECT_QUANTITY = 13;
    static final int REJ_INVALID_PRICE_INCREMENT = 18;
    static final int CXL_TOO_LATE = 0;
    static final int CXL_UNKNOWN_ORDER = 1;
    static final int CXL_BROKER_OPTION = 2;
    static final int CXL_DUPLICATE_CLORDID = 6;

    private final String idPrefix;
    private final Map<String, OrderBook> books = new LinkedHashMap<>();
    /** Insertion order = creation order. */
    private final Map<String, SimOrder> byOrderId = new LinkedHashMap<>();
    /** owner + SOH + any ClOrdID of the order's chain. */
    private final Map<String, SimOrder> byClOrdId = new HashMap<>();
    private final Map<String, List<SimOrder>> makerOrders = new HashMap<>();
    private long orderCounter;
    private long execCounter;
    private long makerCounter;

    /** {@code idPrefix} makes order and exec ids unique across simulator runs (e.g. the start time in base 36). */
    MatchingEngine(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    void addSymbol(String symbol, long tick) {
        books.put(symbol, new OrderBook(symbol, tick));
        makerOrders.put(symbol, new ArrayList<>());
    }

    Collection<String> symbols() {
        return books.keySet();
    }

    OrderBook book(String symbol) {
        return books.get(symbol);
    }

    /** A fresh execution id (for every execution report, not only fills). */
    String nextExecId() {
        return idPrefix + "-E" + (++execCounter);
    }

    /** A new order from a client session. */
    List<SimEvent> newOrder(String owner, String clOrdId, String symbol, Side side, OrderType type,
            TimeInForce tif, long price, long quantity) {
        List<SimEvent> events = new ArrayList<>();
        OrderBook book = books.get(symbol);
        String refusal = null;
        int reason = 0;
        if (book == null) {
            refusal = "unknown symbol " + symbol;
            reason = REJ_UNKNOWN_SYMBOL;
        } else if (quantity <= 0) {
            refusal = "quantity must be positive";
            reason = REJ_INCORRECT_QUANTITY;
        } else if (type == OrderType.LIMIT && (price <= 0 || price % book.tick != 0)) {
            refusal = "price " + Fixed.format(price) + " is not a positive multiple of the tick "
                    + Fixed.format(book.tick);
            reason = REJ_INVALID_PRICE_INCREMENT;
        } else if (byClOrdId.containsKey(key(owner, clOrdId))) {
            refusal = "duplicate ClOrdID " + clOrdId;
            reason = REJ_DUPLICATE_ORDER;
        }
        if (refusal != null) {
            events.add(new SimEvent.Rejected(owner, clOrdId, symbol, side, type, tif, price, quantity, reason,
                    refusal));
            return events;
        }
        SimOrder order = new SimOrder(idPrefix + "-O" + (++orderCounter), owner, clOrdId, symbol, side, type, tif,
                type == OrderType.MARKET ? 0 : price, quantity);
        byOrderId.put(order.orderId, order);
        byClOrdId.put(key(owner, clOrdId), order);
        events.add(new SimEvent.Accepted(order.state()));
        execute(book, order, events);
        return events;
    }

    /** A cancel request: {@code clOrdId} is the request's, {@code origClOrdId} the order's current one. */
    List<SimEvent> cancel(String owner, String clOrdId, String origClOrdId) {
        List<SimEvent> events = new ArrayList<>();
        SimOrder order = byClOrdId.get(key(owner, origClOrdId));
        SimEvent refusal = checkAmendable(owner, clOrdId, origClOrdId, order, false);
        if (refusal != null) {
            events.add(refusal);
            return events;
        }
        books.get(order.symbol).remove(order);
        order.status = OrderStatus.CANCELED;
        chain(order, clOrdId);
        events.add(new SimEvent.Canceled(order.state(), "canceled on request"));
        events.add(new SimEvent.BookChanged(order.symbol));
        return events;
    }

    /**
     * An OrderMassCancelRequest for every open order of the session: each canceled under its own current ClOrdID
     * (one Canceled event each, in order); returns the events and, in {@code canceled}, how many.
     */
    List<SimEvent> massCancel(String owner, int[] canceled) {
        List<SimEvent> events = new ArrayList<>();
        for (SimOrder order : openOrders(owner)) {
            books.get(order.symbol).remove(order);
            order.status = OrderStatus.CANCELED;
            events.add(new SimEvent.Canceled(order.state(), "canceled by mass cancel"));
            events.add(new SimEvent.BookChanged(order.symbol));
            canceled[0]++;
        }
        return events;
    }

    /**
     * A cancel/replace request: new price and total quantity under a new ClOrdID. The order keeps its time priority
     * when only its quantity goes down; a new price or a larger quantity puts it at the back (and it may trade).
     */
    List<SimEvent> replace(String owner, String clOrdId, String origClOrdId, OrderType type, long price,
            long quantity) {
        List<SimEvent> events = new ArrayList<>();
        SimOrder order = byClOrdId.get(key(owner, origClOrdId));
        SimEvent refusal = checkAmendable(owner, clOrdId, origClOrdId, order, true);
        if (refusal == null) {
            OrderBook book = books.get(order.symbol);
            String why = null;
            if (type != order.type) {
                why = "the order type cannot be changed";
            } else if (quantity <= order.cumQty) {
                why = "the new quantity " + Fixed.format(quantity) + " does not exceed the filled quantity "
                        + Fixed.format(order.cumQty);
            } else if (type == OrderType.LIMIT && (price <= 0 || price % book.tick != 0)) {
                why = "price " + Fixed.format(price) + " is not a positive multiple of the tick "
                        + Fixed.format(book.tick);
            }
            if (why != null) {
                refusal = new SimEvent.CancelRejected(owner, clOrdId, origClOrdId, order.state(), true,
                        CXL_BROKER_OPTION, why);
            }
        }
        if (refusal != null) {
            events.add(refusal);
            return events;
        }
        OrderBook book = books.get(order.symbol);
        boolean losesPriority = order.type == OrderType.LIMIT && (price != order.price || quantity > order.quantity);
        if (losesPriority) {
            book.remove(order);
        }
        chain(order, clOrdId);
        if (order.type == OrderType.LIMIT) {
            order.price = price;
        }
        order.quantity = quantity;
        order.status = order.cumQty > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        events.add(new SimEvent.Replaced(order.state()));
        if (losesPriority) {
            execute(book, order, events);
        } else {
            events.add(new SimEvent.BookChanged(order.symbol));
        }
        return events;
    }

    /** An order status request, by OrderID when given, else by ClOrdID. */
    List<SimEvent> status(String owner, String clOrdId, String orderId, String symbol, Side side) {
        SimOrder order = orderId == null ? null : byOrderId.get(orderId);
        if (order == null || !order.owner.equals(owner)) {
            order = clOrdId == null ? null : byClOrdId.get(key(owner, clOrdId));
        }
        return List.of(new SimEvent.Status(owner, order == null ? null : order.state(), clOrdId, symbol, side, null,
                0, false));
    }

    /**
     * Busts ({@code newQty} 0) or corrects a fill of the session's order {@code clOrdId} that was reported as
     * {@code refExecId} with {@code oldQty} at {@code oldPx}; null when the order is not known.
     */
    SimEvent.TradeAdjusted adjustFill(String owner, String clOrdId, String refExecId, long oldQty, long oldPx,
            long newQty, long newPx) {
        SimOrder order = byClOrdId.get(key(owner, clOrdId));
        if (order == null) {
            return null;
        }
        order.adjustFill(oldQty, oldPx, newQty, newPx);
        boolean bust = newQty == 0;
        return new SimEvent.TradeAdjusted(order.state(), nextExecId(), refExecId, bust, bust ? oldQty : newQty,
                bust ? oldPx : newPx);
    }

    /** A mass status request: one status per open order of the session (none when it has none). */
    List<SimEvent> massStatus(String owner, String massStatusReqId) {
        List<SimOrder> open = openOrders(owner);
        List<SimEvent> events = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            SimOrder o = open.get(i);
            events.add(new SimEvent.Status(owner, o.state(), o.clOrdId, o.symbol, o.side, massStatusReqId,
                    open.size(), i == open.size() - 1));
        }
        return events;
    }

    /** End of the trading day: every resting DAY order expires. */
    List<SimEvent> expireDayOrders() {
        List<SimEvent> events = new ArrayList<>();
        for (OrderBook book : books.values()) {
            boolean changed = false;
            for (Side side : Side.values()) {
                for (SimOrder o : book.orders(side)) {
                    if (!o.isMaker() && o.timeInForce == TimeInForce.DAY) {
                        book.remove(o);
                        o.status = OrderStatus.EXPIRED;
                        events.add(new SimEvent.Expired(o.state()));
                        changed = true;
                    }
                }
            }
            if (changed) {
                events.add(new SimEvent.BookChanged(book.symbol));
            }
        }
        return events;
    }

    /**
     * The market maker re-quotes a symbol: its old orders leave the book, the new levels enter it (best first) and
     * trade against any client order they cross (sweeping it at the client's price).
     */
    List<SimEvent> quote(String symbol, List<Level> bids, List<Level> asks) {
        List<SimEvent> events = new ArrayList<>();
        OrderBook book = books.get(symbol);
        List<SimOrder> mine = makerOrders.get(symbol);
        for (SimOrder o : mine) {
            book.remove(o);
        }
        mine.clear();
        int n = Math.max(bids.size(), asks.size());
        for (int i = 0; i < n; i++) {
            if (i < bids.size()) {
                placeMakerOrder(book, Side.BUY, bids.get(i), events);
            }
            if (i < asks.size()) {
                placeMakerOrder(book, Side.SELL, asks.get(i), events);
            }
        }
        events.add(new SimEvent.BookChanged(symbol));
        return events;
    }

    /** The session's open orders, oldest first. */
    List<SimOrder> openOrders(String owner) {
        List<SimOrder> open = new ArrayList<>();
        for (SimOrder o : byOrderId.values()) {
            if (o.owner.equals(owner) && o.isOpen()) {
                open.add(o);
            }
        }
        return open;
    }

    private void placeMakerOrder(OrderBook book, Side side, Level level, List<SimEvent> events) {
        if (level.quantity() <= 0 || level.price() <= 0) {
            return;
        }
        SimOrder o = new SimOrder(idPrefix + "-M" + (++makerCounter), SimOrder.MAKER, "MM" + makerCounter,
                book.symbol, side, OrderType.LIMIT, TimeInForce.GTC, level.price(), level.quantity());
        execute(book, o, events);
        if (o.isOpen()) {
            makerOrders.get(book.symbol).add(o);
        }
    }

    /** Matches an accepted order, reports fills for both sides, then rests or cancels the remainder. */
    private void execute(OrderBook book, SimOrder order, List<SimEvent> events) {
        List<Match> matches = book.match(order);
        for (Match m : matches) {
            if (!m.resting().isMaker()) {
                events.add(new SimEvent.Trade(m.resting().state(), nextExecId(), m.price(), m.quantity(), true));
            } else if (!m.resting().isOpen()) {
                makerOrders.get(book.symbol).remove(m.resting());
            }
            if (!order.isMaker()) {
                events.add(new SimEvent.Trade(snapshotAfter(m, matches, order), nextExecId(), m.price(),
                        m.quantity(), false));
            }
            events.add(new SimEvent.Print(book.symbol, m.price(), m.quantity(), order.side));
        }
        if (order.leaves() > 0) {
            if (order.type == OrderType.MARKET || order.timeInForce == TimeInForce.IOC) {
                order.status = OrderStatus.CANCELED;
                if (!order.isMaker()) {
                    events.add(new SimEvent.Canceled(order.state(), order.type == OrderType.MARKET
                            ? "market order: no more liquidity, remainder canceled"
                            : "immediate-or-cancel: remainder canceled"));
                }
            } else {
                book.rest(order);
            }
        }
        events.add(new SimEvent.BookChanged(book.symbol));
    }

    /**
     * The incoming order's state right after match {@code m} (the book applied all matches at once): cumulative
     * quantity and notional up to and including {@code m}.
     */
    private static SimOrder.OrderState snapshotAfter(Match m, List<Match> matches, SimOrder order) {
        long cum = 0;
        long notional = 0;
        for (Match x : matches) {
            cum += x.quantity();
            notional += Fixed.multiply(x.price(), x.quantity());
            if (x == m) {
                break;
            }
        }
        long alreadyBefore = order.cumQty - matches.stream().mapToLong(Match::quantity).sum();
        long notionalBefore = order.cumNotional - matches.stream()
                .mapToLong(x -> Fixed.multiply(x.price(), x.quantity())).sum();
        long totalCum = alreadyBefore + cum;
        long totalNotional = notionalBefore + notional;
        OrderStatus status = totalCum >= order.quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new SimOrder.OrderState(order.orderId, order.owner, order.clOrdId, order.origClOrdId, order.symbol,
                order.side, order.type, order.timeInForce, order.price, order.quantity, totalCum,
                order.quantity - totalCum, Fixed.divide(totalNotional, totalCum), status);
    }

    private SimEvent checkAmendable(String owner, String clOrdId, String origClOrdId, SimOrder order,
            boolean replace) {
        if (order == null) {
            return new SimEvent.CancelRejected(owner, clOrdId, origClOrdId, null, replace, CXL_UNKNOWN_ORDER,
                    "unknown order " + origClOrdId);
        }
        if (!order.isOpen()) {
            return new SimEvent.CancelRejected(owner, clOrdId, origClOrdId, order.state(), replace, CXL_TOO_LATE,
                    "too late: the order is " + order.status);
        }
        if (byClOrdId.containsKey(key(owner, clOrdId))) {
            return new SimEvent.CancelRejected(owner, clOrdId, origClOrdId, order.state(), replace,
                    CXL_DUPLICATE_CLORDID, "duplicate ClOrdID " + clOrdId);
        }
        return null;
    }

    private void chain(SimOrder order, String newClOrdId) {
        order.origClOrdId = order.clOrdId;
        order.clOrdId = newClOrdId;
        byClOrdId.put(key(order.owner, newClOrdId), order);
    }

    private static String key(String owner, String clOrdId) {
        return owner + '\u0001' + clOrdId;
    }
}
