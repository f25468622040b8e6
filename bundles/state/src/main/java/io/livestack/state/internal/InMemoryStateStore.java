package io.livestack.state.internal;

import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.runtime.Configurable;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateSnapshot;
import io.livestack.api.state.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state stage: every piece of mutable runtime state, derived only from the calls the chain and execution control
 * make. Single-threaded by contract (the processing thread mutates and reads); nothing here locks. The parts:
 * {@link Books} (per venue and instrument, marking positions), {@link OrderIndex} (orders, their ClOrdIDs, the open
 * ones), {@link Positions} (average cost), {@link Executions} (those applied, to recognise a resend), the venue
 * session states and {@link RecentFills}. The whole of it is a {@link StateSnapshot} and can be put back from one
 * ({@link #restore}): the runtime rebuilds it after a restart from its latest snapshot and the journal. At each
 * snapshot the orders closed and the executions applied longer ago than their retention leave memory ({@link #evict}).
 * <p>
 * The component is immediate: it stays active (and keeps the state) while the runtime is redeployed; a configuration
 * change does not restart it ({@link Modified}).
 */
@Component(service = StateStore.class, immediate = true, configurationPid = StateConfiguration.PID)
@Designate(ocd = StateConfiguration.class)
public class InMemoryStateStore implements StateStore, Configurable {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryStateStore.class);

    private final Positions positions = new Positions();
    private final Books books = new Books(positions);
    private final OrderIndex orders = new OrderIndex();
    private final Executions executions = new Executions();
    private final RecentFills recentFills = new RecentFills();
    private final Map<VenueId, VenueSessionState> venueStates = new TreeMap<>();
    private final VenueAlerts venueAlerts = new VenueAlerts();
    private final Map<ClientOrderId, Long> stuck = new TreeMap<>();
    private final Map<VenueId, String> venueDetails = new TreeMap<>();
    private volatile long closedOrdersNanos;
    private volatile long executionsNanos;
    private long lastSeq;

    /** Unit tests and tools: the default retention. */
    public InMemoryStateStore() {
        this(StateConfiguration.DEFAULT_CLOSED_ORDERS_MILLIS, StateConfiguration.DEFAULT_EXECUTIONS_MILLIS);
    }

    @Activate
    public InMemoryStateStore(StateConfiguration config) {
        this(config.retention_closedOrdersMillis(), config.retention_executionsMillis());
    }

    InMemoryStateStore(long closedOrdersMillis, long executionsMillis) {
        retention(closedOrdersMillis, executionsMillis);
    }

    /**
     * A configuration change (only the retention can change; the state is kept): with the runtime's intake there it
     * is published and takes effect when the chain hands it back ({@link #configure}); without it, at once.
     */
    @Modified
    void modified(StateConfiguration config, Map<String, Object> properties) {
        EventIntake target = intake;
        if (target != null) {
            Map<String, String> text = new TreeMap<>();
            text.put(StateConfiguration.RETENTION_CLOSED_ORDERS, Long.toString(config.retention_closedOrdersMillis()));
            text.put(StateConfiguration.RETENTION_EXECUTIONS, Long.toString(config.retention_executionsMillis()));
            target.publish(new ConfigurationEvent(System.currentTimeMillis() * 1_000_000L, StateConfiguration.PID,
                    text));
            return;
        }
        retention(config.retention_closedOrdersMillis(), config.retention_executionsMillis());
    }

    private volatile EventIntake intake;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIntake(EventIntake target) {
        intake = target;
    }

    void unbindIntake(EventIntake target) {
        if (intake == target) {
            intake = null;
        }
    }

    @Override
    public String configurationPid() {
        return StateConfiguration.PID;
    }

    /** The retention, as the chain hands it back (processing thread). */
    @Override
    public void configure(Map<String, String> properties) {
        retention(millis(properties, StateConfiguration.RETENTION_CLOSED_ORDERS,
                TimeUnit.NANOSECONDS.toMillis(closedOrdersNanos)),
                millis(properties, StateConfiguration.RETENTION_EXECUTIONS,
                        TimeUnit.NANOSECONDS.toMillis(executionsNanos)));
    }

    private static long millis(Map<String, String> properties, String key, long current) {
        String v = properties.get(key);
        if (v == null) {
            return current;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "' is not a whole number of milliseconds", e);
        }
    }

    private void retention(long closedOrdersMillis, long executionsMillis) {
        if (closedOrdersMillis < 0 || executionsMillis < 0) {
            throw new IllegalArgumentException("retention must not be negative: closed orders " + closedOrdersMillis
                    + " ms, executions " + executionsMillis + " ms");
        }
        this.closedOrdersNanos = TimeUnit.MILLISECONDS.toNanos(closedOrdersMillis);
        this.executionsNanos = TimeUnit.MILLISECONDS.toNanos(executionsMillis);
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public StateSnapshot snapshot() {
        return new StateSnapshot(lastSeq, List.copyOf(orders.all()), orders.aliases(),
                List.copyOf(positions.views()), positions.marks(), executions.snapshot(), venueStates,
                books.states(), recentFills.newest(RecentFills.CAPACITY), venueAlerts.copy(), stuck, venueDetails);
    }

    @Override
    public void restore(StateSnapshot s) {
        positions.restore(s.positions(), s.marks());
        books.restore(s.books());
        orders.restore(s.orders(), s.aliases());
        executions.restore(s.executions());
        venueStates.clear();
        venueStates.putAll(s.venueStates());
        recentFills.restore(s.recentFills());
        venueAlerts.restore(s.venueAlerts());
        stuck.clear();
        stuck.putAll(s.stuckOrders());
        venueDetails.clear();
        venueDetails.putAll(s.venueDetails());
        lastSeq = s.lastSeq();
        LOG.info("State restored: {} orders, {} positions, {} executions, {} books, last seq {}", s.orders().size(),
                s.positions().size(), s.executions().size(), s.books().size(), s.lastSeq());
    }

    @Override
    public int evict(long nowNanos) {
        int orderCount = orders.evictClosedBefore(nowNanos - closedOrdersNanos);
        int executionCount = executions.evictBefore(nowNanos - executionsNanos);
        if (orderCount + executionCount > 0) {
            LOG.debug("State let go of {} closed orders and {} executions", orderCount, executionCount);
        }
        return orderCount + executionCount;
    }

    // ---------------------------------------------------------------- market data (hot path)

    @Override
    public void apply(long seq, MarketDataEvent event) {
        books.apply(seq, event);
        advance(seq);
    }

    private void advance(long seq) {
        if (seq > lastSeq) {
            lastSeq = seq;
        }
    }

    // ---------------------------------------------------------------- orders (execution control)

    @Override
    public void putOrder(OrderView order) {
        putOrderInternal(order);
    }

    private void putOrderInternal(OrderView order) {
        orders.put(order);
        if (!stuck.isEmpty() && order.status() != OrderStatus.PENDING_CANCEL
                && order.status() != OrderStatus.PENDING_REPLACE) {
            stuck.remove(order.clientOrderId()); // answered (or closed): no longer stuck
        }
        advance(order.updatedSeq());
    }

    @Override
    public void alias(ClientOrderId alias, ClientOrderId handle) {
        orders.alias(alias, handle);
    }

    @Override
    public boolean knowsExecution(VenueId venue, ExecId execId) {
        return executions.knows(Executions.key(venue, execId));
    }

    @Override
    public boolean knowsReport(VenueId venue, ExecId execId, String identity) {
        return executions.knows(Executions.key(venue, execId, identity));
    }

    @Override
    public void rememberReport(VenueId venue, ExecId execId, String identity, long timeNanos) {
        executions.remember(Executions.key(venue, execId), timeNanos);
        executions.remember(Executions.key(venue, execId, identity), timeNanos);
    }

    @Override
    public void rememberExecution(VenueId venue, ExecId execId, long timeNanos) {
        executions.remember(Executions.key(venue, execId), timeNanos);
    }

    @Override
    public PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
        Position position = positions.of(fill.instrument());
        if (fill.kind() == FillRecord.Kind.BUST) {
            position.reverse(fill.side(), fill.quantity(), fill.price(), seq);
        } else {
            position.apply(fill.side(), fill.quantity(), fill.price(), seq);
        }
        advance(seq);
        recentFills.add(fill);
        return new PositionRecord(seq, timeNanos, position.view());
    }

    // ---------------------------------------------------------------- venues (the chain)

    @Override
    public List<OrderView> setVenueState(VenueId venue, VenueSessionState state, long seq, long timeNanos) {
        venueStates.put(venue, state);
        boolean available = state != VenueSessionState.UNAVAILABLE;
        List<OrderView> changed = new ArrayList<>();
        for (OrderView order : orders.open(venue)) {
            if (order.venueAvailable() != available) {
                OrderView now = order.withVenueAvailable(available, seq, timeNanos);
                putOrderInternal(now);
                changed.add(now);
            }
        }
        return changed;
    }

    @Override
    public void flagStuck(ClientOrderId handle, long sinceNanos) {
        stuck.putIfAbsent(handle, sinceNanos);
    }

    @Override
    public Map<ClientOrderId, Long> stuckOrders() {
        return Collections.unmodifiableMap(new TreeMap<>(stuck));
    }

    @Override
    public void countVenueAlert(VenueId venue, VenueAlert alert) {
        venueAlerts.count(venue, alert);
    }

    @Override
    public void recordVenueAlert(io.livestack.api.state.VenueAlertNote note) {
        venueAlerts.note(note);
    }

    @Override
    public List<io.livestack.api.state.VenueAlertNote> recentVenueAlerts(int max) {
        return venueAlerts.recent(Math.max(0, max));
    }

    @Override
    public Map<VenueId, Map<VenueAlert, Long>> venueAlerts() {
        return venueAlerts.copy();
    }

    @Override
    public List<OrderView> setVenueState(VenueId venue, VenueSessionState state, String detail, long seq,
            long timeNanos) {
        if (detail == null || detail.isEmpty()) {
            venueDetails.remove(venue);
        } else {
            venueDetails.put(venue, detail);
        }
        return setVenueState(venue, state, seq, timeNanos);
    }

    @Override
    public Map<VenueId, String> venueDetails() {
        return Collections.unmodifiableMap(new TreeMap<>(venueDetails));
    }

    @Override
    public Map<VenueId, VenueSessionState> venueStates() {
        return Collections.unmodifiableMap(venueStates);
    }

    @Override
    public VenueSessionState venueState(VenueId venue) {
        return venueStates.get(venue);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public OrderView order(ClientOrderId anyClientOrderId) {
        return orders.get(anyClientOrderId);
    }

    @Override
    public Collection<OrderView> orders() {
        return orders.all();
    }

    @Override
    public Collection<OrderView> openOrders() {
        return orders.open();
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        return orders.open(instrument);
    }

    @Override
    public int openOrderCount() {
        return orders.openCount();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        return positions.view(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        return positions.views();
    }

    @Override
    public List<FillRecord> recentFills(int max) {
        return recentFills.newest(max);
    }

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        return books.get(venue, instrument);
    }

    @Override
    public Collection<? extends BookView> books() {
        return books.all();
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public String stateHash() {
        return StateHasher.hash(books.sorted(), orders.sorted(), positions());
    }
}
