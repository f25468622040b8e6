package io.livestack.api.state;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.List;

/**
 * Read access to one venue's book for one instrument. Valid on the processing thread only; copy what you need to
 * keep. Prices and quantities are fixed-point.
 */
public interface BookView {

    VenueId venue();

    InstrumentId instrument();

    /** True once a snapshot (or enough updates to have both sides) has been seen. */
    boolean hasBid();

    boolean hasAsk();

    long bestBidPrice();

    long bestBidQuantity();

    long bestAskPrice();

    long bestAskQuantity();

    /** (best bid + best ask) / 2, or 0 without a two-sided market. */
    default long midPrice() {
        return hasBid() && hasAsk() ? (bestBidPrice() + bestAskPrice()) / 2 : 0;
    }

    /** Number of bid (ask) levels. */
    int bidDepth();

    int askDepth();

    /** Level {@code i} from the top (0 = best). */
    BookLevel bid(int i);

    BookLevel ask(int i);

    /** Price of bid level {@code i} from the top, without allocating (0 = best). */
    default long bidPrice(int i) {
        return bid(i).price();
    }

    default long bidQuantity(int i) {
        return bid(i).quantity();
    }

    default long askPrice(int i) {
        return ask(i).price();
    }

    default long askQuantity(int i) {
        return ask(i).quantity();
    }

    /** Up to {@code n} levels from the top, as an immutable copy. */
    List<BookLevel> bids(int n);

    List<BookLevel> asks(int n);

    long lastTradePrice();

    /** Sequence number of the last event that changed this book. */
    long lastUpdateSeq();
}
