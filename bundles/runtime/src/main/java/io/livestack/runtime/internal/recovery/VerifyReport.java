package io.livestack.runtime.internal.recovery;

import io.livestack.runtime.internal.VerifyConfig;
import io.livestack.runtime.internal.chain.ChainJournal;
import io.livestack.journal.SnapshotFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of a verification, in one line that starts with {@code IDENTICAL} or {@code DIVERGED}: how many events
 * were replayed, how many snapshots' state hashes were checked, the first event whose records differ (seq, stage,
 * expected vs produced), the first snapshot whose hash differs, which configurations were replaced (what-if), and
 * what the recorded session's manifests (bundle versions, configuration) have otherwise than this runtime.
 */
final class VerifyReport {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyReport.class);

    private VerifyReport() {
    }

    static String of(JournalReplay replay, ChainJournal journal, VerifyConfig config, SnapshotFiles.Snapshot start,
            String endHash, long millis, java.util.List<String> manifestDifferences) {
        boolean identical = journal.firstDivergence() == null && replay.firstHashMismatch == null;
        StringBuilder s = new StringBuilder(identical ? "IDENTICAL: " : "DIVERGED: ");
        s.append(replay.events).append(" events replayed (seq ").append(replay.firstSeq).append("..")
                .append(replay.lastSeq).append(start == null ? ", from the journal's start" : ", from the recorded "
                        + "snapshot at seq " + start.seq()).append(") in ").append(millis).append(" ms; ")
                .append(config.strategies() == VerifyConfig.Strategies.CALL
                        ? "strategies called, their decisions compared; " : "strategies' journaled decisions replayed; ")
                .append(replay.snapshotsChecked).append(" snapshot state hashes checked; end state hash ")
                .append(endHash, 0, 16);
        if (journal.firstDivergence() != null) {
            s.append("; ").append(journal.divergences()).append(" events produced other records, first at ")
                    .append(journal.firstDivergence());
        }
        if (replay.firstHashMismatch != null) {
            s.append("; ").append(replay.firstHashMismatch);
        }
        if (!journal.whatIfApplied().isEmpty()) {
            s.append("; what-if configuration in force instead of the journaled one: ")
                    .append(String.join(", ", journal.whatIfApplied()));
        } else if (!config.configs().isEmpty()) {
            s.append("; what-if configuration given for ").append(config.configs().keySet())
                    .append(" but the journal configured no such PID");
        }
        if (!manifestDifferences.isEmpty()) {
            s.append("; recorded configuration or bundle versions that differ here: ")
                    .append(String.join("; ", manifestDifferences));
        }
        return s.toString();
    }

    static void write(Path file, String report) {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, report + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("verify: cannot write the report to {}: {}", file, e.toString());
        }
    }
}
