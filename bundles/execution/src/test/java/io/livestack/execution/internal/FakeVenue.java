package io.livestack.execution.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Records what execution control sends; can be told to fail. */
final class FakeVenue implements VenueAdapter {

    record Cancel(OrderView order, ClientOrderId cancelId) {
    }

    record Replace(OrderView order, ClientOrderId newId, long price, long quantity) {
    }

    private final VenueId id;
    final List<OrderView> submitted = new ArrayList<>();
    final List<Cancel> cancels = new ArrayList<>();
    final List<Replace> replaces = new ArrayList<>();
    final List<List<OrderView>> reconciles = new ArrayList<>();
    boolean fail;

    FakeVenue(VenueId id) {
        this.id = id;
    }

    private void maybeFail() {
        if (fail) {
            throw new IllegalStateException("adapter queue closed");
        }
    }

    @Override
    public VenueId venueId() {
        return id;
    }

    @Override
    public Set<InstrumentId> instruments() {
        return Set.of(ExecutionFixture.BTC, ExecutionFixture.ETH);
    }

    @Override
    public VenueSessionState sessionState() {
        return VenueSessionState.LOGGED_ON;
    }

    @Override
    public void submit(OrderView order) {
        maybeFail();
        submitted.add(order);
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
        maybeFail();
        cancels.add(new Cancel(order, cancelClientOrderId));
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        maybeFail();
        replaces.add(new Replace(order, newClientOrderId, newPrice, newQuantity));
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        reconciles.add(List.copyOf(openOrders));
    }

    @Override
    public void connect() {
    }

    @Override
    public void disconnect() {
    }
}
