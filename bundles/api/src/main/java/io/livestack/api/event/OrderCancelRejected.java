package io.livestack.api.event;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/** The venue refused a cancel ({@code replace == false}) or a cancel/replace request. */
public record OrderCancelRejected(VenueId venue, long sourceTimeNanos, ClientOrderId clientOrderId,
        ClientOrderId origClientOrderId, VenueOrderId venueOrderId, boolean replace, String reason)
        implements Event {

    public OrderCancelRejected {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}
