package io.livestack.state.internal;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
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
 * ones), {@link Positions} (average cost), the known executions ("venue|execId", the format storage recovers), the
 * venue session states, {@link RecentFills}, and the {@link RecoveryGate} that decides when the state is ready.
 * <p>
 * The component is immediate: it stays active (and keeps the state) while the runtime is redeployed; a configuration
 * change does not restart it ({@link Modified}).
 */
@Component(service = StateStore.class, immediate = true, configurationPid = StateConfiguration.PID)
@Designate(ocd = StateConfiguration.class)
public class InMemoryStateStore implements StateStore, RecoveryGate.Target {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryStateStore.class);

    private final Positions positions = new Positions();
    private final Books books = new Books(positions);
    private final OrderIndex orders = new OrderIndex();
    private final Set<String> executionKeys = new HashSet<>();
    private final RecentFills recentFills = new RecentFills();
    private final Map<VenueId, VenueSessionState> venueStates = new TreeMap<>();
    private final RecoveryGate recovery;
    private long lastSeq;

    /** Unit tests and tools: a store that is ready at once (it recovers only if a recovery is offered before use). */
    public InMemoryStateStore() {
        this(0, System::nanoTime);
    }

    /** Unit tests and tools: a store that recovers from {@code recovery} at once. */
    public InMemoryStateStore(RecordRecovery recovery) {
        this();
        offerRecovery(recovery);
        this.recovery.ensureRecovered(this);
    }

    /** The component: waits up to {@code recovery.waitMs} for a recovery before it is ready. */
    @Activate
    public InMemoryStateStore(StateConfiguration config) {
        this(config.recovery_waitMs(), System::nanoTime);
    }

    /**
     * A store that is not {@link #ready()} until a recovery was applied or {@code recoveryWaitMillis} passed on
     * {@code nanoClock} (a fake clock in tests) since now.
     */
    InMemoryStateStore(long recoveryWaitMillis, LongSupplier nanoClock) {
        this.recovery = new RecoveryGate(recoveryWaitMillis, nanoClock);
    }

    /** A configuration change: only the recovery wait can change (the state is kept). */
    @Modified
    void modified(StateConfiguration config) {
        recovery.setWait(config.recovery_waitMs());
    }

    @Override
    public boolean ready() {
        return recovery.ready(this);
    }

    // ---------------------------------------------------------------- recovery (storage may come and go)

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecovery(RecordRecovery r) {
        offerRecovery(r);
    }

    void unbindRecovery(RecordRecovery r) {
        recovery.withdraw(r);
    }

    final void offerRecovery(RecordRecovery r) {
        recovery.offer(r);
    }

    /** Runs a pending recovery first: every entry point calls it (one volatile read when none is pending). */
    private void recovered() {
        recovery.ensureRecovered(this);
    }

    @Override
    public boolean untouched() {
        return orders.isEmpty() && executionKeys.isEmpty() && !positions.anyTaken();
    }

    @Override
    public void load(RecordRecovery r) {
        Collection<OrderView> recoveredOrders = r.openOrders();
        Collection<PositionView> recoveredPositions = r.positions();
        Collection<String> keys = r.recentExecutionKeys();
        for (OrderView order : recoveredOrders) {
            putOrderInternal(order);
        }
        for (PositionView view : recoveredPositions) {
            positions.restore(view);
        }
        executionKeys.addAll(keys);
        lastSeq = Math.max(lastSeq, r.lastSeq());
        LOG.info("State recovered from storage: {} open orders, {} positions, {} execution keys, last seq {}",
                recoveredOrders.size(), recoveredPositions.size(), keys.size(), r.lastSeq());
    }

    // ---------------------------------------------------------------- market data (hot path)

    @Override
    public void apply(long seq, MarketDataEvent event) {
        recovered();
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
        recovered();
        putOrderInternal(order);
    }

    private void putOrderInternal(OrderView order) {
        orders.put(order);
        advance(order.updatedSeq());
    }

    @Override
    public void alias(ClientOrderId alias, ClientOrderId handle) {
        recovered();
        orders.alias(alias, handle);
    }

    @Override
    public boolean knowsExecution(VenueId venue, ExecId execId) {
        recovered();
        return executionKeys.contains(executionKey(venue, execId));
    }

    @Override
    public void rememberExecution(VenueId venue, ExecId execId) {
        recovered();
        executionKeys.add(executionKey(venue, execId));
    }

    /** The key storage recovers: "venue|execId". */
    static String executionKey(VenueId venue, ExecId execId) {
        return venue.value() + '|' + execId.value();
    }

    @Override
    public PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
        recovered();
        Position position = positions.of(fill.instrument());
        if (!executionKeys.add(executionKey(fill.venue(), fill.execId()))) {
            LOG.warn("Fill {} at {} was applied before; not applying it again", fill.execId(), fill.venue());
            return new PositionRecord(seq, timeNanos, position.view());
        }
        position.apply(fill.side(), fill.quantity(), fill.price(), seq);
        advance(seq);
        recentFills.add(fill);
        return new PositionRecord(seq, timeNanos, position.view());
    }

    // ---------------------------------------------------------------- venues (the chain)

    @Override
    public List<OrderView> setVenueState(VenueId venue, VenueSessionState state, long seq, long timeNanos) {
        recovered();
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
        recovered();
        return orders.get(anyClientOrderId);
    }

    @Override
    public Collection<OrderView> orders() {
        recovered();
        return orders.all();
    }

    @Override
    public Collection<OrderView> openOrders() {
        recovered();
        return orders.open();
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        recovered();
        return orders.open(instrument);
    }

    @Override
    public int openOrderCount() {
        recovered();
        return orders.openCount();
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        recovered();
        return positions.view(instrument);
    }

    @Override
    public Collection<PositionView> positions() {
        recovered();
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
        recovered();
        return lastSeq;
    }

    @Override
    public String stateHash() {
        recovered();
        return StateHasher.hash(books.sorted(), orders.sorted(), positions());
    }
}
