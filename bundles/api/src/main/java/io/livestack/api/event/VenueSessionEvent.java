package io.livestack.api.event;

import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import java.util.Objects;

/** A venue's connection changed state; {@code detail} says why (never contains credentials). */
public record VenueSessionEvent(VenueId venue, long sourceTimeNanos, VenueSessionState state, String detail)
        implements Event {

    public VenueSessionEvent {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }
}
