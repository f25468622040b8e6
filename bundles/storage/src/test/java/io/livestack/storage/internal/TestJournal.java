package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.RecordJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory {@link RecordJournal}: events with their records, appended by the test (more at any time, several at
 * once so that one read sees all or none of them), events without records, a beginning that was "let go", and reads
 * that fail on demand. Thread-safe (the test appends, the store's writer reads).
 */
final class TestJournal implements RecordJournal {

    private final TreeMap<Long, List<ExecutionRecord>> events = new TreeMap<>();
    private final List<Long> deliveringReadsAfter = new ArrayList<>();
    private long lastSeq;
    private long firstHeld = 1;
    private RuntimeException failure;

    /** The next event, with these records (none: an event without records); returns its seq. */
    synchronized long append(List<? extends ExecutionRecord> records) {
        return appendAt(lastSeq + 1, records);
    }

    /** Events without records, {@code count} of them. */
    synchronized void appendEmpty(int count) {
        lastSeq += count;
    }

    /**
     * An event at {@code seq} (the ones between the last and it had no records); the records carry that seq as
     * the runtime gives it to the records of an event.
     */
    synchronized long appendAt(long seq, List<? extends ExecutionRecord> records) {
        if (seq <= lastSeq) {
            throw new IllegalArgumentException("event " + seq + " after " + lastSeq);
        }
        lastSeq = seq;
        if (!records.isEmpty()) {
            events.put(seq, List.copyOf(records));
        }
        return seq;
    }

    /** Records in seq order, one event per seq, appended at once. */
    synchronized void appendRecords(List<? extends ExecutionRecord> records) {
        int from = 0;
        while (from < records.size()) {
            long seq = records.get(from).seq();
            int to = from;
            while (to < records.size() && records.get(to).seq() == seq) {
                to++;
            }
            appendAt(seq, records.subList(from, to));
            from = to;
        }
    }

    /** Events one after the other, appended at once. */
    synchronized void appendEvents(List<? extends List<? extends ExecutionRecord>> eventRecords) {
        eventRecords.forEach(this::appendRecords);
    }

    /** The events before {@code seq} are gone: a read after an earlier seq fails, as the real journal's does. */
    synchronized void letGoBefore(long seq) {
        firstHeld = seq;
        events.headMap(seq).clear();
    }

    /** Every read throws {@code e} until {@link #heal()}. */
    synchronized void failWith(RuntimeException e) {
        failure = e;
    }

    synchronized void heal() {
        failure = null;
    }

    /** The {@code afterSeq} of every read that delivered events, in order. */
    synchronized List<Long> deliveringReadsAfter() {
        return List.copyOf(deliveringReadsAfter);
    }

    @Override
    public synchronized long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
        if (failure != null) {
            throw failure;
        }
        if (afterSeq + 1 < firstHeld) {
            throw new IllegalStateException("the test journal starts at seq " + firstHeld + ": seq " + (afterSeq + 1)
                    + " was let go");
        }
        int delivered = 0;
        for (Map.Entry<Long, List<ExecutionRecord>> e : events.tailMap(afterSeq, false).entrySet()) {
            if (delivered >= maxRecords) {
                return events.lowerKey(e.getKey()); // the last event delivered
            }
            if (delivered == 0) {
                deliveringReadsAfter.add(afterSeq);
            }
            into.accept(new EventRecords(e.getKey(), e.getValue()));
            delivered += e.getValue().size();
        }
        return lastSeq; // every event up to the last one, those without records included
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }
}
