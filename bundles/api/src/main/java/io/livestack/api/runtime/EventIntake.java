package io.livestack.api.runtime;

import io.livestack.api.event.Event;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The single entry point of every input. Safe to call from any thread. Market data may be conflated per venue and
 * instrument under load; every other event is kept: when the queue is full the caller waits (back-pressure).
 */
@ProviderType
public interface EventIntake {

    /** Enqueue; waits while the queue is full (market data never waits: it is conflated instead). */
    void publish(Event event);

    /** Enqueue, waiting at most {@code timeout}; false if the queue stayed full. */
    boolean offer(Event event, long timeout, TimeUnit unit);

    /** Events waiting to be processed. */
    int queueDepth();

    /** {@link #lastJournaledVenueSeq}: the runtime is still recovering from its journal; ask again shortly. */
    long RECOVERING = -2;

    /**
     * The inbound sequence number (FIX MsgSeqNum) of the last report from this venue that the journal holds. A venue
     * adapter that (re)connects expects the venue's next message to be the one after it when its session store is
     * ahead — the venue resends what was received but never journaled (a crash in between). -1: the journal holds
     * none from this venue, or there is no journal (keep the session's own number); {@link #RECOVERING}: not known
     * yet.
     */
    default long lastJournaledVenueSeq(VenueId venue) {
        return -1;
    }

    /**
     * Whether {@code id} is a ClOrdID this runtime gave after the last one its journal holds: an order sent with it
     * was sent, but the input that caused it did not reach the disk (a power loss). Known once the recovery is done
     * ({@link #lastJournaledVenueSeq} no longer {@link #RECOVERING}); false for ids of other runtimes or sessions.
     */
    default boolean sentButNotJournaled(ClientOrderId id) {
        return false;
    }
}
