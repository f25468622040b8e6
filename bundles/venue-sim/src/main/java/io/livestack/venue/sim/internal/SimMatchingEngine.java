package io.livestack.venue.sim.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The simulated venue's market and matching, without threads: the adapter calls it on the venue's own thread only.
 * Everything it has to say goes to {@code out} as events, in the order a venue would send them. For a given seed and
 * sequence of calls the output is the same (ids aside, which carry the {@code idPrefix}).
 * <p>
 * Matching: an incoming order takes the synthetic liquidity level by level at the book's prices (TAKER, one TRADE
 * report per level), up to its limit; the remainder of an IOC or market order is canceled, the remainder of a DAY or
 * GTC limit order rests. After every random-walk step each resting order that the new book crosses fills at its own
 * limit price (MAKER) against the crossing liquidity. Our orders never trade with each other, and resting orders are
 * not shown in the published book.
 */
final class SimMatchingEngine {

    private final SimVenueSettings settings;
    private final VenueId venue;
    private final String idPrefix;
    private final Consumer<Event> out;
    private final LongSupplier clock;
    private final SplittableRandom random;
    private final Map<InstrumentId, SimBook> books = new TreeMap<>();
    /** Every ClOrdID the venue has seen in an order's chain (new, replace, cancel) to its order. */
    private final Map<ClientOrderId, SimOrder> byClientOrderId = new HashMap<>();
    private final Map<VenueOrderId, SimOrder> byVenueOrderId = new HashMap<>();
    private long orderSeq;
    private long execSeq;
    private long arrivalSeq;
    private long steps;

    SimMatchingEngine(SimVenueSettings settings, String idPrefix, Consumer<Event> out, LongSupplier clock) {
        this.settings = settings;
        this.venue = settings.venue();
        this.idPrefix = idPrefix;
        this.out = out;
        this.clock = clock;
        this.random = new SplittableRandom(settings.seed());
        settings.instruments().forEach((instrument, price) -> books.put(instrument,
                new SimBook(instrument, price, settings)));
    }

    SimBook book(InstrumentId instrument) {
        return books.get(instrument);
    }

    // ------------------------------------------------------------------ orders

    /** A new order from the runtime. */
    void submit(OrderView order) {
        String problem = checkNew(order);
        if (problem != null) {
            reject(order, problem);
            return;
        }
        SimBook book = books.get(order.instrument());
        SimOrder o = new SimOrder(VenueOrderId.of(idPrefix + "-O" + ++orderSeq), order.currentClientOrderId(),
                order.instrument(), order.side(), order.type(), order.timeInForce(),
                order.type() == OrderType.MARKET ? 0 : order.price(), order.quantity(), ++arrivalSeq);
        byClientOrderId.put(o.current, o);
        byClientOrderId.putIfAbsent(order.clientOrderId(), o);
        byVenueOrderId.put(o.venueOrderId, o);
        emit(report(o, o.current, null, ExecType.NEW, 0, 0, LiquidityFlag.UNKNOWN, "accepted"));
        boolean touched = take(o, book);
        if (o.leaves() > 0) {
            if (o.type == OrderType.MARKET || o.timeInForce == TimeInForce.IOC) {
                o.status = OrderStatus.CANCELED;
                emit(report(o, o.current, null, ExecType.CANCELED, 0, 0, LiquidityFlag.UNKNOWN,
                        (o.type == OrderType.MARKET ? "market order" : "IOC") + " remainder canceled"));
            } else {
                book.resting.add(o);
            }
        }
        if (touched) {
            publishDelta(book);
        }
    }

    /** Refuse a new order without looking at it further (e.g. the venue is not logged on). */
    void reject(OrderView order, String reason) {
        emit(new ExecutionReport(venue, clock.getAsLong(), order.currentClientOrderId(), null, null, nextExecId(),
                ExecType.REJECTED, OrderStatus.REJECTED, order.instrument(), order.side(), order.quantity(),
                order.price(), 0, 0, 0, 0, 0, LiquidityFlag.UNKNOWN, 0, null, reason, false));
    }

