package io.livestack.state.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The books per venue and instrument ({@link OrderBook}: sorted primitive arrays), each marking its instrument's
 * position. The hot path: no allocation for a known book. Processing thread only.
 */
final class Books {

    private final Map<VenueId, Map<InstrumentId, OrderBook>> byVenue = new HashMap<>();
    private final List<OrderBook> all = new ArrayList<>();
    private final Positions positions;

    Books(Positions positions) {
        this.positions = positions;
    }

    void apply(long seq, MarketDataEvent event) {
        OrderBook book = bookFor(event.venue(), event.instrument());
        if (event instanceof BookDelta delta) {
            List<LevelChange> changes = delta.changes();
            for (int i = 0, n = changes.size(); i < n; i++) {
                LevelChange change = changes.get(i);
                (change.side() == Side.BUY ? book.bids : book.asks).set(change.price(), change.quantity());
            }
        } else if (event instanceof BookSnapshot snapshot) {
            book.bids.load(snapshot.bids());
            book.asks.load(snapshot.asks());
        } else if (event instanceof TradeTick trade) {
            book.lastTradePrice = trade.price();
        }
        book.lastUpdateSeq = seq;
        long mark = book.markPrice();
        if (mark != 0) {
            book.position.markPrice = mark;
        }
    }

    private OrderBook bookFor(VenueId venue, InstrumentId instrument) {
        Map<InstrumentId, OrderBook> byInstrument = byVenue.get(venue);
        if (byInstrument == null) {
            byInstrument = new HashMap<>();
            byVenue.put(venue, byInstrument);
        }
        OrderBook book = byInstrument.get(instrument);
        if (book == null) {
            book = new OrderBook(venue, instrument, positions.of(instrument));
            byInstrument.put(instrument, book);
            all.add(book);
        }
        return book;
    }

    OrderBook get(VenueId venue, InstrumentId instrument) {
        Map<InstrumentId, OrderBook> byInstrument = byVenue.get(venue);
        return byInstrument == null ? null : byInstrument.get(instrument);
    }

    List<OrderBook> all() {
        return Collections.unmodifiableList(all);
    }

    /** Every book sorted by (venue, instrument) (for the state hash). */
    List<OrderBook> sorted() {
        List<OrderBook> sorted = new ArrayList<>(all);
        sorted.sort((a, b) -> {
            int byVenueId = a.venue().compareTo(b.venue());
            return byVenueId != 0 ? byVenueId : a.instrument().compareTo(b.instrument());
        });
        return sorted;
    }
}
