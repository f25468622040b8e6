package io.livestack.api.state;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.List;
import java.util.Objects;

/** One book as the state holds it: the levels (best first), the last trade price and the seq of its last update. */
public record BookState(VenueId venue, InstrumentId instrument, List<BookLevel> bids, List<BookLevel> asks,
        long lastTradePrice, long lastUpdateSeq) {

    public BookState {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
