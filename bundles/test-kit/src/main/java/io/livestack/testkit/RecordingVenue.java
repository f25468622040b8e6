package io.livestack.testkit;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A venue adapter that records what it is asked to do; it can be told to fail or to react to a connect. */
public final class RecordingVenue implements VenueAdapter {

    public record Cancel(OrderView order, ClientOrderId cancelId) {
    }

    public record Replace(OrderView order, ClientOrderId newId, long price, long quantity) {
    }

    private final VenueId id;
    private final Set<InstrumentId> instruments;
    public final List<OrderView> submitted = new CopyOnWriteArrayList<>();
    public final List<Cancel> cancels = new CopyOnWriteArrayList<>();
    public final List<Replace> replaces = new CopyOnWriteArrayList<>();
    public final List<List<OrderView>> reconciles = new CopyOnWriteArrayList<>();
    /** "user:accept" or "user:cancel", one per resolution of a failed reconciliation. */
    public final List<String> resolutions = new CopyOnWriteArrayList<>();
    /** The orders whose status was asked for (a cancel or replace left unanswered). */
    public final List<OrderView> statusRequests = new CopyOnWriteArrayList<>();
    public final AtomicInteger connects = new AtomicInteger();
    public final AtomicInteger disconnects = new AtomicInteger();
    /** Every order, cancel and replace throws while set (an adapter whose queue is closed). */
    public volatile boolean fail;
    /** Runs on connect() (on the caller's thread), e.g. to publish session events. */
    public volatile Runnable onConnect = () -> { };

    public RecordingVenue(VenueId id, InstrumentId... instruments) {
        this.id = id;
        this.instruments = Set.of(instruments);
    }

    /** The service properties it would be registered with. */
    public Map<String, Object> properties() {
        return Map.of(VenueAdapter.VENUE_PROPERTY, id.value());
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
        return instruments;
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
    public void requestStatus(OrderView order) {
        statusRequests.add(order);
    }

    @Override
    public void resolveReconciliation(String user, boolean canceledInDoubt) {
        resolutions.add(user + ":" + (canceledInDoubt ? "cancel" : "accept"));
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        reconciles.add(List.copyOf(openOrders));
    }

    @Override
    public void connect() {
        connects.incrementAndGet();
        onConnect.run();
    }

    @Override
    public void disconnect() {
        disconnects.incrementAndGet();
    }
}
