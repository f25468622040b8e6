package io.livestack.runtime.internal.operator;

import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.Collection;
import java.util.SortedMap;

/** What the session controller may see and do in the chain, and nothing more. Processing thread only. */
interface SessionPort {

    /** The sequence number of the event being processed. */
    long seq();

    /** The intake time of the event being processed. */
    long now();

    /** The venues with an adapter now. */
    SortedMap<VenueId, VenueAdapter> venues();

    /** A venue's session state, or null when never seen. */
    VenueSessionState venueState(VenueId venue);

    Collection<OrderView> openOrders();

    /** The order by any of its ClOrdIDs, or null. */
    OrderView order(ClientOrderId id);

    /** Connects a venue (a failure is a fault of that venue, contained). */
    void connect(VenueAdapter adapter);

    void disconnect(VenueAdapter adapter);

    /** The strategy host starts its auto-start strategies; the result (never null) says how many. */
    CommandResult startStrategies();

    CommandResult stopStrategies();

    /** Sends a cancel for a session stop; false when it could not be sent (refusal recorded). */
    boolean cancelForStop(OrderView order);

    /** A session timer at event time {@code atNanos}. */
    void scheduleTimer(long atNanos, long token);

    /** A notice to the session itself, sequenced like a timer so that it has its place in the order. */
    void notice(long token);

    /** The runtime starts the session itself (auto-start). */
    void startSession();

    /** What is in force (bundles, configurations) goes into the journal, sequenced next (a MANIFEST event). */
    void journalManifest();

    void record(ExecutionRecord record);

    /** Whether inputs are journaled (false: the journal is off, nothing is durable). */
    boolean journaled();

    /** Whether the event being processed is replayed from the journal (a recovery or a verification). */
    boolean replaying();

    /**
     * How far the records are durable now: the journal on disk, the storage projection's mark. Not an input of the
     * chain: only for what a live poll sequences next ({@link #sequenceNext}).
     */
    StopFlush.Seen durability();

    /** An event of the runtime about itself, sequenced before anything queued (nothing while replaying). */
    void sequenceNext(RuntimeEvent event);

    /** The command's transition is over: audit it and reply. */
    void complete(PendingCommand command, CommandResult result);
}
