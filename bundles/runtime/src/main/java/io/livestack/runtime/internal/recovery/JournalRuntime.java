package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.record.RecordJournal;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.StageBinder;
import io.livestack.runtime.internal.operator.JournalView;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.runtime.internal.sequencer.Sequencer;

/**
 * The journal's part of the runtime put together: the {@link Recovery} the chain runs before live events, the
 * snapshots (captured by the chain at SNAPSHOT events, written and pruned by their own thread, asked for by time and
 * by count) and the handling of the runtime's own events.
 */
public final class JournalRuntime implements JournalView, AutoCloseable {

    private final Sequencer sequencer;
    private final ChainAgent agent;
    private final Recovery recovery;
    private final SnapshotFilesWriter writer;
    private final RuntimeEventHandler events;
    private final ChainSnapshots snapshots;
    private final JournalRecords records;
    private final java.nio.file.Path directory;

    public JournalRuntime(JournalConfig config, Sequencer sequencer, ChainAgent agent, OperatorCommands operator,
            StageBinder binder) {
        this.sequencer = sequencer;
        this.agent = agent;
        this.directory = config.directory();
        this.snapshots = new ChainSnapshots(agent, sequencer.recovery(), operator);
        this.records = new JournalRecords(config.directory(), sequencer::journal);
        this.writer = new SnapshotFilesWriter(config.directory(), config.snapshotsRetained(), config.retainMillis(),
                records::takeLowestRead);
        this.events = new RuntimeEventHandler(agent, snapshots, sequencer::journal, writer, operator);
        this.recovery = new Recovery(config, sequencer, agent, snapshots, binder, events::manifestDifferences);
        agent.startup(recovery);
        agent.runtimeEvents(events);
        agent.snapshotEvery(config.snapshotIntervalEvents());
        writer.schedule(sequencer, config.snapshotIntervalMillis());
    }

    public Recovery recovery() {
        return recovery;
    }

    /** The journaled records, for storage to follow. */
    public RecordJournal records() {
        return records;
    }

    /** The hash a snapshot taken now would record (processing thread: run it in a query). */
    public String hashNow() {
        return snapshots.hash();
    }

    /** Processing thread: the hash of each section of the chain now (which stage differs). */
    public java.util.Map<io.livestack.journal.SnapshotFiles.Section, String> sectionHashesNow() {
        return snapshots.sectionHashes();
    }

    @Override
    public String recoveryStatus() {
        return recovery.status();
    }

    @Override
    public String recoveryFailure() {
        return recovery.failure();
    }

    @Override
    public java.nio.file.Path directory() {
        return directory;
    }

    @Override
    public String startFresh(String user) {
        return recovery.startFresh(user);
    }

    @Override
    public long lastSnapshotSeq() {
        return events.lastSnapshotSeq();
    }

    @Override
    public String snapshotFailure() {
        return writer.lastFailure();
    }

    /** Before a clean stop: one more snapshot, so that the next start replays nothing. */
    public void beforeStop() {
        if (agent.started()) {
            sequencer.publishNotice(new RuntimeEvent(sequencer.clock().nanos(), RuntimeEvent.Kind.SNAPSHOT, null));
        }
    }

    /** After the processing thread stopped: the snapshot files are written, then the journal is closed. */
    @Override
    public void close() {
        writer.close();
        records.close();
    }
}
