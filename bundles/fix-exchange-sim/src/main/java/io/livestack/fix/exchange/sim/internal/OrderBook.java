package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A price-time priority limit order book for one symbol. Incoming orders match against the best opposite prices first
 * and, at one price, against the oldest resting order first; a fill happens at the resting order's price. Not
 * thread-safe: the matching engine's thread owns it.
 */
final class OrderBook {

    /** One execution between a resting order and an incoming one. */
    record Match(SimOrder resting, SimOrder incoming, long price, long quantity) {
    }

    /** One aggregated price level. */
    record Level(long price, long quantity) {
    }

    final String symbol;
    final long tick;
    private final NavigableMap<Long, ArrayDeque<SimOrder>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, ArrayDeque<SimOrder>> asks = new TreeMap<>();

    OrderBook(String symbol, long tick) {
        this.symbol = symbol;
        this.tick = tick;
    }

    /**
     * Matches {@code incoming} against the opposite side as far as its price (any price for a market order) and its
     * quantity allow. Both orders' fills are applied; the matches are returned in execution order. The remainder is
     * not rested: call {@link #rest} for that.
     */
    List<Match> match(SimOrder incoming) {
        List<Match> matches = new ArrayList<>();
        NavigableMap<Long, ArrayDeque<SimOrder>> opposite = incoming.side == Side.BUY ? asks : bids;
        while (incoming.leaves() > 0 && !opposite.isEmpty()) {
            Map.Entry<Long, ArrayDeque<SimOrder>> best = opposite.firstEntry();
            long px = best.getKey();
            if (incoming.type == OrderType.LIMIT
                    && (incoming.side == Side.BUY ? px > incoming.price : px < incoming.price)) {
                break;
            }
            ArrayDeque<SimOrder> queue = best.getValue();
            Iterator<SimOrder> it = queue.iterator();
            while (it.hasNext() && incoming.leaves() > 0) {
                SimOrder resting = it.next();
                long qty = Math.min(resting.leaves(), incoming.leaves());
                resting.fill(px, qty);
                incoming.fill(px, qty);
                matches.add(new Match(resting, incoming, px, qty));
                if (resting.leaves() == 0) {
                    it.remove();
                }
            }
            if (queue.isEmpty()) {
                opposite.remove(px);
            }
        }
        return matches;
    }

    /** Puts an open limit order at the back of its price level's queue. */
    void rest(SimOrder order) {
        if (order.type != OrderType.LIMIT || order.leaves() <= 0) {
            throw new IllegalArgumentException("only an open limit order can rest: " + order);
        }
        (order.side == Side.BUY ? bids : asks).computeIfAbsent(order.price, p -> new ArrayDeque<>()).addLast(order);
    }

    /** Takes a resting order out of the book; false when it was not resting. */
    boolean remove(SimOrder order) {
        NavigableMap<Long, ArrayDeque<SimOrder>> side = order.side == Side.BUY ? bids : asks;
        ArrayDeque<SimOrder> queue = side.get(order.price);
        if (queue == null || !queue.remove(order)) {
            return false;
        }
        if (queue.isEmpty()) {
            side.remove(order.price);
        }
        return true;
    }

    /** Aggregated levels from the best, at most {@code depth} (0 = all). */
    List<Level> levels(Side side, int depth) {
        List<Level> levels = new ArrayList<>();
        for (Map.Entry<Long, ArrayDeque<SimOrder>> e : (side == Side.BUY ? bids : asks).entrySet()) {
            if (depth > 0 && levels.size() >= depth) {
                break;
            }
            long qty = 0;
            for (SimOrder o : e.getValue()) {
                qty += o.leaves();
            }
            levels.add(new Level(e.getKey(), qty));
        }
        return levels;
    }

    /** Resting orders in priority order (best price first, then time). */
    List<SimOrder> orders(Side side) {
        List<SimOrder> orders = new ArrayList<>();
        for (ArrayDeque<SimOrder> queue : (side == Side.BUY ? bids : asks).values()) {
            orders.addAll(queue);
        }
        return orders;
    }

    /** Best bid (BUY) or ask (SELL) price, or 0 when that side is empty. */
    long best(Side side) {
        NavigableMap<Long, ArrayDeque<SimOrder>> book = side == Side.BUY ? bids : asks;
        return book.isEmpty() ? 0 : book.firstKey();
    }
}
