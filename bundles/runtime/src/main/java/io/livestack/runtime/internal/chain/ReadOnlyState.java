package io.livestack.runtime.internal.chain;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateStore;
import io.livestack.api.state.StateView;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The state as strategies, risk and queries get it: the read methods of the bound state stage, never the store itself
 * (nobody can cast their way to the mutators). Follows the state the chain uses. Processing thread only. It
 * overrides every method of {@link StateView}, defaults included (a default would answer for the state with
 * nothing: a flat position, no reference data), which {@code ReadOnlyStateTest} checks.
 */
final class ReadOnlyState implements StateView {

    private StateStore state;

    void follow(StateStore current) {
        state = current;
    }

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        return state.book(venue, instrument);
    }

    @Override
    public Collection<? extends BookView> books() {
        return state.books();
    }

    @Override
    public OrderView order(ClientOrderId anyClientOrderId) {
        return state.order(anyClientOrderId);
    }

    @Override
    public Collection<OrderView> orders() {
        return state.orders();
    }

    @Override
    public Collection<OrderView> openOrders() {
        return state.openOrders();
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        return state.openOrders(instrument);
    }

    @Override
    public int openOrderCount() {
        return state.openOrderCount();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        return state.position(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        return state.positions();
    }

    @Override
    public Map<VenueId, VenueSessionState> venueStates() {
        return state.venueStates();
    }

    @Override
    public VenueSessionState venueState(VenueId venue) {
        return state.venueState(venue);
    }

    @Override
    public long lastSeq() {
        return state.lastSeq();
    }

    @Override
    public Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> venueAlerts() {
        return state.venueAlerts();
    }

    @Override
    public List<io.livestack.api.state.VenueAlertNote> recentVenueAlerts(int max) {
        return state.recentVenueAlerts(max);
    }

    @Override
    public Map<VenueId, String> venueDetails() {
        return state.venueDetails();
    }

    @Override
    public Map<io.livestack.api.model.ClientOrderId, Long> stuckOrders() {
        return state.stuckOrders();
    }

    @Override
    public List<FillRecord> recentFills(int max) {
        return state.recentFills(max);
    }

    @Override
    public Collection<PositionView> positions(PositionView.Level level) {
        return state.positions(level);
    }

    @Override
    public PositionView position(io.livestack.api.model.StrategyId strategy, InstrumentId instrument) {
        return state.position(strategy, instrument);
    }

    @Override
    public PositionView position(io.livestack.api.model.AccountId account, InstrumentId instrument) {
        return state.position(account, instrument);
    }

    @Override
    public io.livestack.api.state.PnlView pnl(io.livestack.api.state.PnlView.Scope scope, String id) {
        return state.pnl(scope, id);
    }

    @Override
    public List<io.livestack.api.state.PnlView> pnl() {
        return state.pnl();
    }

    @Override
    public io.livestack.api.state.ReferenceData referenceData() {
        return state.referenceData();
    }

    @Override
    public io.livestack.api.state.InstrumentSpec instrumentSpec(VenueId venue, InstrumentId instrument) {
        return state.instrumentSpec(venue, instrument);
    }
}
