package io.livestack.api.event;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;

/** Market data for one instrument at one venue. */
public sealed interface MarketDataEvent extends Event permits BookSnapshot, BookDelta, TradeTick {

    VenueId venue();

    InstrumentId instrument();

    @Override
    default boolean conflatable() {
        return true;
    }
}
