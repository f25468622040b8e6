package io.livestack.export.kafka.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The records sent and not yet acknowledged, by event, in journal order; the mark is the end of the acknowledged
 * prefix: every event up to it had all its records acknowledged (events without records included, as the journal's
 * read position says). Acknowledgements arrive in any order (several topics and partitions); the mark only moves over
 * a contiguous prefix. Thread-safe: the reader adds, the producer's I/O thread acknowledges.
 */
final class AckWindow {

    private static final class Event {
        final long seq;
        int pending;

        Event(long seq) {
            this.seq = seq;
        }
    }

    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final Map<Long, Event> bySeq = new HashMap<>();
    private long mark;
    /** The journal's read position: every event up to it was read (and its records sent or skipped). */
    private long readPosition;
    private int inFlight;

    AckWindow(long mark) {
        this.mark = mark;
        this.readPosition = mark;
    }

    /** A record of event {@code seq} is being sent. */
    synchronized void sent(long seq) {
        Event e = bySeq.get(seq);
        if (e == null) {
            if (!events.isEmpty() && events.peekLast().seq > seq) {
                throw new IllegalStateException("event " + seq + " sent after event " + events.peekLast().seq);
            }
            e = new Event(seq);
            events.addLast(e);
            bySeq.put(seq, e);
        }
        e.pending++;
        inFlight++;
    }

    /** The journal was read up to {@code position} (its records were all given to {@link #sent} or skipped). */
    synchronized void readUpTo(long position) {
        readPosition = Math.max(readPosition, position);
        advance();
    }

    /** A record of event {@code seq} was acknowledged by the broker. */
    synchronized void acknowledged(long seq) {
        Event e = bySeq.get(seq);
        if (e == null || e.pending == 0) {
            throw new IllegalStateException("an acknowledgement for event " + seq + " that has nothing in flight");
        }
        e.pending--;
        inFlight--;
        advance();
    }

    /** Records of these events (one entry per record) were acknowledged by the broker. */
    synchronized void acknowledged(long[] seqs) {
        for (long seq : seqs) {
            acknowledged(seq);
        }
    }

    /** A send of event {@code seq} failed: it stays unacknowledged (the mark stops before it). */
    synchronized void failed(long seq) {
        inFlight--;
    }

    private void advance() {
        while (!events.isEmpty() && events.peekFirst().pending == 0) {
            bySeq.remove(events.pollFirst().seq);
        }
        // a failed record keeps its event's pending count, so the mark never passes it
        mark = events.isEmpty() ? Math.max(mark, readPosition) : Math.max(mark, events.peekFirst().seq - 1);
    }

    synchronized long mark() {
        return mark;
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized long readPosition() {
        return readPosition;
    }
}
