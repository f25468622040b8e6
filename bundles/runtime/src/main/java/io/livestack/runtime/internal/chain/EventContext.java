package io.livestack.runtime.internal.chain;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.StateView;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.Objects;

/**
 * What every stage gets for the event being processed: its sequence number and time, the read-only state, the
 * records it causes, fresh ClOrdIDs and timers. {@link ChainContext} adds what only execution control gets.
 * Processing thread only.
 */
class EventContext implements ProcessingContext {

    private final EventClock clock;
    private final Sequencer sequencer;
    private final EventRecords records;
    private final ReadOnlyState view;

    EventContext(EventClock clock, Sequencer sequencer, EventRecords records, ReadOnlyState view) {
        this.clock = clock;
        this.sequencer = sequencer;
        this.records = records;
        this.view = view;
    }

    @Override
    public long seq() {
        return clock.seq();
    }

    @Override
    public long now() {
        return clock.now();
    }

    @Override
    public StateView state() {
        return view;
    }

    @Override
    public void record(ExecutionRecord record) {
        records.add(Objects.requireNonNull(record, "record"));
    }

    @Override
    public ClientOrderId nextClientOrderId() {
        return sequencer.nextClientOrderId();
    }

    @Override
    public void scheduleTimer(TimerOwner owner, long atNanos, long token) {
        sequencer.scheduleTimer(owner, atNanos, token);
    }

    ReadOnlyState view() {
        return view;
    }
}
