package io.livestack.strategies.examples.internal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookView;
import java.util.List;

/** A hand-built book: bids best first, asks best first; {@code lastUpdateSeq} as the state would stamp it. */
record FakeBook(VenueId venue, InstrumentId instrument, List<BookLevel> bidLevels, List<BookLevel> askLevels,
        long lastUpdateSeq) implements BookView {

    @Override
    public boolean hasBid() {
        return !bidLevels.isEmpty();
    }

    @Override
    public boolean hasAsk() {
        return !askLevels.isEmpty();
    }

    @Override
    public long bestBidPrice() {
        return hasBid() ? bidLevels.get(0).price() : 0;
    }

    @Override
    public long bestBidQuantity() {
        return hasBid() ? bidLevels.get(0).quantity() : 0;
    }

    @Override
    public long bestAskPrice() {
        return hasAsk() ? askLevels.get(0).price() : 0;
    }

    @Override
    public long bestAskQuantity() {
        return hasAsk() ? askLevels.get(0).quantity() : 0;
    }

    @Override
    public int bidDepth() {
        return bidLevels.size();
    }

    @Override
    public int askDepth() {
        return askLevels.size();
    }

    @Override
    public BookLevel bid(int i) {
        return bidLevels.get(i);
    }

    @Override
    public BookLevel ask(int i) {
        return askLevels.get(i);
    }

    @Override
    public List<BookLevel> bids(int n) {
        return List.copyOf(bidLevels.subList(0, Math.min(n, bidLevels.size())));
    }

    @Override
    public List<BookLevel> asks(int n) {
        return List.copyOf(askLevels.subList(0, Math.min(n, askLevels.size())));
    }

    @Override
    public long lastTradePrice() {
        return 0;
    }

}
