package io.livestack.fix.exchange.sim.internal;

import io.livestack.api.model.Side;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Market data subscriptions and what to send them: a snapshot when a subscription starts, then after every book
 * change the differences of the subscribed top levels (new / change / delete per price) plus the trades. Owned by the
 * engine thread.
 */
final class MarketDataFeed {

    /** One level change of an incremental refresh. */
    record Change(char action, Side side, long price, long quantity) {
        static final char NEW = '0';
        static final char CHANGE = '1';
        static final char DELETE = '2';
    }

    /** What one subscription receives after a change: its level changes and the trades, in that order. */
    record Update(String session, String reqId, String symbol, List<Change> changes, List<SimEvent.Print> trades) {
    }

    /** A subscription: its session, request id, symbol, depth (0 = all) and the levels it was last sent. */
    static final class Subscription {
        final String session;
        final String reqId;
        final String symbol;
        final int depth;
        List<Level> bids = List.of();
        List<Level> asks = List.of();

        Subscription(String session, String reqId, String symbol, int depth) {
            this.session = session;
            this.reqId = reqId;
            this.symbol = symbol;
            this.depth = depth;
        }
    }

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    /** Starts a subscription; returns it with the levels of its snapshot. */
    Subscription subscribe(String session, String reqId, String symbol, int depth, OrderBook book) {
        Subscription s = new Subscription(session, reqId, symbol, depth);
        s.bids = book.levels(Side.BUY, depth);
        s.asks = book.levels(Side.SELL, depth);
        subscriptions.put(session + '\u0001' + reqId + '\u0001' + symbol, s);
        return s;
    }

    /** Ends every subscription of this request id; false when there was none. */
    boolean unsubscribe(String session, String reqId) {
        return subscriptions.values().removeIf(s -> s.session.equals(session) && s.reqId.equals(reqId));
    }

    boolean hasSubscription(String session, String reqId) {
        return subscriptions.values().stream().anyMatch(s -> s.session.equals(session) && s.reqId.equals(reqId));
    }

    /** The session logged out: its subscriptions end. */
    void dropSession(String session) {
        subscriptions.values().removeIf(s -> s.session.equals(session));
    }

    Collection<Subscription> subscriptions() {
        return subscriptions.values();
    }

    /** The updates for every subscription of {@code symbol} after its book changed (empty ones are left out). */
    List<Update> onChange(String symbol, OrderBook book, List<SimEvent.Print> trades) {
        List<Update> updates = new ArrayList<>();
        for (Subscription s : subscriptions.values()) {
            if (!s.symbol.equals(symbol)) {
                continue;
            }
            List<Level> bids = book.levels(Side.BUY, s.depth);
            List<Level> asks = book.levels(Side.SELL, s.depth);
            List<Change> changes = new ArrayList<>();
            diff(Side.BUY, s.bids, bids, changes);
            diff(Side.SELL, s.asks, asks, changes);
            s.bids = bids;
            s.asks = asks;
            if (!changes.isEmpty() || !trades.isEmpty()) {
                updates.add(new Update(s.session, s.reqId, symbol, changes, trades));
            }
        }
        return updates;
    }

    /** Deletes of vanished prices first, then changed quantities, then new prices. */
    static void diff(Side side, List<Level> before, List<Level> after, List<Change> out) {
        Map<Long, Long> old = new LinkedHashMap<>();
        for (Level l : before) {
            old.put(l.price(), l.quantity());
        }
        Map<Long, Long> now = new LinkedHashMap<>();
        for (Level l : after) {
            now.put(l.price(), l.quantity());
        }
        for (Level l : before) {
            if (!now.containsKey(l.price())) {
                out.add(new Change(Change.DELETE, side, l.price(), 0));
            }
        }
        for (Level l : after) {
            Long was = old.get(l.price());
            if (was != null && was != l.quantity()) {
                out.add(new Change(Change.CHANGE, side, l.price(), l.quantity()));
            }
        }
        for (Level l : after) {
            if (!old.containsKey(l.price())) {
                out.add(new Change(Change.NEW, side, l.price(), l.quantity()));
            }
        }
    }
}
