package io.livestack.testkit;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateSnapshot;
import io.livestack.api.state.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A state stage without books or positions, for tests of what sits around the state: it keeps orders (resolving
 * aliases), venue session states (with the venue-available rule of the contract), executions and the market data
 * applied. It can be told not to be ready yet, or to fail on some market data. Safe to inspect from another thread.
 */
public class SimpleState implements StateStore {

    public final List<Long> appliedSeqs = new CopyOnWriteArrayList<>();
    public final List<MarketDataEvent> applied = new CopyOnWriteArrayList<>();
    private final Map<ClientOrderId, OrderView> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, ClientOrderId> aliases = new HashMap<>();
    private final Map<VenueId, VenueSessionState> venueStates = new LinkedHashMap<>();
    private final Map<String, Long> executions = new LinkedHashMap<>();
    /** Market data that makes {@link #apply} throw. */
    public volatile Predicate<MarketDataEvent> failOn = md -> false;
    /** What {@link #ready()} answers (false: still waiting for its recovery). */
    public volatile boolean ready = true;
    public volatile int readyAsked;
    public volatile long lastSeq;

    @Override
    public boolean ready() {
        readyAsked++;
        return ready;
    }

    @Override
    public void apply(long seq, MarketDataEvent event) {
        if (failOn.test(event)) {
            throw new IllegalStateException("state failed on purpose");
        }
        appliedSeqs.add(seq);
        applied.add(event);
        lastSeq = seq;
    }

    @Override
    public synchronized void putOrder(OrderView order) {
        orders.put(order.clientOrderId(), order);
    }

    @Override
    public synchronized void alias(ClientOrderId alias, ClientOrderId handle) {
        aliases.put(alias, handle);
    }

    public synchronized Map<ClientOrderId, ClientOrderId> aliases() {
        return new HashMap<>(aliases);
    }

    @Override
    public synchronized boolean knowsExecution(VenueId venue, ExecId execId) {
        return executions.containsKey(venue + "|" + execId);
    }

    @Override
    public synchronized void rememberExecution(VenueId venue, ExecId execId, long timeNanos) {
        executions.putIfAbsent(venue + "|" + execId, timeNanos);
    }

    private final Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> alerts = new java.util.TreeMap<>();

    private final Map<ClientOrderId, Long> stuck = new java.util.TreeMap<>();

    @Override
    public synchronized void flagStuck(ClientOrderId handle, long sinceNanos) {
        stuck.putIfAbsent(handle, sinceNanos);
    }

    @Override
    public synchronized Map<ClientOrderId, Long> stuckOrders() {
        return new java.util.TreeMap<>(stuck);
    }

    @Override
    public synchronized void countVenueAlert(VenueId venue, io.livestack.api.model.VenueAlert alert) {
        alerts.computeIfAbsent(venue, v -> new java.util.EnumMap<>(io.livestack.api.model.VenueAlert.class))
                .merge(alert, 1L, Long::sum);
    }

    @Override
    public synchronized Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> venueAlerts() {
        Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> copy = new java.util.TreeMap<>();
        alerts.forEach((v, m) -> copy.put(v, new java.util.EnumMap<>(m)));
        return copy;
    }

    @Override
    public synchronized boolean knowsReport(VenueId venue, ExecId execId, String identity) {
        return executions.containsKey(venue + "|" + execId + " " + identity);
    }

    @Override
    public synchronized void rememberReport(VenueId venue, ExecId execId, String identity, long timeNanos) {
        executions.putIfAbsent(venue + "|" + execId, timeNanos);
        executions.putIfAbsent(venue + "|" + execId + " " + identity, timeNanos);
    }

    @Override
    public synchronized PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
        return new PositionRecord(seq, timeNanos, PositionView.flat(fill.instrument()));
    }

    @Override
    public synchronized List<OrderView> setVenueState(VenueId venue, VenueSessionState state, long seq,
            long timeNanos) {
        venueStates.put(venue, state);
        boolean available = state != VenueSessionState.UNAVAILABLE;
        List<OrderView> changed = new ArrayList<>();
        for (OrderView o : List.copyOf(orders.values())) {
            if (o.isOpen() && o.venue().equals(venue) && o.venueAvailable() != available) {
                OrderView now = o.withVenueAvailable(available, seq, timeNanos);
                orders.put(now.clientOrderId(), now);
                changed.add(now);
            }
        }
        return changed;
    }

    @Override
    public String stateHash() {
        return "";
    }

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        return null;
    }

    @Override
    public Collection<? extends BookView> books() {
        return List.of();
    }

    @Override
    public synchronized OrderView order(ClientOrderId id) {
        OrderView o = orders.get(id);
        if (o == null && aliases.containsKey(id)) {
            o = orders.get(aliases.get(id));
        }
        return o;
    }

    @Override
    public synchronized Collection<OrderView> orders() {
        return new ArrayList<>(orders.values());
    }

    @Override
    public synchronized Collection<OrderView> openOrders() {
        return orders.values().stream().filter(OrderView::isOpen).toList();
    }

    @Override
    public synchronized int openOrderCount() {
        return openOrders().size();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        return PositionView.flat(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        return List.of();
    }

    @Override
    public synchronized Map<VenueId, VenueSessionState> venueStates() {
        return new LinkedHashMap<>(venueStates);
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    /** Orders (in order), aliases, executions, venue states and the last seq; no books or positions. */
    @Override
    public synchronized StateSnapshot snapshot() {
        return new StateSnapshot(lastSeq, List.copyOf(orders.values()), aliases, List.of(), Map.of(), executions,
                venueStates, List.of(), List.of());
    }

    @Override
    public synchronized void restore(StateSnapshot snapshot) {
        orders.clear();
        for (OrderView o : snapshot.orders()) {
            orders.put(o.clientOrderId(), o);
        }
        aliases.clear();
        aliases.putAll(snapshot.aliases());
        executions.clear();
        executions.putAll(snapshot.executions());
        venueStates.clear();
        venueStates.putAll(snapshot.venueStates());
        lastSeq = snapshot.lastSeq();
    }

    /** Keeps everything. */
    @Override
    public int evict(long nowNanos) {
        return 0;
    }
}
