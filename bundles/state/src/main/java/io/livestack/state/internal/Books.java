package io.livestack.state.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookState;
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
        if (mark != 0 && mark != book.positions.markPrice) {
            book.positions.markPrice = mark;
            positions.totals.marked(book.positions);
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

    /** Every book as plain data, in the order they were first seen. */
    List<BookState> states() {
        List<BookState> out = new ArrayList<>(all.size());
        for (OrderBook book : all) {
            List<BookLevel> bids = new ArrayList<>(book.bidDepth());
            for (int i = 0; i < book.bidDepth(); i++) {
                bids.add(book.bid(i));
            }
            List<BookLevel> asks = new ArrayList<>(book.askDepth());
            for (int i = 0; i < book.askDepth(); i++) {
                asks.add(book.ask(i));
            }
            out.add(new BookState(book.venue(), book.instrument(), bids, asks, book.lastTradePrice,
                    book.lastUpdateSeq));
        }
        return out;
    }

    /** Puts back the books a snapshot holds, each marking its instrument's position (restore positions first). */
    void restore(List<BookState> states) {
        byVenue.clear();
        all.clear();
        for (BookState state : states) {
            OrderBook book = bookFor(state.venue(), state.instrument());
            book.bids.load(state.bids());
            book.asks.load(state.asks());
            book.lastTradePrice = state.lastTradePrice();
            book.lastUpdateSeq = state.lastUpdateSeq();
        }
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
