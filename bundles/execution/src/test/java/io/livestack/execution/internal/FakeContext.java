package io.livestack.execution.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.state.internal.InMemoryStateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The processing loop as the stages see it: a sequence number and time per event, the real state store. */
final class FakeContext implements ProcessingContext {

    final InMemoryStateStore state = new InMemoryStateStore();
    final Map<VenueId, FakeVenue> venues = new LinkedHashMap<>();
    final List<ExecutionRecord> records = new ArrayList<>();
    private long seq;
    private long now = 1_700_000_000_000_000_000L;
    private int ids;

    /** Moves to the next event: seq + 1, time + 1 ms. */
    FakeContext next() {
        seq++;
        now += 1_000_000L;
        return this;
    }

    FakeVenue addVenue(VenueId venue) {
        FakeVenue adapter = new FakeVenue(venue);
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
    public StateStore state() {
        return state;
    }

    @Override
    public VenueAdapter venue(VenueId venue) {
        return venues.get(venue);
    }

    @Override
    public Collection<VenueAdapter> venues() {
        return List.copyOf(venues.values());
    }

    @Override
    public void record(ExecutionRecord record) {
        records.add(record);
    }

    @Override
    public ClientOrderId nextClientOrderId() {
        return ClientOrderId.of("X" + (++ids));
    }

    @Override
    public void scheduleTimer(String owner, long atNanos, long token) {
        throw new UnsupportedOperationException("execution control schedules no timers");
    }

    List<String> orderEvents() {
        return records.stream().filter(r -> r instanceof OrderRecord).map(r -> ((OrderRecord) r).event()).toList();
    }

    List<FillRecord> fills() {
        return records.stream().filter(r -> r instanceof FillRecord).map(r -> (FillRecord) r).toList();
    }

    <T extends ExecutionRecord> List<T> records(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
