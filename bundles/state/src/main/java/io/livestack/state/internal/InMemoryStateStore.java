package io.livestack.state.internal;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.runtime.Configurable;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.BookView;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.ReferenceData;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state stage: every piece of mutable runtime state, derived only from the calls the chain and execution control
 * make. Single-threaded by contract (the processing thread mutates and reads); nothing here locks. The parts:
 * {@link Books} (per venue and instrument, marking positions), {@link OrderIndex} (orders, their ClOrdIDs, the open
 * ones), {@link Positions} (average cost at every level, valued with the reference data; {@link PnlReport}),
 * {@link Executions} (those applied, to recognise a resend), the venue session states and {@link RecentFills}. Its
 * configuration is the retention (its own PID) and the reference data ({@link StateSettings}; the reference data's
 * PID is {@link ReferenceDataComponent}'s, which hands it here: Felix SCR does not merge a second PID in). The whole of it is a {@link StateSnapshot} and can be put back from one
 * ({@link #restore}): the runtime rebuilds it after a restart from its latest snapshot and the journal. At each
 * snapshot the orders closed and the executions applied longer ago than their retention leave memory ({@link #evict}).
 * <p>
 * The component is immediate: it stays active (and keeps the state) while the runtime is redeployed; a configuration
 * change does not restart it ({@link Modified}).
 */
@Component(service = StateStore.class, immediate = true, configurationPid = StateConfiguration.PID)
@org.osgi.service.metatype.annotations.Designate(ocd = StateConfiguration.class)
public class InMemoryStateStore implements StateStore, Configurable {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryStateStore.class);

    private final Positions positions = new Positions();
    private final PnlReport pnl = new PnlReport(positions);
    private final Books books = new Books(positions);
    private final OrderIndex orders = new OrderIndex();
    private final Executions executions = new Executions();
    private final RecentFills recentFills = new RecentFills();
    private final Map<VenueId, VenueSessionState> venueStates = new TreeMap<>();
    private final VenueAlerts venueAlerts = new VenueAlerts();
    private final Map<ClientOrderId, Long> stuck = new TreeMap<>();
    private final Map<VenueId, String> venueDetails = new TreeMap<>();
    private volatile StateSettings settings = StateSettings.DEFAULT;
    private final ConfigurationInput input = new ConfigurationInput();
    private volatile long closedOrdersNanos;
    private volatile long executionsNanos;
    private long lastSeq;

    /** Unit tests and tools: the default retention, no reference data. */
    public InMemoryStateStore() {
        use(StateSettings.DEFAULT);
    }

    /** With its retention configuration; the reference data comes from {@link ReferenceDataComponent}. */
    @Activate
    public InMemoryStateStore(StateConfiguration config, Map<String, Object> properties) {
        this(StateSettings.text(config, properties));
    }

    /** With this configuration text (tools, tests). */
    InMemoryStateStore(Map<String, String> text) {
        use(StateSettings.from(text, StateSettings.DEFAULT));
        input.given(text);
    }

    InMemoryStateStore(long closedOrdersMillis, long executionsMillis) {
        use(new StateSettings(closedOrdersMillis, executionsMillis, ReferenceData.NONE));
    }

    /**
     * A change of either configuration (the state is kept): refused at once when not valid (logged; the one in force
     * stays); with the runtime's intake there it is published and takes effect when the chain hands it back
     * ({@link #configure}); without it, at once.
     */
    @Modified
    void modified(StateConfiguration config, Map<String, Object> properties) {
        Map<String, String> text = new java.util.TreeMap<>(input.referenceDataText());
        text.putAll(StateSettings.text(config, properties));
        try {
            given(text);
        } catch (IllegalArgumentException e) {
            LOG.error("State configuration not applied, the one in force stays: {}", e.getMessage());
        }
    }

    /**
     * The reference data's configuration text (etc/livestack.refdata.cfg; empty when it is gone), from
     * {@link ReferenceDataComponent}: taken like a change of the state's own configuration, with the retention in
     * force. Not valid: refused here (IllegalArgumentException naming every bad key and value), the one in force stays.
     */
    void referenceDataGiven(Map<String, String> referenceData) {
        Map<String, String> text = new java.util.TreeMap<>(input.retentionText(settings));
        text.putAll(referenceData);
        given(text);
    }

    /** Checks the text (a bad one throws, nothing changes), then publishes it, or applies it without a runtime. */
    private void given(Map<String, String> text) {
        StateSettings next = StateSettings.from(text, settings);
        input.given(text);
        if (!input.publish()) {
            use(next);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIntake(EventIntake target) {
        input.bind(target);
    }

    void unbindIntake(EventIntake target) {
        input.unbind(target);
    }

    @Override
    public String configurationPid() {
        return StateConfiguration.PID;
    }

    /** The retention and the reference data, as the chain hands them back (processing thread). */
    @Override
    public void configure(Map<String, String> properties) {
        use(StateSettings.from(properties, settings));
    }

    private void use(StateSettings next) {
        settings = next;
        this.closedOrdersNanos = TimeUnit.MILLISECONDS.toNanos(next.closedOrdersMillis());
        this.executionsNanos = TimeUnit.MILLISECONDS.toNanos(next.executionsMillis());
        if (!next.referenceData().equals(positions.valuation.data())) {
            positions.use(next.referenceData());
            LOG.info("Reference data in force: {} instrument specs, reporting currency '{}', {} rates",
                    next.referenceData().specs().size(), next.referenceData().reportingCurrency(),
                    next.referenceData().rates().size());
        }
    }

    /** The currencies met without a conversion rate (counted at 1; see {@link Valuation}). */
    public java.util.Set<String> unconvertedCurrencies() {
        return positions.valuation.unconverted();
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    public StateSnapshot snapshot() {
        return new StateSnapshot(lastSeq, List.copyOf(orders.all()), orders.aliases(), positions.allViews(),
                positions.marks(), executions.snapshot(), venueStates, books.states(),
                recentFills.newest(RecentFills.CAPACITY), venueAlerts.copy(), stuck, venueDetails,
                positions.valuation.data());
    }

    @Override
    public void restore(StateSnapshot s) {
        if (s.referenceData() != null) {
            settings = new StateSettings(settings.closedOrdersMillis(), settings.executionsMillis(),
                    s.referenceData());
            positions.use(s.referenceData());
            input.putBackAfterRestore(s.referenceData());
        }
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
        return applyFillAtEveryLevel(seq, timeNanos, fill).get(0);
    }

    @Override
    public List<PositionRecord> applyFillAtEveryLevel(long seq, long timeNanos, FillRecord fill) {
        Position[] touched = positions.apply(seq, fill);
        advance(seq);
        recentFills.add(fill);
        PositionRecord[] records = new PositionRecord[touched.length];
        for (int i = 0; i < touched.length; i++) {
            records[i] = new PositionRecord(seq, timeNanos, touched[i].view());
        }
        return List.of(records);
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
    public Collection<PositionView> positions(PositionView.Level level) {
        return positions.views(level);
    }

    @Override
    public PositionView position(StrategyId strategy, InstrumentId instrument) {
        return positions.view(strategy, instrument);
    }

    @Override
    public PositionView position(AccountId account, InstrumentId instrument) {
        return positions.view(account, instrument);
    }

    @Override
    public PnlView pnl(PnlView.Scope scope, String id) {
        return pnl.of(scope, id);
    }

    @Override
    public List<PnlView> pnl() {
        return pnl.all();
    }

    @Override
    public ReferenceData referenceData() {
        return positions.valuation.data();
    }

    @Override
    public InstrumentSpec instrumentSpec(VenueId venue, InstrumentId instrument) {
        return positions.valuation.exactSpec(venue, instrument);
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
        return StateHasher.hash(books.sorted(), orders.sorted(), positions.allViews());
    }
}
