package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Event;
import io.livestack.api.event.Sequenced;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives an event its place in the one total order: the next sequence number and an intake time that never goes
 * back (a clock stepping back stamps the last time again). The first event continues after the base the chain
 * reports (the last sequence recorded before this runtime), asked once. Processing thread only, except
 * {@link #lastSeqPublished()}.
 */
final class Numbering {

    private static final Logger LOG = LoggerFactory.getLogger(Numbering.class);

    private final AtomicLong lastSeqPublished = new AtomicLong();
    private long lastSeq;
    private long lastNow = Long.MIN_VALUE;
    private boolean initialised;

    /** Whether the first number still needs the base to continue after ({@link #continueAfter}). */
    boolean needsBase() {
        return !initialised;
    }

    /** The first number continues after {@code base} (the last sequence recorded before this runtime). */
    void continueAfter(long base) {
        initialised = true;
        if (base > lastSeq) {
            lastSeq = base;
            LOG.info("sequence numbers continue after {}", base);
        }
    }

    /** The event stamped with its sequence number and intake time; {@code stamp} is the clock's reading at intake. */
    Sequenced next(Event event, long stamp) {
        long now = stamp > lastNow ? stamp : lastNow;
        lastNow = now;
        return new Sequenced(++lastSeq, now, event);
    }

    /** After the event was handled: the number becomes visible to other threads. */
    void published(Sequenced event) {
        lastSeqPublished.lazySet(event.seq());
    }

    long lastSeq() {
        return lastSeq;
    }

    long lastNow() {
        return lastNow;
    }

    /** Continues after a snapshot's (or a replayed event's) seq and intake time; the base is no longer asked. */
    void restore(long seq, long now) {
        initialised = true;
        lastSeq = seq;
        lastNow = now;
        lastSeqPublished.set(seq);
    }

    long lastSeqPublished() {
        return lastSeqPublished.get();
    }
}
