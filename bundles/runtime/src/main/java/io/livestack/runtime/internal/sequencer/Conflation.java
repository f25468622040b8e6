package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a market data event that arrives while an earlier one for the same venue, instrument and channel (book or
 * trades) is still waiting in the queue is merged into it. Merging never loses information a consumer of the merged
 * event could observe on the book: applying the merged event gives the same book as applying both in turn.
 * <ul>
 * <li>book snapshot, then snapshot: the later one (it replaces whatever was known);</li>
 * <li>snapshot, then delta: the delta applied to the snapshot, a snapshot again;</li>
 * <li>delta, then snapshot: the snapshot;</li>
 * <li>delta, then delta: one delta with the changes of both; for the same side and price the later change wins
 * (a change sets the level's quantity, so only the last one matters);</li>
 * <li>trade, then trade: the last price and aggressor (null when the two differ), quantities summed (saturating).</li>
 * </ul>
 * The merged event carries the later source time. Pure functions, any thread.
 */
final class Conflation {

    private Conflation() {
    }

    /** True for book events (snapshots and deltas), which share a channel; trades have their own. */
    static boolean isBook(MarketDataEvent event) {
        return !(event instanceof TradeTick);
    }

    /** {@code pending} and {@code next} must be of the same venue, instrument and channel. */
    static MarketDataEvent merge(MarketDataEvent pending, MarketDataEvent next) {
        if (next instanceof BookSnapshot) {
            if (pending instanceof TradeTick) {
                throw new IllegalArgumentException("cannot merge a book snapshot into a trade");
            }
            return next;
        }
        if (next instanceof BookDelta delta) {
            if (pending instanceof BookSnapshot snapshot) {
                return apply(snapshot, delta);
            }
            if (pending instanceof BookDelta earlier) {
                return merge(earlier, delta);
            }
            throw new IllegalArgumentException("cannot merge a book delta into a trade");
        }
        TradeTick trade = (TradeTick) next;
        if (pending instanceof TradeTick earlier) {
            return merge(earlier, trade);
        }
        throw new IllegalArgumentException("cannot merge a trade into a book event");
    }

    static TradeTick merge(TradeTick earlier, TradeTick later) {
        long quantity = earlier.quantity() + later.quantity();
        if (((earlier.quantity() ^ quantity) & (later.quantity() ^ quantity)) < 0) {
            quantity = Long.MAX_VALUE;
        }
        Side aggressor = earlier.aggressor() == later.aggressor() ? later.aggressor() : null;
        return new TradeTick(later.venue(), later.instrument(), later.sourceTimeNanos(), later.price(), quantity,
                aggressor);
    }

    static BookDelta merge(BookDelta earlier, BookDelta later) {
        Map<LevelKey, LevelChange> changes = new LinkedHashMap<>();
        for (LevelChange c : earlier.changes()) {
            changes.put(new LevelKey(c.side(), c.price()), c);
        }
        for (LevelChange c : later.changes()) {
            LevelKey key = new LevelKey(c.side(), c.price());
            // remove first so that the merged delta lists the change where it last happened
            changes.remove(key);
            changes.put(key, c);
        }
        return new BookDelta(later.venue(), later.instrument(), later.sourceTimeNanos(),
                new ArrayList<>(changes.values()));
    }

    static BookSnapshot apply(BookSnapshot snapshot, BookDelta delta) {
        List<BookLevel> bids = new ArrayList<>(snapshot.bids());
        List<BookLevel> asks = new ArrayList<>(snapshot.asks());
        for (LevelChange c : delta.changes()) {
            if (c.side() == Side.BUY) {
                set(bids, c.price(), c.quantity(), true);
            } else {
                set(asks, c.price(), c.quantity(), false);
            }
        }
        return new BookSnapshot(delta.venue(), delta.instrument(), delta.sourceTimeNanos(), bids, asks);
    }

    /** Sets (quantity > 0) or removes (quantity 0) the level at {@code price}, keeping best-first order. */
    private static void set(List<BookLevel> levels, long price, long quantity, boolean descending) {
        int i = 0;
        int n = levels.size();
        while (i < n) {
            long p = levels.get(i).price();
            if (p == price) {
                if (quantity == 0) {
                    levels.remove(i);
                } else {
                    levels.set(i, new BookLevel(price, quantity));
                }
                return;
            }
            if (descending ? p < price : p > price) {
                break;
            }
            i++;
        }
        if (quantity != 0) {
            levels.add(i, new BookLevel(price, quantity));
        }
    }

    private record LevelKey(Side side, long price) {
    }
}
