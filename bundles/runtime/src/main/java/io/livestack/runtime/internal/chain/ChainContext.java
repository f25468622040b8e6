package io.livestack.runtime.internal.chain;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.DecisionLog;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.OrderStore;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.sequencer.Sequencer;

/**
 * What the chain gives the stages for the event being processed, each only what it needs: execution control gets
 * this {@link ExecutionContext} (order mutation, venues); the strategy host gets {@link #forStrategies()}, a
 * {@link ProcessingContext} with the read-only state and nothing else. Processing thread only.
 */
public final class ChainContext extends EventContext implements ExecutionContext {

    private final ProcessingContext forStrategies;
    private Stages stages;

    ChainContext(EventClock clock, Sequencer sequencer, EventRecords records, ChainJournal decisions) {
        super(clock, sequencer, records, new ReadOnlyState());
        this.forStrategies = new StrategyView(clock, sequencer, records, view(), decisions);
    }

    /** The stages of the events to come. */
    void use(Stages current) {
        stages = current;
        view().follow(current.state());
    }

    @Override
    public OrderStore orders() {
        return stages.state();
    }

    @Override
    public VenueAdapter venue(VenueId venue) {
        return venue == null ? null : stages.venues().get(venue);
    }

    /** The context of the strategy host: the same event, without orders or venues. */
    public ProcessingContext forStrategies() {
        return forStrategies;
    }

    /**
     * The strategy host's context: it schedules strategies' timers only, never the runtime's own, and reports what
     * strategies decide to the journal.
     */
    private static final class StrategyView extends EventContext {

        private final ChainJournal decisions;

        StrategyView(EventClock clock, Sequencer sequencer, EventRecords records, ReadOnlyState view,
                ChainJournal decisions) {
            super(clock, sequencer, records, view);
            this.decisions = decisions;
        }

        @Override
        public DecisionLog decisions() {
            return decisions;
        }

        @Override
        public void scheduleTimer(TimerOwner owner, long atNanos, long token) {
            if (owner.kind() != TimerOwner.Kind.STRATEGY) {
                throw new IllegalArgumentException("the strategy host schedules strategies' timers, not " + owner);
            }
            super.scheduleTimer(owner, atNanos, token);
        }
    }
}
