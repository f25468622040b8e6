package io.livestack.intake.internal;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.risk.RejectReason;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The intake's counters, cheap to update and readable from any thread. Producer-side counts are {@link LongAdder}s;
 * processing-thread counts are plain fields that the loop publishes (release stores) after each batch, so the hot
 * path pays no atomic read-modify-write.
 */
final class IntakeCounters {

    static final String[] TYPES = {"BookSnapshot", "BookDelta", "TradeTick", "ExecutionReport",
        "OrderCancelRejected", "VenueSessionEvent", "TimerEvent", "OperatorCommand"};

    // producers
    final LongAdder[] in = new LongAdder[TYPES.length];
    final LongAdder conflated = new LongAdder();
    final LongAdder overflowed = new LongAdder();
    final LongAdder producerWaits = new LongAdder();
    final LongAdder refused = new LongAdder();

    // processing thread: plain counts, published to `published` by publish()
    final long[] out = new long[TYPES.length];
    long busyNanos;
    long batches;
    long faults;
    long intentsAccepted;
    long intentsRejected;
    long recordsDelivered;
    long recordsDropped;
    long reportsParked;

    static final int BUSY = TYPES.length;
    static final int BATCHES = BUSY + 1;
    static final int FAULTS = BUSY + 2;
    static final int INTENTS_ACCEPTED = BUSY + 3;
    static final int INTENTS_REJECTED = BUSY + 4;
    static final int RECORDS_DELIVERED = BUSY + 5;
    static final int RECORDS_DROPPED = BUSY + 6;
    static final int REPORTS_PARKED = BUSY + 7;
    private final AtomicLongArray published = new AtomicLongArray(BUSY + 8);

    /** Refusals per {@link RejectReason} (processing thread), published with the others. */
    final long[] rejections = new long[RejectReason.values().length];
    private final AtomicLongArray publishedRejections = new AtomicLongArray(rejections.length);

    IntakeCounters() {
        for (int i = 0; i < in.length; i++) {
            in[i] = new LongAdder();
        }
    }

    static int typeIndex(Event e) {
        if (e instanceof BookDelta) {
            return 1;
        }
        if (e instanceof TradeTick) {
            return 2;
        }
        if (e instanceof BookSnapshot) {
            return 0;
        }
        if (e instanceof ExecutionReport) {
            return 3;
        }
        if (e instanceof OrderCancelRejected) {
            return 4;
        }
        if (e instanceof VenueSessionEvent) {
            return 5;
        }
        if (e instanceof TimerEvent) {
            return 6;
        }
        if (e instanceof OperatorCommand) {
            return 7;
        }
        throw new IllegalArgumentException("unknown event type " + e.getClass().getName());
    }

    void in(Event e) {
        in[typeIndex(e)].increment();
    }

    /** An offer that timed out: it was counted in, take it back out. */
    void inRefused(Event e) {
        in[typeIndex(e)].decrement();
        refused.increment();
    }

    /** Processing thread: one event of this type processed (visible at once: one release store). */
    void countOut(int typeIndex) {
        published.lazySet(typeIndex, ++out[typeIndex]);
    }

    /** Processing thread: makes the other plain counts visible to other threads (after each batch). */
    void publish() {
        published.lazySet(BUSY, busyNanos);
        published.lazySet(BATCHES, batches);
        published.lazySet(FAULTS, faults);
        published.lazySet(INTENTS_ACCEPTED, intentsAccepted);
        published.lazySet(INTENTS_REJECTED, intentsRejected);
        published.lazySet(RECORDS_DELIVERED, recordsDelivered);
        published.lazySet(RECORDS_DROPPED, recordsDropped);
        published.lazySet(REPORTS_PARKED, reportsParked);
        for (int i = 0; i < rejections.length; i++) {
            publishedRejections.lazySet(i, rejections[i]);
        }
    }

    long rejections(RejectReason reason) {
        return publishedRejections.get(reason.ordinal());
    }

    /** Any thread: the last published value of a processing-thread count. */
    long get(int index) {
        return published.get(index);
    }

    long out(int typeIndex) {
        return published.get(typeIndex);
    }

    long processed() {
        long n = 0;
        for (int i = 0; i < TYPES.length; i++) {
            n += published.get(i);
        }
        return n;
    }
}
