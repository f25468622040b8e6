package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;

/**
 * A record with its key in the record tables: the journaled event it belongs to and its place among that event's
 * records. The same event read again from the journal (after a crash, an outage, a restart) gives the same keys.
 *
 * @param seq the seq of the journaled event whose records it is ({@link io.livestack.api.record.RecordJournal})
 * @param ord the record's position among the records of that event: 0, 1, 2...
 */
record Envelope(long seq, long ord, ExecutionRecord record) {

    String key() {
        return "(" + seq + ", " + ord + ")";
    }
}
