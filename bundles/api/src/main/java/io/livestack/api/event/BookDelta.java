package io.livestack.api.event;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.List;
import java.util.Objects;

/** Incremental book update: level changes applied in order on top of the current book. */
public record BookDelta(VenueId venue, InstrumentId instrument, long sourceTimeNanos, List<LevelChange> changes)
        implements MarketDataEvent {

    public BookDelta {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        changes = List.copyOf(changes);
    }
}