    private String checkNew(OrderView order) {
        if (byClientOrderId.containsKey(order.currentClientOrderId())) {
            return "duplicate ClOrdID " + order.currentClientOrderId();
        }
        SimBook book = books.get(order.instrument());
        if (book == null) {
            return "unknown instrument " + order.instrument() + " at venue " + venue;
        }
        if (order.quantity() <= 0) {
            return "quantity must be positive, got " + Fixed.format(order.quantity());
        }
        if (order.type() == OrderType.LIMIT) {
            return checkPrice(book, order.price());
        }
        return null;
    }

    private String checkPrice(SimBook book, long price) {
        if (price <= 0) {
            return "limit price must be positive, got " + Fixed.format(price);
        }
        if (!book.isTick(price)) {
            return "price " + Fixed.format(price) + " is not a multiple of the tick size "
                    + Fixed.format(settings.tickSize());
        }
        return null;
    }

    /** Cancel on request; {@code cancelId} is the request's ClOrdID. */
    void cancel(OrderView order, ClientOrderId cancelId) {
        SimOrder o = find(order);
        if (o == null) {
            cancelReject(order, cancelId, false, null, "unknown order");
            return;
        }
        if (o.status.isTerminal()) {
            cancelReject(order, cancelId, false, o.venueOrderId, "too late to cancel: the order is " + o.status);
            return;
        }
        ClientOrderId orig = o.current;
        o.status = OrderStatus.CANCELED;
        books.get(o.instrument).resting.remove(o);
        byClientOrderId.putIfAbsent(cancelId, o);
        emit(report(o, cancelId, orig, ExecType.CANCELED, 0, 0, LiquidityFlag.UNKNOWN, "canceled on request"));
    }

    /** Change price and quantity under {@code newId}; the new quantity counts what is already filled. */
    void replace(OrderView order, ClientOrderId newId, long newPrice, long newQuantity) {
        SimOrder o = find(order);
        String problem;
        if (o == null) {
            problem = "unknown order";
        } else if (o.status.isTerminal()) {
            problem = "too late to replace: the order is " + o.status;
        } else if (o.type == OrderType.MARKET) {
            problem = "a market order cannot be replaced";
        } else if (byClientOrderId.containsKey(newId)) {
            problem = "duplicate ClOrdID " + newId;
        } else if (newQuantity <= o.filled) {
            problem = "new quantity " + Fixed.format(newQuantity) + " must exceed the filled quantity "
                    + Fixed.format(o.filled);
        } else {
            problem = checkPrice(books.get(o.instrument), newPrice);
        }
        if (problem != null) {
            cancelReject(order, newId, true, o == null ? null : o.venueOrderId, problem);
            return;
        }
        SimBook book = books.get(o.instrument);
        ClientOrderId orig = o.current;
        o.current = newId;
        byClientOrderId.put(newId, o);
        o.price = newPrice;
        o.quantity = newQuantity;
        o.arrival = ++arrivalSeq;
        emit(report(o, newId, orig, ExecType.REPLACED, 0, 0, LiquidityFlag.UNKNOWN, "replaced"));
        book.resting.remove(o);
        boolean touched = take(o, book);
        if (o.leaves() > 0) {
            book.resting.add(o);
        }
        if (touched) {
            publishDelta(book);
        }
    }

    private void cancelReject(OrderView order, ClientOrderId requestId, boolean replace, VenueOrderId venueOrderId,
            String reason) {
        emit(new OrderCancelRejected(venue, clock.getAsLong(), requestId, order.currentClientOrderId(),
                venueOrderId != null ? venueOrderId : order.venueOrderId(), replace, reason));
    }

