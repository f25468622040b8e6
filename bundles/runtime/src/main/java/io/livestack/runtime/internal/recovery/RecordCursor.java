package io.livestack.runtime.internal.recovery;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal.EventRecords;
import io.livestack.journal.Frame;
import io.livestack.journal.JournalCursor;
import io.livestack.journal.JournalFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One reader's place in the journal's records: a {@link JournalCursor} follows the journal; an event's records are
 * delivered once its OUTCOME frames are all there (the last part says so), and the position it returns advances past
 * an event once the next input shows it is done. A read after another seq than where the cursor stands puts it there
 * first. Only frames up to {@code durableMark} are read. Its reader's calls are serialized.
 */
final class RecordCursor {

    private final Path directory;
    private JournalCursor cursor;
    private long position = -1;
    /** The seq of the last input seen, and whether its records (if any) are complete. */
    private long lastInput;
    private long outcomeSeq = -1;
    private final List<ExecutionRecord> parts = new ArrayList<>();

    RecordCursor(Path directory) {
        this.directory = directory;
    }

    synchronized long read(long afterSeq, int maxRecords, long durableMark, Consumer<EventRecords> into) {
        try {
            if (cursor == null || afterSeq != position) {
                reopen(afterSeq);
            }
            int[] delivered = {0};
            long[] done = {position};
            cursor.poll(Integer.MAX_VALUE, durableMark, f -> {
                switch (f.kind()) {
                    case INPUT -> {
                        if (lastInput > 0) {
                            done[0] = Math.max(done[0], lastInput); // the one before is done
                        }
                        lastInput = f.seq();
                        return delivered[0] < maxRecords;
                    }
                    case OUTCOME -> {
                        take(f, into, delivered, done);
                        return true;
                    }
                    default -> {
                        return true;
                    }
                }
            });
            position = done[0];
            return position;
        } catch (IOException e) {
            throw new UncheckedIOException("the journal in " + directory + " cannot be read: " + e.getMessage(), e);
        } catch (JournalFormatException e) {
            cursor = null;
            throw new IllegalStateException("the journal in " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void take(Frame f, Consumer<EventRecords> into, int[] delivered, long[] done) {
        if (f.seq() <= position) {
            return; // delivered before
        }
        if (outcomeSeq != f.seq()) {
            parts.clear();
            outcomeSeq = f.seq();
        }
        parts.addAll(f.records());
        if (f.lastPart()) {
            into.accept(new EventRecords(f.seq(), parts));
            delivered[0] += parts.size();
            parts.clear();
            outcomeSeq = -1;
            done[0] = Math.max(done[0], f.seq());
        }
    }

    private void reopen(long afterSeq) throws IOException {
        if (cursor != null) {
            cursor.close();
        }
        cursor = JournalCursor.open(directory, afterSeq + 1);
        position = afterSeq;
        lastInput = 0;
        outcomeSeq = -1;
        parts.clear();
    }

    synchronized void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}
