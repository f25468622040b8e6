package io.livestack.api.event;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.List;
import java.util.Objects;

/** The full book: bids best (highest) first, asks best (lowest) first. Replaces whatever was known. */
public record BookSnapshot(VenueId venue, InstrumentId instrument, long sourceTimeNanos, List<BookLevel> bids,
        List<BookLevel> asks) implements MarketDataEvent {

    public BookSnapshot {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