    /**
     * After a logon: for each open order the runtime knows, the fills it may have missed (resent as possible
     * duplicates: the exec id decides) and an ORDER_STATUS report; an order the venue does not know gets a REJECTED
     * status if it never got past PENDING_NEW, else CANCELED (the simulated venue lost it, e.g. it restarted).
     */
    void reconcile(Collection<OrderView> openOrders) {
        for (OrderView view : openOrders) {
            if (!view.venue().equals(venue)) {
                continue;
            }
            SimOrder o = find(view);
            if (o != null) {
                if (o.filled > view.filledQuantity()) {
                    for (ExecutionReport fill : o.fills) {
                        emit(possibleDuplicate(fill));
                    }
                }
                emit(report(o, o.current, null, ExecType.ORDER_STATUS, 0, 0, LiquidityFlag.UNKNOWN,
                        "status on reconciliation"));
            } else {
                boolean neverReceived = view.status() == OrderStatus.PENDING_NEW;
                emit(new ExecutionReport(venue, clock.getAsLong(), view.currentClientOrderId(), null,
                        view.venueOrderId(), nextExecId(), ExecType.ORDER_STATUS,
                        neverReceived ? OrderStatus.REJECTED : OrderStatus.CANCELED, view.instrument(), view.side(),
                        view.quantity(), view.price(), 0, 0, view.filledQuantity(), 0, view.averageFillPrice(),
                        LiquidityFlag.UNKNOWN, 0, null, "unknown to venue " + venue + (neverReceived
                                ? ": never received" : ": no longer known (the simulated venue restarted)"),
                        false));
            }
        }
    }

    private SimOrder find(OrderView view) {
        SimOrder o = view.venueOrderId() == null ? null : byVenueOrderId.get(view.venueOrderId());
        if (o == null) {
            o = byClientOrderId.get(view.currentClientOrderId());
        }
        if (o == null) {
            o = byClientOrderId.get(view.clientOrderId());
        }
        return o;
    }

    // ------------------------------------------------------------------ matching

    /** Takes liquidity for an incoming (or just replaced) order at the book's prices; true if it traded. */
    private boolean take(SimOrder o, SimBook book) {
        Side bookSide = o.side.opposite();
        boolean touched = false;
        for (int level = 0; level < book.depth() && o.leaves() > 0; level++) {
            long available = book.quantity(bookSide, level);
            if (available == 0) {
                continue;
            }
            long price = book.price(bookSide, level);
            if (!o.accepts(price)) {
                break;
            }
            long quantity = Math.min(o.leaves(), available);
            book.take(bookSide, level, quantity);
            touched = true;
            fill(o, book, quantity, price, LiquidityFlag.TAKER, o.side);
        }
        return touched;
    }

    /**
     * After a step: resting orders the new book crosses fill at their own price against the crossing liquidity;
     * true if any did.
     */
    private boolean matchResting(SimBook book) {
        boolean touched = false;
        for (Side side : Side.values()) {
            Side bookSide = side.opposite();
            for (SimOrder o : book.restingByPriority(side)) {
                for (int level = 0; level < book.depth() && o.leaves() > 0; level++) {
                    long available = book.quantity(bookSide, level);
                    if (available == 0) {
                        continue;
                    }
                    if (!o.accepts(book.price(bookSide, level))) {
                        break;
                    }
                    long quantity = Math.min(o.leaves(), available);
                    book.take(bookSide, level, quantity);
                    touched = true;
                    fill(o, book, quantity, o.price, LiquidityFlag.MAKER, bookSide);
                }
            }
        }
        return touched;
    }

    private void fill(SimOrder o, SimBook book, long quantity, long price, LiquidityFlag liquidity, Side aggressor) {
        o.filled += quantity;
        o.notional += Fixed.multiply(price, quantity);
        o.status = o.filled >= o.quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        ExecutionReport report = report(o, o.current, null, ExecType.TRADE, quantity, price, liquidity, "");
        o.fills.add(report);
        emit(report);
        emit(new TradeTick(venue, o.instrument, clock.getAsLong(), price, quantity, aggressor));
        if (o.status == OrderStatus.FILLED) {
            book.resting.remove(o);
        }
    }

    // ------------------------------------------------------------------ market data

