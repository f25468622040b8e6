package io.livestack.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of the journal's oldest segments once nothing needs them: every frame of a segment is at or before
 * {@code neededAfter} (a recovery starts after the oldest snapshot kept, the storage projection has read past it) and
 * the file is older than the retention (kept for replays and audits meanwhile). Only leading segments go, so the rest
 * stays one run of seqs; the segment being written, and the one after a removed one's last seq is unknown, never go.
 */
public final class JournalRetention {

    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);

    private JournalRetention() {
    }

    /** Removes the leading segments whose last seq is at most {@code neededAfter} and older than {@code olderThan}. */
    public static List<Path> prune(Path directory, long neededAfter, long olderThanMillis) throws IOException {
        List<Path> segments = JournalReader.segments(directory);
        List<Path> removed = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            long nextFirst = JournalCursor.firstSeq(segments.get(i + 1));
            if (nextFirst <= 0) {
                break; // the next one is prepared, not used: this one is the active segment
            }
            // an event's frames may straddle two segments: this one's frames are at most the next one's first seq
            if (nextFirst > neededAfter || Files.getLastModifiedTime(segments.get(i)).toMillis() > olderThanMillis) {
                break;
            }
            Files.delete(segments.get(i));
            removed.add(segments.get(i));
        }
        if (!removed.isEmpty()) {
            LOG.info("journal retention: removed {} segment(s) up to {} (every frame at or before seq {}, which "
                    + "neither a recovery nor storage needs any more)", removed.size(),
                    removed.get(removed.size() - 1).getFileName(), neededAfter);
        }
        return removed;
    }
}
