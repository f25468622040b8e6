package io.livestack.runtime.internal.chain;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collection;
import java.util.Set;

/**
 * A venue as a replay sees it: it has an id and lists instruments, and takes every order, cancel, replace, reconcile,
 * connect and disconnect without doing anything — what the journal replays was sent when it happened.
 */
final class ReplayVenue implements VenueAdapter {

    private final VenueId id;
    private final Set<InstrumentId> instruments;

    ReplayVenue(VenueId id, Set<InstrumentId> instruments) {
        this.id = id;
        this.instruments = Set.copyOf(instruments);
    }

    @Override
    public VenueId venueId() {
        return id;
    }

    @Override
    public Set<InstrumentId> instruments() {
        return instruments;
    }

    @Override
    public VenueSessionState sessionState() {
        return VenueSessionState.DISCONNECTED;
    }

    @Override
    public void submit(OrderView order) {
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
    }

    @Override
    public void connect() {
    }

    @Override
    public void disconnect() {
    }

    @Override
    public String kind() {
        return "replay";
    }
}
