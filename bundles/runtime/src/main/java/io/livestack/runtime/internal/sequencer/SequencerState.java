package io.livestack.runtime.internal.sequencer;

import io.livestack.api.model.VenueId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequencer's own state, as a snapshot holds it: where the order of events stands (the last seq and intake
 * time), where the ClOrdIDs stand (the session tag, null before the first event, and the counter), and the runtime's
 * own pending timers, and per venue the inbound sequence number of the last report journaled.
 */
public record SequencerState(long lastSeq, long lastIntakeNanos, String clOrdIdTag, long clOrdIdCounter,
        List<PendingTimer> runtimeTimers, Map<VenueId, Long> venueSeqs) {

    public SequencerState {
        runtimeTimers = List.copyOf(runtimeTimers);
        venueSeqs = java.util.Collections.unmodifiableMap(new TreeMap<>(venueSeqs));
    }
}
