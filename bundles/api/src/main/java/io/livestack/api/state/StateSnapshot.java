package io.livestack.api.state;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole state stage as plain data: what a snapshot holds and {@link StateStore#restore} puts back, so that a
 * restored state behaves exactly as the one it was taken from. Orders are in the order the state keeps them (it
 * matters: the kill switch cancels in that order); the other collections are sorted.
 *
 * @param lastSeq         the seq of the last event applied
 * @param orders          every order in memory, in the state's order
 * @param aliases         ClOrdID → the handle of its order (replace and cancel ids), sorted
 * @param positions       the positions taken (filled or restored) at every level ({@link PositionView.Level}): the
 *                        desk's by instrument, then each finer level's sorted by its keys
 * @param marks           the mark price of every instrument the state knows, taken or not, by instrument
 * @param executions      "venue|execId" → the event time it was applied at, in the order they were applied
 * @param venueStates     the session state of each venue, by venue
 * @param books           every book, by venue and instrument
 * @param recentFills     the latest fills, newest first (what {@link StateView#recentFills} shows)
 * @param venueAlerts     the alerts counted per venue ({@link StateView#venueAlerts}), sorted
 * @param stuckOrders     the orders flagged STUCK ({@link StateView#stuckOrders}), sorted
 * @param venueDetails    what each venue's adapter said with its latest state ({@link StateView#venueDetails})
 * @param referenceData   the reference data in force ({@link StateView#referenceData}); null when the snapshot does
 *                        not record it (taken before it was kept, or {@link #empty}): a restore then keeps the
 *                        reference data the state was configured with
 */
public record StateSnapshot(long lastSeq, List<OrderView> orders, Map<ClientOrderId, ClientOrderId> aliases,
        List<PositionView> positions, Map<InstrumentId, Long> marks, Map<String, Long> executions,
        Map<VenueId, VenueSessionState> venueStates, List<BookState> books, List<FillRecord> recentFills,
        Map<VenueId, Map<VenueAlert, Long>> venueAlerts, Map<ClientOrderId, Long> stuckOrders,
        Map<VenueId, String> venueDetails, ReferenceData referenceData) {

    /** A snapshot without reference data (taken before it was kept). */
    public StateSnapshot(long lastSeq, List<OrderView> orders, Map<ClientOrderId, ClientOrderId> aliases,
            List<PositionView> positions, Map<InstrumentId, Long> marks, Map<String, Long> executions,
            Map<VenueId, VenueSessionState> venueStates, List<BookState> books, List<FillRecord> recentFills,
            Map<VenueId, Map<VenueAlert, Long>> venueAlerts, Map<ClientOrderId, Long> stuckOrders,
            Map<VenueId, String> venueDetails) {
        this(lastSeq, orders, aliases, positions, marks, executions, venueStates, books, recentFills, venueAlerts,
                stuckOrders, venueDetails, null);
    }

    /** A snapshot without venue details (taken before they were kept). */
    public StateSnapshot(long lastSeq, List<OrderView> orders, Map<ClientOrderId, ClientOrderId> aliases,
            List<PositionView> positions, Map<InstrumentId, Long> marks, Map<String, Long> executions,
            Map<VenueId, VenueSessionState> venueStates, List<BookState> books, List<FillRecord> recentFills,
            Map<VenueId, Map<VenueAlert, Long>> venueAlerts, Map<ClientOrderId, Long> stuckOrders) {
        this(lastSeq, orders, aliases, positions, marks, executions, venueStates, books, recentFills, venueAlerts,
                stuckOrders, Map.of());
    }

    /** A snapshot without venue alerts (taken before they were counted). */
    public StateSnapshot(long lastSeq, List<OrderView> orders, Map<ClientOrderId, ClientOrderId> aliases,
            List<PositionView> positions, Map<InstrumentId, Long> marks, Map<String, Long> executions,
            Map<VenueId, VenueSessionState> venueStates, List<BookState> books, List<FillRecord> recentFills) {
        this(lastSeq, orders, aliases, positions, marks, executions, venueStates, books, recentFills, Map.of(),
                Map.of(), Map.of());
    }

    public StateSnapshot {
        orders = List.copyOf(orders);
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
        positions = List.copyOf(positions);
        marks = Collections.unmodifiableMap(new TreeMap<>(marks));
        executions = Collections.unmodifiableMap(new LinkedHashMap<>(executions));
        venueStates = Collections.unmodifiableMap(new TreeMap<>(venueStates));
        books = List.copyOf(books);
        recentFills = List.copyOf(recentFills);
        Map<VenueId, Map<VenueAlert, Long>> alerts = new TreeMap<>();
        for (Map.Entry<VenueId, Map<VenueAlert, Long>> e : venueAlerts.entrySet()) {
            if (!e.getValue().isEmpty()) {
                alerts.put(e.getKey(), Collections.unmodifiableMap(new TreeMap<>(e.getValue())));
            }
        }
        venueAlerts = Collections.unmodifiableMap(alerts);
        stuckOrders = Collections.unmodifiableMap(new TreeMap<>(stuckOrders));
        venueDetails = Collections.unmodifiableMap(new TreeMap<>(venueDetails));
    }

    /** An empty state. */
    public static StateSnapshot empty() {
        return new StateSnapshot(0, List.of(), Map.of(), List.of(), Map.of(), Map.of(), Map.of(), List.of(),
                List.of());
    }
}
