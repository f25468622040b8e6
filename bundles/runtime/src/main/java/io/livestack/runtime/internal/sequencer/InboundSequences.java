package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.model.VenueId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per venue, the inbound sequence number (FIX MsgSeqNum) of the last report the journal holds: set as each report
 * is journaled (or replayed from the journal), kept in snapshots. After a restart a venue adapter asks the venue to
 * resend from the next number, so that what the venue sent and the journal never saw comes again. Written on the
 * processing thread, read by the adapters' threads.
 */
final class InboundSequences {

    private final Map<VenueId, Long> last = new ConcurrentHashMap<>();

    /** The event was journaled: a report with a venue sequence number moves its venue's mark. */
    void journaled(Event event) {
        if (event instanceof ExecutionReport r) {
            mark(r.venue(), r.venueSeq());
        } else if (event instanceof OrderCancelRejected r) {
            mark(r.venue(), r.venueSeq());
        }
    }

    private void mark(VenueId venue, long seq) {
        if (seq > 0) {
            last.put(venue, seq); // the last, not the highest: a venue's numbers start again after a reset
        }
    }

    /** The venue's last journaled inbound number, or -1 when the journal holds none from it. */
    long last(VenueId venue) {
        return last.getOrDefault(venue, -1L);
    }

    Map<VenueId, Long> state() {
        return new TreeMap<>(last);
    }

    void restore(Map<VenueId, Long> state) {
        last.clear();
        last.putAll(state);
    }
}
