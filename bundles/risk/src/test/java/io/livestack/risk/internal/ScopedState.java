package io.livestack.risk.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.BookView;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.ReferenceData;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real state store for books, orders and desk positions, with what the state stage adds for this issue faked:
 * strategy and account positions, P&amp;L per scope and reference data, as a test sets them.
 */
final class ScopedState implements StateView {

    private final StateView real;
    final Map<String, PnlView> pnl = new HashMap<>();
    final Map<String, PositionView> scopedPositions = new HashMap<>();
    ReferenceData referenceData = ReferenceData.NONE;

    ScopedState(StateView real) {
        this.real = real;
    }

    void pnl(PnlView.Scope scope, String id, long realized, long gross, long net) {
        pnl.put(scope + " " + id, new PnlView(scope, id, "USD", realized, 0, 0, gross, net));
    }

    void strategyPosition(StrategyId strategy, InstrumentId instrument, long net) {
        scopedPositions.put("S " + strategy + " " + instrument, new PositionView(instrument, net, 0, 0, 0, 0, 0, 0, 0,
                null, strategy, null, 0));
    }

    void accountPosition(AccountId account, InstrumentId instrument, long net) {
        scopedPositions.put("A " + account + " " + instrument, new PositionView(instrument, net, 0, 0, 0, 0, 0, 0, 0,
                account, null, null, 0));
    }

    void specs(boolean refuseUnknown, InstrumentSpec... specs) {
        referenceData = new ReferenceData("USD", refuseUnknown, Map.of(), List.of(specs));
    }

    @Override
    public PositionView position(StrategyId strategy, InstrumentId instrument) {
        PositionView p = scopedPositions.get("S " + strategy + " " + instrument);
        return p != null ? p : PositionView.flat(instrument, null, strategy, null);
    }

    @Override
    public PositionView position(AccountId account, InstrumentId instrument) {
        PositionView p = scopedPositions.get("A " + account + " " + instrument);
        return p != null ? p : PositionView.flat(instrument, account, null, null);
    }

    @Override
    public Collection<PositionView> positions(PositionView.Level level) {
        if (level == PositionView.Level.DESK) {
            return positions();
        }
        List<PositionView> out = new ArrayList<>();
        for (PositionView p : scopedPositions.values()) {
            if (p.level() == level) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public PnlView pnl(PnlView.Scope scope, String id) {
        PnlView p = pnl.get(scope + " " + id);
        return p != null ? p : PnlView.zero(scope, id, "USD");
    }

    @Override
    public List<PnlView> pnl() {
        List<PnlView> out = new ArrayList<>();
        out.add(pnl(PnlView.Scope.DESK, "*"));
        pnl.values().stream().filter(p -> p.scope() != PnlView.Scope.DESK)
                .sorted(java.util.Comparator.comparing(PnlView::scope).thenComparing(PnlView::id)).forEach(out::add);
        return out;
    }

    @Override
    public ReferenceData referenceData() {
        return referenceData;
    }

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        return real.book(venue, instrument);
    }

    @Override
    public Collection<? extends BookView> books() {
        return real.books();
    }

    @Override
    public OrderView order(ClientOrderId anyClientOrderId) {
        return real.order(anyClientOrderId);
    }

    @Override
    public Collection<OrderView> orders() {
        return real.orders();
    }

    @Override
    public Collection<OrderView> openOrders() {
        return real.openOrders();
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        return real.openOrders(instrument);
    }

    @Override
    public int openOrderCount() {
        return real.openOrderCount();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        return real.position(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        return real.positions();
    }

    @Override
    public Map<VenueId, VenueSessionState> venueStates() {
        return real.venueStates();
    }

    @Override
    public long lastSeq() {
        return real.lastSeq();
    }
}
