package io.livestack.state.internal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One venue's book for one instrument: two {@link BookSide}s, the last trade, and the position it marks. */
final class OrderBook implements BookView {

    private final VenueId venue;
    private final InstrumentId instrument;
    final BookSide bids = new BookSide(true);
    final BookSide asks = new BookSide(false);
    /** The instrument's positions (shared by every venue's book of that instrument), marked after each update. */
    final InstrumentPositions positions;
    long lastTradePrice;
    long lastUpdateSeq;

    OrderBook(VenueId venue, InstrumentId instrument, InstrumentPositions positions) {
        this.venue = venue;
        this.instrument = instrument;
        this.positions = positions;
    }

    @Override
    public VenueId venue() {
        return venue;
    }

    @Override
    public InstrumentId instrument() {
        return instrument;
    }

    @Override
    public boolean hasBid() {
        return bids.depth() > 0;
    }

    @Override
    public boolean hasAsk() {
        return asks.depth() > 0;
    }

    @Override
    public long bestBidPrice() {
        return bids.bestPrice();
    }

    @Override
    public long bestBidQuantity() {
        return bids.bestQuantity();
    }

    @Override
    public long bestAskPrice() {
        return asks.bestPrice();
    }

    @Override
    public long bestAskQuantity() {
        return asks.bestQuantity();
    }

    @Override
    public int bidDepth() {
        return bids.depth();
    }

    @Override
    public int askDepth() {
        return asks.depth();
    }

    @Override
    public BookLevel bid(int i) {
        return new BookLevel(bids.price(i), bids.quantity(i));
    }

    @Override
    public BookLevel ask(int i) {
        return new BookLevel(asks.price(i), asks.quantity(i));
    }

    @Override
    public long bidPrice(int i) {
        return bids.price(i);
    }

    @Override
    public long bidQuantity(int i) {
        return bids.quantity(i);
    }

    @Override
    public long askPrice(int i) {
        return asks.price(i);
    }

    @Override
    public long askQuantity(int i) {
        return asks.quantity(i);
    }

    @Override
    public List<BookLevel> bids(int n) {
        return levels(bids, n);
    }

    @Override
    public List<BookLevel> asks(int n) {
        return levels(asks, n);
    }

    private static List<BookLevel> levels(BookSide side, int n) {
        int count = Math.max(0, Math.min(n, side.depth()));
        List<BookLevel> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(new BookLevel(side.price(i), side.quantity(i)));
        }
        return Collections.unmodifiableList(levels);
    }

    @Override
    public long lastTradePrice() {
        return lastTradePrice;
    }

    @Override
    public long lastUpdateSeq() {
        return lastUpdateSeq;
    }

    /** The price to mark positions to after this book changed: mid of a two-sided book, else the last trade, else 0. */
    long markPrice() {
        if (hasBid() && hasAsk()) {
            return midPrice();
        }
        return lastTradePrice;
    }

    @Override
    public String toString() {
        return "Book[" + venue + " " + instrument + " bids=" + bids.depth() + " asks=" + asks.depth() + "]";
    }
}
