package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import java.util.ArrayList;
import java.util.List;

/**
 * What the writer read from the journal and commits in one transaction: the records of whole events, keyed
 * (event seq, position in the event), and the projection mark that transaction moves from {@code fromMark} (where
 * the database has it) to {@code toMark} (the journal's position after these events; events without records count).
 * No records: the mark alone moves, over events that had none.
 */
record JournalBatch(long fromMark, long toMark, List<Envelope> items) {

    JournalBatch {
        items = List.copyOf(items);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** The highest event seq in the batch, or {@code toMark} when it holds no records. */
    long lastSeq() {
        return items.isEmpty() ? toMark : items.get(items.size() - 1).seq();
    }

    /**
     * Reads the events after {@code after}, whole, about {@code maxRecords} records. The journal's promises are
     * checked (events after {@code after}, in increasing order, a position not going back): a journal that breaks
     * them is refused like one that cannot be read, with an {@link IllegalStateException} naming the seqs.
     *
     * @param savedMark where the database has the mark now ({@code after} may be ahead of it over events without
     *        records)
     */
    static JournalBatch read(RecordJournal journal, long savedMark, long after, int maxRecords) {
        List<Envelope> items = new ArrayList<>();
        long[] lastEvent = {after};
        String[] broken = {null};
        long position = journal.read(after, maxRecords, event -> {
            if (broken[0] != null) {
                return;
            }
            if (event.seq() <= lastEvent[0]) { // not thrown from here: the journal would not know where it stands
                broken[0] = "the journal delivered event " + event.seq() + " after event " + lastEvent[0]
                        + " (reading after seq " + after + "): events must come once, in order";
                return;
            }
            lastEvent[0] = event.seq();
            List<ExecutionRecord> records = event.records();
            for (int i = 0; i < records.size(); i++) {
                items.add(new Envelope(event.seq(), i, records.get(i)));
            }
        });
        if (broken[0] != null) {
            throw new IllegalStateException(broken[0]);
        }
        if (position < after) {
            throw new IllegalStateException("the journal answered position " + position + " to a read after seq "
                    + after + ": a position never goes back");
        }
        // every event up to the last one delivered is delivered (in order): the mark may go at least that far
        return new JournalBatch(savedMark, Math.max(position, lastEvent[0]), items);
    }
}
