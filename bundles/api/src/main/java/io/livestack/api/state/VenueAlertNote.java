package io.livestack.api.state;

import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/** One venue alert as it happened: when (event time), at which seq, which venue, what, and the detail. */
public record VenueAlertNote(long seq, long timeNanos, VenueId venue, VenueAlert alert, String detail) {

    public VenueAlertNote {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(alert, "alert");
        detail = detail == null ? "" : detail;
    }
}
