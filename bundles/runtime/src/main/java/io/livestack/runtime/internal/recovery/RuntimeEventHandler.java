package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateStore;
import io.livestack.journal.SnapshotFiles;
import io.livestack.journal.SnapshotFiles.Section;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.Guard;
import io.livestack.runtime.internal.chain.RuntimeEvents;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.runtime.internal.sequencer.EventJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's own events as the chain processes them (live, or again from the journal in a recovery):
 * <ul>
 * <li>SNAPSHOT: the state lets go of what it no longer needs ({@link io.livestack.api.state.StateStore#evict}), then
 * every stage is captured; the journal records the snapshot's state hash and the file is written on the snapshots'
 * thread. In a replay only the letting go happens again (the snapshot was taken when it happened).</li>
 * <li>RECOVERED: the process that had the venue sessions is gone: its bindings are dropped (the stages' states
 * carried to this process's, which bind after it), every venue the state knows is DISCONNECTED, and a
 * session that was starting or running connects its venues again (the strategy host restarts its running
 * strategies: the chain hands it the event).</li>
 * <li>MANIFEST: nothing: it is in the journal for the replay to compare with.</li>
 * </ul>
 */
final class RuntimeEventHandler implements RuntimeEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeEventHandler.class);

    private final ChainAgent agent;
    private final ChainSnapshots snapshots;
    private final Supplier<EventJournal> journal;
    private final SnapshotFilesWriter writer;
    private final OperatorCommands operator;
    private volatile long lastSnapshotSeq;
    private final List<String> manifestDifferences = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String lastSnapshotHash;

    RuntimeEventHandler(ChainAgent agent, ChainSnapshots snapshots, Supplier<EventJournal> journal,
            SnapshotFilesWriter writer, OperatorCommands operator) {
        this.agent = agent;
        this.snapshots = snapshots;
        this.journal = journal;
        this.writer = writer;
        this.operator = operator;
    }

    @Override
    public void on(RuntimeEvent event, boolean replayed) {
        switch (event.kind()) {
            case SNAPSHOT -> snapshot(replayed);
            case RECOVERED -> recovered();
            case MANIFEST -> {
                if (replayed) {
                    compareManifest(event.detail());
                }
            }
            default -> throw new IllegalStateException("unknown runtime event " + event.kind());
        }
    }

    private void snapshot(boolean replayed) {
        long seq = agent.clock().seq();
        long now = agent.clock().now();
        StateStore state = agent.stages().state();
        Guard.run(Stage.STATE, () -> state.evict(now));
        if (replayed || !journal.get().enabled()) {
            return;
        }
        Map<Section, byte[]> sections = Guard.call(Stage.CHAIN, snapshots::capture);
        String hash = SnapshotFiles.hash(sections);
        journal.get().snapshotTaken(seq, hash, SnapshotFiles.fileName(seq));
        writer.write(seq, sections);
        lastSnapshotSeq = seq;
        lastSnapshotHash = hash;
    }

    private void recovered() {
        // the writing process's services are gone with it (every stage leaves, its snapshot carried; every venue
        // goes); this process's bindings follow in the journal. Here, not at the end of the replay, so that a later
        // replay of this journal does the same at the same place.
        agent.bindings().reset();
        agent.bindingsChanged();
        long seq = agent.clock().seq();
        long now = agent.clock().now();
        StateStore state = agent.stages().state();
        List<VenueId> venues = new ArrayList<>(state.venueStates().keySet());
        for (VenueId venue : venues) {
            if (state.venueState(venue) == VenueSessionState.DISCONNECTED) {
                continue;
            }
            List<OrderView> changed = Guard.call(Stage.STATE, () -> state.setVenueState(venue,
                    VenueSessionState.DISCONNECTED, seq, now));
            for (OrderView order : changed) {
                agent.records().add(new OrderRecord(seq, now, order.venueAvailable() ? OrderEvent.VENUE_AVAILABLE
                        : OrderEvent.VENUE_UNAVAILABLE, order));
            }
            agent.records().add(new MetadataRecord(seq, now, MetadataRecord.Kind.VENUE, venue.value(),
                    "DISCONNECTED: the process that had its session stopped"));
        }
        operator.reconnectVenues();
        LOG.info("recovered: {} venue sessions marked DISCONNECTED, venues of a running session connected again",
                venues.size());
    }

    /** In a replay: what the recorded session had in force that this runtime has otherwise (at most 20 lines). */
    private void compareManifest(Map<String, String> recorded) {
        if (recorded == null) {
            return;
        }
        Map<String, String> now = operator.currentManifest();
        if (now.isEmpty()) {
            return;
        }
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(recorded.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String was = recorded.get(key);
            String is = now.get(key);
            if (!java.util.Objects.equals(was, is) && manifestDifferences.size() < 20) {
                String line = key + ": recorded " + (was == null ? "(none)" : was) + ", here " + (is == null ? "(none)"
                        : is);
                if (!manifestDifferences.contains(line)) {
                    manifestDifferences.add(line);
                }
            }
        }
    }

    /** What differed between a replayed session's manifests and this runtime's (a verification's report). */
    List<String> manifestDifferences() {
        return List.copyOf(manifestDifferences);
    }

    long lastSnapshotSeq() {
        return lastSnapshotSeq;
    }

    String lastSnapshotHash() {
        return lastSnapshotHash;
    }
}
