package io.livestack.metrics.internal;

import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the metrics and health need from the state, copied out on the processing thread; {@code pnl} is
 * {@link StateView#pnl()}: the desk, then every account, then every strategy that holds or held a position.
 */
record StateFacts(Map<VenueId, VenueSessionState> venues, Map<VenueId, Integer> openOrdersByVenue,
        List<PositionView> positions, Map<VenueId, Integer> stuckOrdersByVenue, Map<VenueId, String> venueDetails,
        List<PnlView> pnl) {

    StateFacts {
        venues = Map.copyOf(venues);
        openOrdersByVenue = Map.copyOf(openOrdersByVenue);
        positions = List.copyOf(positions);
        stuckOrdersByVenue = Map.copyOf(stuckOrdersByVenue);
        venueDetails = Map.copyOf(venueDetails);
        pnl = List.copyOf(pnl);
    }

    StateFacts(Map<VenueId, VenueSessionState> venues, Map<VenueId, Integer> openOrdersByVenue,
            List<PositionView> positions) {
        this(venues, openOrdersByVenue, positions, Map.of(), Map.of(), List.of());
    }

    /** The query run through {@code LiveRuntime.query}: copies, never keeps a view. */
    static StateFacts of(StateView view) {
        Map<VenueId, Integer> open = new TreeMap<>();
        for (OrderView o : view.openOrders()) {
            open.merge(o.venue(), 1, Integer::sum);
        }
        for (VenueId venue : view.venueStates().keySet()) {
            open.putIfAbsent(venue, 0);
        }
        Map<VenueId, Integer> stuck = new TreeMap<>();
        for (io.livestack.api.model.ClientOrderId handle : view.stuckOrders().keySet()) {
            OrderView o = view.order(handle);
            if (o != null) {
                stuck.merge(o.venue(), 1, Integer::sum);
            }
        }
        return new StateFacts(new TreeMap<>(view.venueStates()), open, List.copyOf(view.positions()), stuck,
                view.venueDetails(), view.pnl());
    }
}
