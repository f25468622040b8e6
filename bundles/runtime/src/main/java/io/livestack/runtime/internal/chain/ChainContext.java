package io.livestack.runtime.internal.chain;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.OrderStore;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.Objects;

/**
 * What the chain gives the stages for the event being processed, each only what it needs: execution control gets
 * this {@link ExecutionContext} (order mutation, venues); the strategy host gets {@link #forStrategies()}, a
 * {@link ProcessingContext} with the read-only state and nothing else. Processing thread only.
 */
public final class ChainContext implements ExecutionContext {

    private final EventClock clock;
    private final Sequencer sequencer;
    private final EventRecords records;
    private final ReadOnlyState view = new ReadOnlyState();
    private final ProcessingContext forStrategies = new StrategyView();
    private Stages stages;

    ChainContext(EventClock clock, Sequencer sequencer, EventRecords records) {
        this.clock = clock;
        this.sequencer = sequencer;
        this.records = records;
    }

    /** The stages of the events to come. */
    void use(Stages current) {
        stages = current;
        view.follow(current.state());
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
    public OrderStore orders() {
        return stages.state();
    }

    @Override
    public VenueAdapter venue(VenueId venue) {
        return venue == null ? null : stages.venues().get(venue);
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

    /** The context of the strategy host: the same event, without orders or venues. */
    public ProcessingContext forStrategies() {
        return forStrategies;
    }

    private final class StrategyView implements ProcessingContext {

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
            ChainContext.this.record(record);
        }

        @Override
        public ClientOrderId nextClientOrderId() {
            return sequencer.nextClientOrderId();
        }

        /** Strategies' timers only: the runtime's own timers are not the host's to schedule. */
        @Override
        public void scheduleTimer(TimerOwner owner, long atNanos, long token) {
            if (owner.kind() != TimerOwner.Kind.STRATEGY) {
                throw new IllegalArgumentException("the strategy host schedules strategies' timers, not " + owner);
            }
            sequencer.scheduleTimer(owner, atNanos, token);
        }
    }
}