    /**
     * One market data interval, per instrument: the price walks and the new book goes out (a delta, or a snapshot
     * every {@code snapshotEverySteps}); then our resting orders it crosses fill (reports, trade prints, a delta for
     * the liquidity they took); then a synthetic trade prints. The book always goes out before anything that
     * happened on it, so a consumer reacting to a report or a trade already sees the book it happened on.
     */
    void step() {
        steps++;
        boolean snapshot = steps % settings.snapshotEverySteps() == 0;
        for (SimBook book : books.values()) {
            book.walk(random);
            if (snapshot) {
                publishSnapshot(book);
            } else {
                publishDelta(book);
            }
            if (matchResting(book)) {
                publishDelta(book);
            }
            syntheticTrade(book);
        }
    }

    /** Full books of every instrument (after a logon). */
    void publishSnapshots() {
        for (SimBook book : books.values()) {
            publishSnapshot(book);
        }
    }

    private void syntheticTrade(SimBook book) {
        Side aggressor = random.nextBoolean() ? Side.BUY : Side.SELL;
        long price = book.best(aggressor.opposite());
        long quantity = Math.max(1, settings.liquidityPerLevel() * (1 + random.nextInt(10)) / 100);
        if (price > 0) {
            emit(new TradeTick(venue, book.instrument, clock.getAsLong(), price, quantity, aggressor));
        }
    }

    private void publishSnapshot(SimBook book) {
        book.publishedBids = book.levels(Side.BUY);
        book.publishedAsks = book.levels(Side.SELL);
        emit(new BookSnapshot(venue, book.instrument, clock.getAsLong(), book.publishedBids, book.publishedAsks));
    }

    private void publishDelta(SimBook book) {
        List<BookLevel> bids = book.levels(Side.BUY);
        List<BookLevel> asks = book.levels(Side.SELL);
        List<LevelChange> changes = new ArrayList<>();
        diff(Side.BUY, book.publishedBids, bids, changes);
        diff(Side.SELL, book.publishedAsks, asks, changes);
        book.publishedBids = bids;
        book.publishedAsks = asks;
        if (!changes.isEmpty()) {
            emit(new BookDelta(venue, book.instrument, clock.getAsLong(), changes));
        }
    }

    private static void diff(Side side, List<BookLevel> before, List<BookLevel> after, List<LevelChange> changes) {
        Map<Long, Long> now = new HashMap<>();
        for (BookLevel level : after) {
            now.put(level.price(), level.quantity());
        }
        Map<Long, Long> was = new HashMap<>();
        for (BookLevel level : before) {
            was.put(level.price(), level.quantity());
            if (!now.containsKey(level.price())) {
                changes.add(new LevelChange(side, level.price(), 0));
            }
        }
        for (BookLevel level : after) {
            Long previous = was.get(level.price());
            if (previous == null || previous != level.quantity()) {
                changes.add(new LevelChange(side, level.price(), level.quantity()));
            }
        }
    }

    // ------------------------------------------------------------------ reports

    private ExecutionReport report(SimOrder o, ClientOrderId clientOrderId, ClientOrderId orig, ExecType type,
            long lastQuantity, long lastPrice, LiquidityFlag liquidity, String text) {
        return new ExecutionReport(venue, clock.getAsLong(), clientOrderId, orig, o.venueOrderId, nextExecId(), type,
                o.status, o.instrument, o.side, o.quantity, o.price, lastQuantity, lastPrice, o.filled, o.leaves(),
                o.averagePrice(), liquidity, 0, null, text, false);
    }

    private static ExecutionReport possibleDuplicate(ExecutionReport r) {
        return new ExecutionReport(r.venue(), r.sourceTimeNanos(), r.clientOrderId(), r.origClientOrderId(),
                r.venueOrderId(), r.execId(), r.execType(), r.orderStatus(), r.instrument(), r.side(),
                r.orderQuantity(), r.price(), r.lastQuantity(), r.lastPrice(), r.cumulativeQuantity(),
                r.leavesQuantity(), r.averagePrice(), r.liquidity(), r.fee(), r.feeCurrency(), r.text(), true);
    }

    private ExecId nextExecId() {
        return ExecId.of(idPrefix + "-E" + ++execSeq);
    }

    private void emit(Event event) {
        out.accept(event);
    }
}
