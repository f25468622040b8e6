package io.livestack.api.state;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import java.util.Collection;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only view of the derived state: books, orders, positions, venue sessions. Valid on the processing thread
 * (strategies, risk checks and stages get it there); other threads read through
 * {@link io.livestack.api.runtime.LiveRuntime#query}.
 */
@ProviderType
public interface StateView {

    /** The book, or null when nothing is known for that venue and instrument. */
    BookView book(VenueId venue, InstrumentId instrument);

    Collection<? extends BookView> books();

    /** The order by its handle or any ClOrdID in its chain (replaces, cancels), or null. */
    OrderView order(ClientOrderId anyClientOrderId);

    /** Every order known this session, open or not. */
    Collection<OrderView> orders();

    Collection<OrderView> openOrders();

    /**
     * Open orders in one instrument (every venue), as a copy. The default filters {@link #openOrders()};
     * implementations keep an index.
     */
    default Collection<OrderView> openOrders(InstrumentId instrument) {
        return openOrders().stream().filter(o -> o.instrument().equals(instrument)).toList();
    }

    int openOrderCount();

    /** The desk's position in the instrument (every account, strategy, venue). Never null: flat when none. */
    PositionView position(InstrumentId instrument);

    /** The desk's positions taken, by instrument. */
    Collection<PositionView> positions();

    /**
     * The positions taken at one {@link PositionView.Level} (DESK is {@link #positions()}), sorted by their keys.
     * The default knows only the desk.
     */
    default Collection<PositionView> positions(PositionView.Level level) {
        return level == PositionView.Level.DESK ? positions() : java.util.List.of();
    }

    /** A strategy's own position in the instrument (every account and venue). Never null. */
    default PositionView position(io.livestack.api.model.StrategyId strategy, InstrumentId instrument) {
        return PositionView.flat(instrument, null, strategy, null);
    }

    /** An account's position in the instrument (every strategy and venue). Never null. */
    default PositionView position(io.livestack.api.model.AccountId account, InstrumentId instrument) {
        return PositionView.flat(instrument, account, null, null);
    }

    /**
     * P&amp;L and exposure of the desk, an account or a strategy in the reporting currency ({@code id} "*" for the
     * desk). Never null: zero when it holds nothing.
     */
    default PnlView pnl(PnlView.Scope scope, String id) {
        return PnlView.zero(scope, id, referenceData().reportingCurrency());
    }

    /** P&amp;L of the desk, then every account, then every strategy that holds or held a position. */
    default java.util.List<PnlView> pnl() {
        return java.util.List.of(pnl(PnlView.Scope.DESK, "*"));
    }

    /** The instrument reference data in force. */
    default ReferenceData referenceData() {
        return ReferenceData.NONE;
    }

    /** The instrument's reference data at the venue (its own, else the instrument's), or null when none. */
    default InstrumentSpec instrumentSpec(VenueId venue, InstrumentId instrument) {
        return referenceData().spec(venue, instrument);
    }

    /** Every venue ever seen with its current session state (UNAVAILABLE once its adapter is gone). */
    Map<VenueId, VenueSessionState> venueStates();

    /** The venue's current session state, or null when the venue was never seen. */
    default VenueSessionState venueState(VenueId venue) {
        return venueStates().get(venue);
    }

    /** Sequence number of the last event applied. */
    long lastSeq();

    /**
     * What each venue did that an operator must hear of ({@link io.livestack.api.model.VenueAlert}), counted since
     * the state began (snapshots keep it); venues without any are absent.
     */
    default Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> venueAlerts() {
        return Map.of();
    }

    /** What each venue's adapter said with its latest session state (empty when nothing), by venue. */
    default Map<VenueId, String> venueDetails() {
        return Map.of();
    }

    /**
     * The latest venue alerts with their detail, newest first, at most {@code max} (the state keeps the last few
     * hundred since the runtime started; the database keeps every one as a metadata record).
     */
    default java.util.List<VenueAlertNote> recentVenueAlerts(int max) {
        return java.util.List.of();
    }

    /**
     * The orders flagged STUCK (handle → since when, event time): a cancel or replace their venue left unanswered
     * even after a status request, still pending.
     */
    default Map<ClientOrderId, Long> stuckOrders() {
        return Map.of();
    }

    /**
     * The most recent fills applied this session (through {@link StateStore#applyFill}), newest first, at most
     * {@code max} of them (the store keeps a bounded number, at least 1000). The default keeps none.
     */
    default java.util.List<io.livestack.api.record.FillRecord> recentFills(int max) {
        return java.util.List.of();
    }
}
