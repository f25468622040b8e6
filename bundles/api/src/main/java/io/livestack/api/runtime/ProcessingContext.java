package io.livestack.api.runtime;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.state.StateView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the chain gives a stage while it processes one event: the event's place and time, a read-only view of the
 * state, and the few things every stage may do. Processing thread only; valid for the event being processed.
 * Execution control, the one stage that changes orders and talks to venues, gets an {@link ExecutionContext}.
 */
@ProviderType
public interface ProcessingContext {

    /** Sequence number of the event being processed. */
    long seq();

    /** Intake time of the event being processed: "now" for every stage. */
    long now();

    /** The derived state, read-only. */
    StateView state();

    /** Hand a record to the execution-record sink, as part of this event's records (never blocks). */
    void record(ExecutionRecord record);

    /** A fresh ClOrdID, unique across sessions and deterministic for a given event sequence. */
    ClientOrderId nextClientOrderId();

    /** Schedule a {@link io.livestack.api.event.TimerEvent} for {@code owner} at event time {@code atNanos}. */
    void scheduleTimer(TimerOwner owner, long atNanos, long token);

    /**
     * Where the strategy host reports what strategies decide (journaled), and, in a recovery, learns what they decided
     * when they ran. Only the strategy host's context has one; the default journals nothing.
     */
    default DecisionLog decisions() {
        return DecisionLog.NONE;
    }
}
