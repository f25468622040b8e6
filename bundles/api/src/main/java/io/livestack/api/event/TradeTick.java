package io.livestack.api.event;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/** A trade printed at the venue (anyone's). {@code aggressor} may be null when the venue does not say. */
public record TradeTick(VenueId venue, InstrumentId instrument, long sourceTimeNanos, long price, long quantity,
        Side aggressor) implements MarketDataEvent {

    public TradeTick {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
    }
}
