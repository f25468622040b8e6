package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.ConfigurationEvent;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the sequencer counts, readable from any thread: events in per type, conflated, overflowed and waiting producers
 * ({@link LongAdder}s, producer side), and events sequenced per type (processing thread, one release store each).
 */
public final class SequencerCounters {

    public static final String[] TYPES = {"BookSnapshot", "BookDelta", "TradeTick", "ExecutionReport",
        "OrderCancelRejected", "VenueSessionEvent", "TimerEvent", "OperatorCommand", "BindingEvent",
        "ConfigurationEvent", "RuntimeEvent", "SentOrderRecovered"};

    final LongAdder[] in = new LongAdder[TYPES.length];
    final LongAdder conflated = new LongAdder();
    final LongAdder overflowed = new LongAdder();
    final LongAdder producerWaits = new LongAdder();
    final LongAdder refused = new LongAdder();
    private final long[] out = new long[TYPES.length];
    private final AtomicLongArray published = new AtomicLongArray(TYPES.length);

    SequencerCounters() {
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
        if (e instanceof BindingEvent) {
            return 8;
        }
        if (e instanceof ConfigurationEvent) {
            return 9;
        }
        if (e instanceof RuntimeEvent) {
            return 10;
        }
        if (e instanceof io.livestack.api.event.SentOrderRecovered) {
            return 11;
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

    /** Processing thread: one event of this type sequenced (visible at once: one release store). */
    void countOut(Event e) {
        int i = typeIndex(e);
        published.lazySet(i, ++out[i]);
    }

    public long in(int typeIndex) {
        return in[typeIndex].sum();
    }

    public long out(int typeIndex) {
        return published.get(typeIndex);
    }

    /** Every event sequenced so far. */
    public long processed() {
        long n = 0;
        for (int i = 0; i < TYPES.length; i++) {
            n += published.get(i);
        }
        return n;
    }

    public long conflated() {
        return conflated.sum();
    }

    public long overflowed() {
        return overflowed.sum();
    }

    public long producerWaits() {
        return producerWaits.sum();
    }

    public long refused() {
        return refused.sum();
    }
}
