package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;

/**
 * A record as the store keeps it: its key ({@code seq}, {@code ord}) and when the sink accepted it.
 *
 * @param seq the record's event sequence number (0 for records not caused by a sequenced event)
 * @param ord position among the records of the same event (0, 1, 2...); for seq 0 a unique increasing number (see
 *        docs/storage.md)
 * @param acceptNanos {@link System#nanoTime()} at accept, or {@link #UNKNOWN_ACCEPT_TIME} for a record read back from a
 *        spool written by an earlier process (its latency cannot be measured)
 */
record Envelope(long seq, long ord, long acceptNanos, ExecutionRecord record) {

    static final long UNKNOWN_ACCEPT_TIME = Long.MIN_VALUE;

    boolean hasAcceptTime() {
        return acceptNanos != UNKNOWN_ACCEPT_TIME;
    }

    String key() {
        return "(" + seq + ", " + ord + ")";
    }
}
