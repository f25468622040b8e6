package io.livestack.api.record;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The execution records as the runtime journals them, for a projection (storage) to follow: the records of each
 * event, whole and in order, after a seq. Nothing is lost when the projection lags or stops: it reads on from where
 * it stood. Several readers follow it independently, each under its own name ({@link #read(String, long, int,
 * Consumer)}); the unnamed {@link #read(long, int, Consumer)} is the reader {@value #STORAGE_READER}. One call at a time
 * per reader.
 */
@ProviderType
public interface RecordJournal {

    /** The name of the reader that {@link #read(long, int, Consumer)} reads for: storage's projection. */
    String STORAGE_READER = "storage";

    /** One event's records, in the order the event produced them (their position is the record's place). */
    record EventRecords(long seq, List<ExecutionRecord> records) {
        public EventRecords {
            records = List.copyOf(records);
        }
    }

    /**
     * Delivers the records of the events after {@code afterSeq}, in order and whole, about {@code maxRecords} at most;
     * returns the seq up to which every event is known to be delivered (an event without records included) — where
     * the next read continues; {@code afterSeq} when there is nothing new yet.
     *
     * @throws IllegalStateException when the journal no longer holds the events after {@code afterSeq} (they were
     *         let go before this reader got them) or cannot be read; the message names the seqs
     */
    long read(long afterSeq, int maxRecords, Consumer<EventRecords> into);

    /**
     * {@link #read(long, int, Consumer)} for the reader named {@code reader}: each name has its own place in the
     * journal, so one reader's reads never move another's, and the journal keeps the events after the lowest seq any
     * of them still asks for. The default is for journals whose reads keep no place of their own (they answer every
     * reader alike).
     *
     * @since 2.5
     */
    default long read(String reader, long afterSeq, int maxRecords, Consumer<EventRecords> into) {
        return read(afterSeq, maxRecords, into);
    }

    /** The seq of the last input journaled (a projection there has caught up); 0 without a journal. */
    long lastSeq();
}
