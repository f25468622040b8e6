package io.livestack.runtime.internal.sequencer;

import java.util.List;

/**
 * The sequencer's own state, as a snapshot holds it: where the order of events stands (the last seq and intake
 * time), where the ClOrdIDs stand (the session tag, null before the first event, and the counter), and the runtime's
 * own pending timers.
 */
public record SequencerState(long lastSeq, long lastIntakeNanos, String clOrdIdTag, long clOrdIdCounter,
        List<PendingTimer> runtimeTimers) {

    public SequencerState {
        runtimeTimers = List.copyOf(runtimeTimers);
    }
}
