package io.livestack.itests.chain;

import io.livestack.api.runtime.LiveClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deterministic {@link LiveClock} of the chain tests. Intake reads it once per event, on the producer's thread,
 * when the event takes its slot ("now" for every stage). Two modes:
 * <ul>
 * <li>manual ({@code step == 0}): it says what the test last {@link #set} — a lock-step driver sets the time before
 * each event, so reads from other threads (the timer thread) cannot change what the events see;</li>
 * <li>stepping: every read returns the current value and advances it by {@code step}, so events published
 * concurrently get distinct times in whatever order the threads happen to read it.</li>
 * </ul>
 */
final class TestClock implements LiveClock {

    /** 2023-11-14T22:13:20Z: any fixed epoch will do; the ClOrdID session tag comes from the first event's time. */
    static final long EPOCH = 1_700_000_000_000_000_000L;

    private final AtomicLong nanos = new AtomicLong(EPOCH);
    private volatile long step;

    @Override
    public long nanos() {
        long s = step;
        return s == 0 ? nanos.get() : nanos.getAndAdd(s);
    }

    void set(long value) {
        nanos.set(value);
    }

    long peek() {
        return nanos.get();
    }

    /** 0: manual; otherwise every read advances the clock by {@code stepNanos}. */
    void stepping(long stepNanos) {
        step = stepNanos;
    }
}
