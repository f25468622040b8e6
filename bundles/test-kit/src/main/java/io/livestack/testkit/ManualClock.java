package io.livestack.testkit;

import io.livestack.api.runtime.LiveClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deterministic {@link LiveClock} of tests. Two modes:
 * <ul>
 * <li>manual (the default): it says what the test last {@link #set} or {@link #advance}d to — reads from other
 * threads cannot change what events see;</li>
 * <li>stepping: every read returns the current value and advances it by a step, so events published concurrently
 * get distinct times in whatever order their threads read it.</li>
 * </ul>
 */
public final class ManualClock implements LiveClock {

    /** 2023-11-14T22:13:20Z: any fixed epoch will do; the ClOrdID session tag comes from the first event's time. */
    public static final long EPOCH = 1_700_000_000_000_000_000L;

    private final AtomicLong nanos;
    private volatile long step;

    public ManualClock() {
        this(EPOCH);
    }

    public ManualClock(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nanos() {
        long s = step;
        return s == 0 ? nanos.get() : nanos.getAndAdd(s);
    }

    public void set(long value) {
        nanos.set(value);
    }

    public void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** The current value, without stepping. */
    public long peek() {
        return nanos.get();
    }

    /** 0: manual; otherwise every read advances the clock by {@code stepNanos}. */
    public void stepping(long stepNanos) {
        step = stepNanos;
    }
}
