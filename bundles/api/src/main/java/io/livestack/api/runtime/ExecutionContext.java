package io.livestack.api.runtime;

import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderStore;
import io.livestack.api.venue.VenueAdapter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the chain gives execution control, and no other stage: the orders to change and the venues to send to.
 * Processing thread only.
 */
@ProviderType
public interface ExecutionContext extends ProcessingContext {

    /** The order book-keeping of the state stage: the only way an order changes. */
    OrderStore orders();

    /** The adapter of that venue, or null when none is registered. */
    VenueAdapter venue(VenueId venue);
}
