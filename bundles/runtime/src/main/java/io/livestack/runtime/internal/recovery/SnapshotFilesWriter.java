package io.livestack.runtime.internal.recovery;

import io.livestack.api.event.RuntimeEvent;
import io.livestack.journal.JournalRetention;
import io.livestack.journal.SnapshotFiles;
import io.livestack.journal.SnapshotFiles.Section;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots' own thread ({@value #THREAD}): it asks for a snapshot every {@code snapshot.intervalMillis} (a
 * SNAPSHOT event, sequenced like any other so that a replay takes it at the same place), writes the files the chain
 * captured, and keeps the newest {@code snapshot.retain} of them.
 */
final class SnapshotFilesWriter implements AutoCloseable {

    static final String THREAD = "livestack-snapshots";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFilesWriter.class);

    private final Path directory;
    private final int retain;
    private final long segmentRetainMillis;
    private final java.util.function.LongSupplier recordsNeededAfter;
    private final ScheduledExecutorService executor;
    private volatile String lastFailure;
    private volatile long lastWrittenSeq;

    /**
     * @param segmentRetainMillis how long a journal segment nobody needs is kept (0: forever)
     * @param recordsNeededAfter  the lowest seq after which the record readers (storage) asked for records since the
     *                            last call, or {@link JournalRecords#NOBODY}
     */
    SnapshotFilesWriter(Path directory, int retain, long segmentRetainMillis,
            java.util.function.LongSupplier recordsNeededAfter) {
        this.directory = directory;
        this.retain = retain;
        this.segmentRetainMillis = segmentRetainMillis;
        this.recordsNeededAfter = recordsNeededAfter;
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = e;
    }

    /** Asks for a snapshot every {@code intervalMillis} (0: never by time). */
    void schedule(Sequencer sequencer, long intervalMillis) {
        if (intervalMillis > 0) {
            executor.scheduleWithFixedDelay(() -> sequencer.publishNotice(new RuntimeEvent(sequencer.clock().nanos(),
                    RuntimeEvent.Kind.SNAPSHOT, null)), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Writes a captured snapshot (on this thread), then lets go of the oldest beyond the ones kept. */
    void write(long seq, Map<Section, byte[]> sections) {
        executor.execute(() -> {
            try {
                Path file = SnapshotFiles.write(directory, seq, sections);
                lastWrittenSeq = seq;
                lastFailure = null;
                LOG.info("snapshot at seq {} written: {}", seq, file.getFileName());
                prune();
            } catch (IOException | RuntimeException e) {
                lastFailure = "snapshot at seq " + seq + " not written: " + e;
                LOG.error("snapshot at seq {} could not be written to {}", seq, directory, e);
            }
        });
    }

    private void prune() throws IOException {
        List<Path> files = SnapshotFiles.list(directory);
        for (int i = 0; i < files.size() - retain; i++) {
            Files.deleteIfExists(files.get(i));
        }
        pruneSegments();
    }

    /**
     * Journal segments go when a recovery no longer needs them (their frames are at or before the oldest snapshot
     * kept), the record readers (storage, the Kafka export) have read past them (each asked for the records after a later seq since the last time; no
     * reader, nothing goes: the journal may hold records no database has), and they are older than
     * {@code journal.retainMillis}.
     */
    private void pruneSegments() throws IOException {
        long read = recordsNeededAfter.getAsLong();
        if (segmentRetainMillis == 0 || read == JournalRecords.NOBODY) {
            return;
        }
        List<Path> snapshots = SnapshotFiles.list(directory);
        if (snapshots.isEmpty()) {
            return;
        }
        long oldestSnapshot = SnapshotFiles.seqOf(snapshots.get(0));
        JournalRetention.prune(directory, Math.min(oldestSnapshot, read),
                System.currentTimeMillis() - segmentRetainMillis);
    }

    /** Why the last snapshot could not be written, or null. */
    String lastFailure() {
        return lastFailure;
    }

    long lastWrittenSeq() {
        return lastWrittenSeq;
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("snapshot writer did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
