package io.livestack.runtime.internal.recovery;

import io.livestack.api.record.RecordJournal;
import io.livestack.runtime.internal.sequencer.EventJournal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@link RecordJournal} over the journal's files: each named reader (storage, the Kafka export) has its own
 * {@link RecordCursor}, so they follow the journal independently and never move each other's place. Only frames on
 * disk are read ({@code EventJournal.durableMark}): a record reaches a reader at most {@code syncIntervalMillis} after
 * its event, and never before the journal could recover it.
 * <p>
 * Retention: {@link #takeLowestRead} tells the snapshot writer the lowest seq any reader known to this runtime still
 * needs — for each, the lowest {@code afterSeq} it asked for since the last call, or, when it has not read since, the
 * last one it asked for (a reader that stopped still needs what it has not read). No reader yet: nothing goes.
 */
final class JournalRecords implements RecordJournal {

    static final long NOBODY = Long.MAX_VALUE;

    private final Path directory;
    private final Supplier<EventJournal> journal;
    private final Map<String, Reader> readers = new HashMap<>();

    /** A named reader's cursor and what it asked for. */
    private static final class Reader {
        final RecordCursor cursor;
        long lowestSinceTake = NOBODY;
        long lastAsked;

        Reader(RecordCursor cursor) {
            this.cursor = cursor;
        }
    }

    JournalRecords(Path directory, Supplier<EventJournal> journal) {
        this.directory = directory;
        this.journal = journal;
    }

    /** What the readers still need (the lowest seq after which one of them will ask for records); NOBODY if none. */
    synchronized long takeLowestRead() {
        long lowest = NOBODY;
        for (Reader r : readers.values()) {
            lowest = Math.min(lowest, r.lowestSinceTake != NOBODY ? r.lowestSinceTake : r.lastAsked);
            r.lowestSinceTake = NOBODY;
        }
        return lowest;
    }

    @Override
    public long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
        return read(STORAGE_READER, afterSeq, maxRecords, into);
    }

    @Override
    public long read(String reader, long afterSeq, int maxRecords, Consumer<EventRecords> into) {
        return asked(reader, afterSeq).read(afterSeq, maxRecords, journal.get().durableMark(), into);
    }

    private synchronized RecordCursor asked(String name, long afterSeq) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a record reader needs a name");
        }
        Reader r = readers.computeIfAbsent(name, n -> new Reader(new RecordCursor(directory)));
        r.lowestSinceTake = Math.min(r.lowestSinceTake, afterSeq);
        r.lastAsked = afterSeq;
        return r.cursor;
    }

    @Override
    public long lastSeq() {
        return journal.get().appendedSeq();
    }

    synchronized void close() {
        readers.values().forEach(r -> r.cursor.close());
    }
}
