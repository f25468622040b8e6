package io.livestack.api.record;

import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The execution records as the runtime journals them, for a projection (storage) to follow: the records of each
 * event, whole and in order, after a seq. Nothing is lost when the projection lags or stops: it reads on from where
 * it stood. One reader at a time.
 */
@ProviderType
public interface RecordJournal {

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

    /** The seq of the last input journaled (a projection there has caught up); 0 without a journal. */
    long lastSeq();
}
