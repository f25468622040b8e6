package io.livestack.runtime.internal.sequencer;

import io.livestack.api.runtime.LiveClock;
import java.time.Instant;

/**
 * The default clock: epoch nanoseconds with nanosecond resolution, monotonic and cheap (no allocation). It reads
 * the wall clock once, when created, and advances with {@link System#nanoTime()} from there, so it never goes
 * backwards (it drifts from the wall clock as fast as the two differ, microseconds per second at worst; the runtime
 * makes a new one on every activation).
 */
final class SystemLiveClock implements LiveClock {

    private final long epochBaseNanos;
    private final long nanoTimeBase;

    SystemLiveClock() {
        Instant now = Instant.now();
        this.nanoTimeBase = System.nanoTime();
        this.epochBaseNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long nanos() {
        return at(System.nanoTime());
    }

    /** This clock's time at a {@link System#nanoTime()} reading already taken. */
    long at(long nanoTime) {
        return epochBaseNanos + (nanoTime - nanoTimeBase);
    }
}
