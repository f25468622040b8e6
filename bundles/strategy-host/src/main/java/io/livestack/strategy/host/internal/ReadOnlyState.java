package io.livestack.strategy.host.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a strategy gets as {@code state()}: the read methods of the live state, never the {@code StateStore} itself
 * (a strategy must not be able to cast its way to the mutators).
 */
final class ReadOnlyState implements StateView {

    private final Supplier<StateView> current;

    ReadOnlyState(Supplier<StateView> current) {
        this.current = current;
    }

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        return current.get().book(venue, instrument);
    }

    @Override
    public Collection<? extends BookView> books() {
        return current.get().books();
    }

    @Override
    public OrderView order(ClientOrderId anyClientOrderId) {
        return current.get().order(anyClientOrderId);
    }

    @Override
    public Collection<OrderView> orders() {
        return current.get().orders();
    }

    @Override
    public Collection<OrderView> openOrders() {
        return current.get().openOrders();
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        return current.get().openOrders(instrument);
    }

    @Override
    public int openOrderCount() {
        return current.get().openOrderCount();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        return current.get().position(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        return current.get().positions();
    }

    @Override
    public Map<VenueId, VenueSessionState> venueStates() {
        return current.get().venueStates();
    }

    @Override
    public VenueSessionState venueState(VenueId venue) {
        return current.get().venueState(venue);
    }

    @Override
    public long lastSeq() {
        return current.get().lastSeq();
    }

    @Override
    public List<FillRecord> recentFills(int max) {
        return current.get().recentFills(max);
    }
}
