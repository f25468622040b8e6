package io.livestack.testkit;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderStore;
import io.livestack.api.state.StateStore;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chain as a stage sees it while it processes one event: a sequence number and a time ({@link #next()} moves to
 * the next event), a state (a real store, or a {@link SimpleState}), {@link RecordingVenue}s, and what the stage did:
 * the records it made, the timers it asked for, the ClOrdIDs it took ({@code prefix} + 1, 2, ...). The one fake
 * processing context of every stage's tests.
 */
public final class TestContext implements ExecutionContext {

    /** A timer a stage asked for. */
    public record Timer(TimerOwner owner, long atNanos, long token) {
    }

    public final StateStore state;
    public final Map<VenueId, RecordingVenue> venues = new LinkedHashMap<>();
    public final List<ExecutionRecord> records = new ArrayList<>();
    public final List<Timer> timers = new ArrayList<>();
    private final String idPrefix;
    private long seq;
    private long now;
    private int ids;

    /** A context over {@code state}, at seq {@code seq} and time {@code now}; ClOrdIDs {@code idPrefix} + n. */
    public TestContext(StateStore state, String idPrefix, long seq, long now) {
        this.state = state;
        this.idPrefix = idPrefix;
        this.seq = seq;
        this.now = now;
    }

    /** A context over {@code state} at seq 0, 2023-11-14 (epoch nanos); ClOrdIDs X1, X2, ... */
    public TestContext(StateStore state) {
        this(state, "X", 0, ManualClock.EPOCH);
    }

    public TestContext() {
        this(new SimpleState());
    }

    /** Moves to the next event: seq + 1, time + 1 ms. */
    public TestContext next() {
        seq++;
        now += 1_000_000L;
        return this;
    }

    /** Moves to event {@code seq} at {@code now}. */
    public TestContext at(long seq, long now) {
        this.seq = seq;
        this.now = now;
        return this;
    }

    public RecordingVenue addVenue(VenueId venue, InstrumentId... instruments) {
        RecordingVenue adapter = new RecordingVenue(venue, instruments);
        venues.put(venue, adapter);
        return adapter;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public StateView state() {
        return state;
    }

    @Override
    public OrderStore orders() {
        return state;
    }

    @Override
    public VenueAdapter venue(VenueId venue) {
        return venues.get(venue);
    }

    @Override
    public void record(ExecutionRecord record) {
        records.add(record);
    }

    @Override
    public ClientOrderId nextClientOrderId() {
        return ClientOrderId.of(idPrefix + (++ids));
    }

    @Override
    public void scheduleTimer(TimerOwner owner, long atNanos, long token) {
        timers.add(new Timer(owner, atNanos, token));
    }

    public <T extends ExecutionRecord> List<T> records(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<OrderEvent> orderEvents() {
        return records(OrderRecord.class).stream().map(OrderRecord::event).toList();
    }

    public List<FillRecord> fills() {
        return records(FillRecord.class);
    }

    public List<MetadataRecord> metadata(MetadataRecord.Kind kind) {
        return records(MetadataRecord.class).stream().filter(r -> r.kind() == kind).toList();
    }

    public List<RiskRejectionRecord> rejections() {
        return records(RiskRejectionRecord.class);
    }
}
