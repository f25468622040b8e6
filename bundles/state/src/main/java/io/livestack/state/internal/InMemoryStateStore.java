package io.livestack.state.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * The state stage: every piece of mutable runtime state, derived only from the calls the processing loop makes.
 * Single-threaded by contract (the processing thread mutates and reads); nothing here locks.
 * <p>
 * Books are kept per venue and instrument ({@link OrderBook}, sorted primitive arrays). Orders are kept by handle with
 * an alias index that resolves every ClOrdID of an order's chain (handle, current, pending request and anything
 * {@link #alias aliased}) to the handle, plus an index of open orders (overall and per instrument). Positions are
 * average-cost ({@link Position}). Known executions are "venue|execId" strings, the format storage recovers.
 * <p>
 * Recovery: when a {@link RecordRecovery} service is bound (it may come after this component, and may be redeployed)
 * its open orders, positions and recent execution keys are loaded once, on the processing thread at the next call,
 * provided no order or fill has been applied yet; a recovery that arrives later than that is ignored with a warning
 * because it would double count. So that it does not arrive too late at boot (storage may start after the chain), the
 * component is not {@link #ready() ready} until a recovery was applied (or attempted) or {@code recovery.waitMs}
 * (PID {@value StateConfiguration#PID}) passed since activation without one: intake processes no event before.
 * <p>
 * The component is immediate: it stays active (and keeps the state) while its consumer, intake, is redeployed; a
 * configuration change does not restart it ({@link Modified}).
 */
@Component(service = StateStore.class, immediate = true, configurationPid = StateConfiguration.PID)
@Designate(ocd = StateConfiguration.class)
public class InMemoryStateStore implements StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryStateStore.class);
    static final int RECENT_FILLS = 10_000;

    private final Map<VenueId, Map<InstrumentId, OrderBook>> booksByVenue = new HashMap<>();
    private final List<OrderBook> books = new ArrayList<>();
    private final Map<InstrumentId, Position> positions = new HashMap<>();
    private final Map<ClientOrderId, OrderView> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, ClientOrderId> aliases = new HashMap<>();
    private final Map<ClientOrderId, OrderView> openOrders = new LinkedHashMap<>();
    private final Map<InstrumentId, Map<ClientOrderId, OrderView>> openByInstrument = new HashMap<>();
    private final Set<String> executionKeys = new HashSet<>();
    /** The last {@value #RECENT_FILLS} fills applied, a ring (oldest overwritten). */
    private final FillRecord[] recentFills = new FillRecord[RECENT_FILLS];
    private int recentFillCount;
    private int recentFillNext;
    private final Map<VenueId, VenueSessionState> venueStates = new TreeMap<>();
    private final AtomicReference<RecordRecovery> pendingRecovery = new AtomicReference<>();
    private volatile boolean recoveryPending;
    private long lastSeq;
    private boolean recovered;
    /** A recovery was run (applied, or failed and given up): the wait is over. */
    private volatile boolean recoveryAttempted;
    private volatile boolean ready;
    private final LongSupplier nanoClock;
    private final long startedNanos;
    private volatile long recoveryWaitMillis;

    /** Unit tests and tools: a store that is ready at once (it recovers only if a recovery is offered before use). */
    public InMemoryStateStore() {
        this(0, System::nanoTime);
    }

    /** Unit tests and tools: a store that recovers from {@code recovery} at once. */
    public InMemoryStateStore(RecordRecovery recovery) {
        this();
        offerRecovery(recovery);
        ensureRecovered();
    }

    /** The component: waits up to {@code recovery.waitMs} for a recovery before it is ready. */
    @Activate
    public InMemoryStateStore(StateConfiguration config) {
        this(recoveryWaitMillis(config), System::nanoTime);
    }

    /**
     * A store that is not {@link #ready()} until a recovery was applied or {@code recoveryWaitMillis} passed on
     * {@code nanoClock} (a fake clock in tests) since now.
     */
    InMemoryStateStore(long recoveryWaitMillis, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startedNanos = nanoClock.getAsLong();
        this.recoveryWaitMillis = checkedWait(recoveryWaitMillis);
        if (recoveryWaitMillis > 0) {
            LOG.info("State holds the chain for up to {} ms until a record recovery (storage) is applied",
                    recoveryWaitMillis);
        }
    }

    /** A configuration change: only the recovery wait can change (the state is kept). */
    @Modified
    void modified(StateConfiguration config) {
        recoveryWaitMillis = recoveryWaitMillis(config);
    }

    static long recoveryWaitMillis(StateConfiguration config) {
        return checkedWait(config.recovery_waitMs());
    }

    private static long checkedWait(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(StateConfiguration.PID + ": " + StateConfiguration.RECOVERY_WAIT_MS
                    + " = " + millis + " is invalid, expected 0 (do not wait) or more milliseconds");
        }
        return millis;
    }

    /**
     * Ready once a recovery was applied (or attempted: a failed one is logged and not retried before events flow), or
     * when {@code recovery.waitMs} passed since activation without a recovery service. Runs a pending recovery.
     */
    @Override
    public boolean ready() {
        if (ready) {
            return true;
        }
        ensureRecovered();
        if (recoveryAttempted) {
            ready = true;
        } else if (nanoClock.getAsLong() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(recoveryWaitMillis)) {
            ready = true;
            if (recoveryWaitMillis > 0) {
                LOG.warn("No record recovery service (storage) within {} ms: starting without recovered state; a "
                        + "recovery that comes after orders or fills were applied is ignored", recoveryWaitMillis);
            }
        }
        return ready;
    }

    // ---------------------------------------------------------------- recovery (storage may come and go)

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecovery(RecordRecovery recovery) {
        offerRecovery(recovery);
    }

    void unbindRecovery(RecordRecovery recovery) {
        if (pendingRecovery.compareAndSet(recovery, null)) {
            recoveryPending = false;
        }
    }

    final void offerRecovery(RecordRecovery recovery) {
        pendingRecovery.set(recovery);
        recoveryPending = true;
    }

    /** Runs a pending recovery on the calling (processing) thread; cheap (one volatile read) when none is pending. */
    private void ensureRecovered() {
        if (!recoveryPending) {
            return;
        }
        recoveryPending = false;
        RecordRecovery recovery = pendingRecovery.getAndSet(null);
        if (recovery == null) {
            return;
        }
        if (recovered) {
            LOG.info("Record recovery service rebound; state was already recovered, ignoring it");
            return;
        }
        if (!orders.isEmpty() || !executionKeys.isEmpty() || positions.values().stream().anyMatch(p -> p.active)) {
            LOG.warn("Record recovery service arrived after orders or fills were applied; not recovering "
                    + "(it would double count). Open orders: {}, known executions: {}", openOrders.size(),
                    executionKeys.size());
            return;
        }
        recover(recovery);
    }

    private void recover(RecordRecovery recovery) {
        recoveryAttempted = true;
        try {
            Collection<OrderView> recoveredOrders = recovery.openOrders();
            Collection<PositionView> recoveredPositions = recovery.positions();
            Collection<String> keys = recovery.recentExecutionKeys();
            for (OrderView order : recoveredOrders) {
                putOrderInternal(order);
            }
            for (PositionView view : recoveredPositions) {
                positions.computeIfAbsent(view.instrument(), Position::new).restore(view);
            }
            executionKeys.addAll(keys);
            lastSeq = Math.max(lastSeq, recovery.lastSeq());
            recovered = true;
            LOG.info("State recovered from storage: {} open orders, {} positions, {} execution keys, last seq {}",
                    recoveredOrders.size(), recoveredPositions.size(), keys.size(), recovery.lastSeq());
        } catch (RuntimeException e) {
            LOG.error("State recovery from storage failed; starting from what was loaded so far", e);
        }
    }

    // ---------------------------------------------------------------- market data (hot path)

    @Override
    public void apply(long seq, MarketDataEvent event) {
        ensureRecovered();
        OrderBook book = bookFor(event.venue(), event.instrument());
        if (event instanceof BookDelta delta) {
            List<LevelChange> changes = delta.changes();
            for (int i = 0, n = changes.size(); i < n; i++) {
                LevelChange change = changes.get(i);
                (change.side() == Side.BUY ? book.bids : book.asks).set(change.price(), change.quantity());
            }
        } else if (event instanceof BookSnapshot snapshot) {
            book.bids.load(snapshot.bids());
            book.asks.load(snapshot.asks());
        } else if (event instanceof TradeTick trade) {
            book.lastTradePrice = trade.price();
        }
        book.lastUpdateSeq = seq;
        long mark = book.markPrice();
        if (mark != 0) {
            book.position.markPrice = mark;
        }
        if (seq > lastSeq) {
            lastSeq = seq;
        }
    }

    private OrderBook bookFor(VenueId venue, InstrumentId instrument) {
        Map<InstrumentId, OrderBook> byInstrument = booksByVenue.get(venue);
        if (byInstrument == null) {
            byInstrument = new HashMap<>();
            booksByVenue.put(venue, byInstrument);
        }
        OrderBook book = byInstrument.get(instrument);
        if (book == null) {
            book = new OrderBook(venue, instrument, positionFor(instrument));
            byInstrument.put(instrument, book);
            books.add(book);
        }
        return book;
    }

    private Position positionFor(InstrumentId instrument) {
        Position position = positions.get(instrument);
        if (position == null) {
            position = new Position(instrument);
            positions.put(instrument, position);
        }
        return position;
    }

    // ---------------------------------------------------------------- orders

    @Override
    public void putOrder(OrderView order) {
        ensureRecovered();
        putOrderInternal(order);
    }

    private void putOrderInternal(OrderView order) {
        ClientOrderId handle = order.clientOrderId();
        OrderView previous = orders.put(handle, order);
        aliasInternal(handle, handle);
        aliasInternal(order.currentClientOrderId(), handle);
        if (order.pendingClientOrderId() != null) {
            aliasInternal(order.pendingClientOrderId(), handle);
        }
        if (previous != null && !previous.instrument().equals(order.instrument())) {
            removeOpen(previous.instrument(), handle);
        }
        if (order.isOpen()) {
            openOrders.put(handle, order);
            openByInstrument.computeIfAbsent(order.instrument(), k -> new LinkedHashMap<>()).put(handle, order);
        } else {
            removeOpen(order.instrument(), handle);
        }
        if (order.updatedSeq() > lastSeq) {
            lastSeq = order.updatedSeq();
        }
    }

    private void removeOpen(InstrumentId instrument, ClientOrderId handle) {
        openOrders.remove(handle);
        Map<ClientOrderId, OrderView> index = openByInstrument.get(instrument);
        if (index != null) {
            index.remove(handle);
        }
    }

    @Override
    public void alias(ClientOrderId alias, ClientOrderId handle) {
        ensureRecovered();
        aliasInternal(alias, handle);
    }

    private void aliasInternal(ClientOrderId alias, ClientOrderId handle) {
        ClientOrderId before = aliases.putIfAbsent(alias, handle);
        if (before != null && !before.equals(handle)) {
            LOG.warn("ClOrdID {} already names order {}; not re-pointing it to {}", alias, before, handle);
        }
    }

    @Override
    public OrderView order(ClientOrderId anyClientOrderId) {
        ensureRecovered();
        ClientOrderId handle = aliases.get(anyClientOrderId);
        return handle == null ? null : orders.get(handle);
    }

    @Override
    public Collection<OrderView> orders() {
        ensureRecovered();
        return List.copyOf(orders.values());
    }

    @Override
    public Collection<OrderView> openOrders() {
        ensureRecovered();
        return List.copyOf(openOrders.values());
    }

    @Override
    public Collection<OrderView> openOrders(InstrumentId instrument) {
        ensureRecovered();
        Map<ClientOrderId, OrderView> index = openByInstrument.get(instrument);
        return index == null || index.isEmpty() ? List.of() : List.copyOf(index.values());
    }

    @Override
    public int openOrderCount() {
        ensureRecovered();
        return openOrders.size();
    }

    // ---------------------------------------------------------------- executions and positions

    @Override
    public boolean knowsExecution(VenueId venue, ExecId execId) {
        ensureRecovered();
        return executionKeys.contains(executionKey(venue, execId));
    }

    @Override
    public void rememberExecution(VenueId venue, ExecId execId) {
        ensureRecovered();
        executionKeys.add(executionKey(venue, execId));
    }

    /** The key storage recovers: "venue|execId". */
    static String executionKey(VenueId venue, ExecId execId) {
        return venue.value() + '|' + execId.value();
    }

    @Override
    public PositionRecord applyFill(long seq, long timeNanos, FillRecord fill) {
        ensureRecovered();
        Position position = positionFor(fill.instrument());
        if (!executionKeys.add(executionKey(fill.venue(), fill.execId()))) {
            LOG.warn("Fill {} at {} was applied before; not applying it again", fill.execId(), fill.venue());
            return new PositionRecord(seq, timeNanos, position.view());
        }
        position.apply(fill.side(), fill.quantity(), fill.price(), seq);
        if (seq > lastSeq) {
            lastSeq = seq;
        }
        recentFills[recentFillNext] = fill;
        recentFillNext = (recentFillNext + 1) % RECENT_FILLS;
        recentFillCount = Math.min(recentFillCount + 1, RECENT_FILLS);
        return new PositionRecord(seq, timeNanos, position.view());
    }

    @Override
    public List<FillRecord> recentFills(int max) {
        int n = Math.max(0, Math.min(max, recentFillCount));
        List<FillRecord> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(recentFills[(recentFillNext - i + RECENT_FILLS) % RECENT_FILLS]);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public PositionView position(InstrumentId instrument) {
        ensureRecovered();
        Position position = positions.get(instrument);
        return position == null ? PositionView.flat(instrument) : position.view();
    }

    @Override
    public Collection<PositionView> positions() {
        ensureRecovered();
        List<PositionView> views = new ArrayList<>();
        for (Position position : positions.values()) {
            if (position.active) {
                views.add(position.view());
            }
        }
        views.sort((a, b) -> a.instrument().compareTo(b.instrument()));
        return Collections.unmodifiableList(views);
    }

    // ---------------------------------------------------------------- books and venues

    @Override
    public BookView book(VenueId venue, InstrumentId instrument) {
        Map<InstrumentId, OrderBook> byInstrument = booksByVenue.get(venue);
        return byInstrument == null ? null : byInstrument.get(instrument);
    }

    @Override
    public Collection<? extends BookView> books() {
        return Collections.unmodifiableList(books);
    }

    @Override
    public void setVenueState(VenueId venue, VenueSessionState state) {
        ensureRecovered();
        venueStates.put(venue, state);
    }

    @Override
    public Map<VenueId, VenueSessionState> venueStates() {
        return Collections.unmodifiableMap(venueStates);
    }

    @Override
    public VenueSessionState venueState(VenueId venue) {
        return venueStates.get(venue);
    }

    @Override
    public long lastSeq() {
        ensureRecovered();
        return lastSeq;
    }

    @Override
    public String stateHash() {
        ensureRecovered();
        List<OrderBook> sortedBooks = new ArrayList<>(books);
        sortedBooks.sort((a, b) -> {
            int byVenue = a.venue().compareTo(b.venue());
            return byVenue != 0 ? byVenue : a.instrument().compareTo(b.instrument());
        });
        List<OrderView> sortedOrders = new ArrayList<>(orders.values());
        sortedOrders.sort((a, b) -> a.clientOrderId().compareTo(b.clientOrderId()));
        return StateHasher.hash(sortedBooks, sortedOrders, positions());
    }
}
