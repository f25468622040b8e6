package io.livestack.api.runtime;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collection;
import org.osgi.annotation.versioning.ProviderType;

/** What the processing loop gives the stages while it processes one event. Processing thread only. */
@ProviderType
public interface ProcessingContext {

    /** Sequence number of the event being processed. */
    long seq();

    /** Intake time of the event being processed: "now" for every stage. */
    long now();

    StateStore state();

    /** The adapter of that venue, or null when none is registered. */
    VenueAdapter venue(VenueId venue);

    Collection<VenueAdapter> venues();

    /** Hand a record to the execution-record sink (never blocks). */
    void record(ExecutionRecord record);

    /** A fresh ClOrdID, unique across sessions and deterministic for a given event sequence. */
    ClientOrderId nextClientOrderId();

    /** Schedule a {@link io.livestack.api.event.TimerEvent} for {@code owner} at event time {@code atNanos}. */
    void scheduleTimer(String owner, long atNanos, long token);
}
