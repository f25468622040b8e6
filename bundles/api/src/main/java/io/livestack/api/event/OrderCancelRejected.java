package io.livestack.api.event;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import java.util.Objects;

/**
 * The venue refused a cancel ({@code replace == false}) or a cancel/replace request. {@code venueSeq}: as in
 * {@link ExecutionReport#venueSeq()}.
 */
public record OrderCancelRejected(VenueId venue, long sourceTimeNanos, ClientOrderId clientOrderId,
        ClientOrderId origClientOrderId, VenueOrderId venueOrderId, boolean replace, String reason, long venueSeq)
        implements Event {

    /** A reject without the venue session's inbound sequence number (not from a FIX session, or not known). */
    public OrderCancelRejected(VenueId venue, long sourceTimeNanos, ClientOrderId clientOrderId,
            ClientOrderId origClientOrderId, VenueOrderId venueOrderId, boolean replace, String reason) {
        this(venue, sourceTimeNanos, clientOrderId, origClientOrderId, venueOrderId, replace, reason, 0);
    }

    public OrderCancelRejected {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
    }
}
