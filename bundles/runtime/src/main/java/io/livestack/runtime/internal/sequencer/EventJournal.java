package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.ExecutionRecord;
import java.util.List;

/**
 * The write-ahead journal as the runtime appends to it, on the processing thread: each input as it is sequenced
 * (before anything it causes leaves the process), what strategies decided while it was processed, the records it
 * produced, and where snapshots were taken. An append returns false when it could not be made; {@link #failure()}
 * then says why, and the chain takes no new orders until it is null again.
 */
public interface EventJournal extends AutoCloseable {

    /** Appends nothing, never fails: a runtime without a journal (benchmarks, tests) — nothing is recoverable. */
    EventJournal OFF = new EventJournal() {
        @Override
        public boolean input(Sequenced event) {
            return true;
        }

        @Override
        public boolean decision(long seq, int callback, Intent intent) {
            return true;
        }

        @Override
        public boolean fault(long seq, int callback, StrategyId strategy, String headline, String summary) {
            return true;
        }

        @Override
        public boolean outcome(long seq, List<ExecutionRecord> records) {
            return true;
        }

        @Override
        public boolean snapshotTaken(long seq, String stateHash, String file) {
            return true;
        }

        @Override
        public String failure() {
            return null;
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public long appendedSeq() {
            return 0;
        }

        @Override
        public long durableSeq() {
            return 0;
        }

        @Override
        public void close() {
        }
    };

    boolean input(Sequenced event);

    boolean decision(long seq, int callback, Intent intent);

    boolean fault(long seq, int callback, StrategyId strategy, String headline, String summary);

    boolean outcome(long seq, List<ExecutionRecord> records);

    boolean snapshotTaken(long seq, String stateHash, String file);

    /** Why new orders must wait (appends are failing, or cannot be forced to disk), or null. */
    String failure();

    /** False for {@link #OFF}. */
    boolean enabled();

    /** The last input appended. */
    long appendedSeq();

    /** The last input forced to disk. */
    long durableSeq();

    /**
     * Where the journal is on disk (a {@code JournalFormat.mark}): storage reads no frame past it, so that the database
     * is never ahead of the journal, even after a power loss. {@link #OFF}: no limit.
     */
    default long durableMark() {
        return Long.MAX_VALUE;
    }

    /** Forces what was appended and closes the files. */
    @Override
    void close();
}
