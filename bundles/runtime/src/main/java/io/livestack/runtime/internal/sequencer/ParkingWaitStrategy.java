package io.livestack.runtime.internal.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The processing thread's default wait: spin, then yield, then park until a producer publishes. A steady flow
 * (gaps shorter than the spin and yield phases) is handed over without a system call; after a quiet spell the
 * thread sleeps and costs no CPU, and the first event wakes it at once ({@link #signalAllWhenBlocking} unparks it)
 * instead of at the end of a fixed nap.
 * <p>
 * One waiter (intake has one consumer). Lost wake-up: the waiter announces itself, fences, then re-checks the
 * cursor before parking; a producer advances the cursor with a CAS (a full fence) before it reads the waiter. A park
 * is nevertheless bounded by {@code maxParkNanos}, so a missed signal could only ever delay an event by that much.
 * The producers' cost: one volatile read per publish while nobody waits, an unpark while someone does.
 */
final class ParkingWaitStrategy implements WaitStrategy {

    private final long spinNanos;
    private final long yieldNanos;
    private final long maxParkNanos;
    private volatile Thread waiter;

    /**
     * @param spinNanos spin this long after the last event
     * @param yieldNanos then yield until this long after it
     * @param maxParkNanos then park at most this long at a time (a safety net; producers unpark the waiter)
     */
    ParkingWaitStrategy(long spinNanos, long yieldNanos, long maxParkNanos) {
        if (spinNanos < 0 || yieldNanos < spinNanos || maxParkNanos <= 0) {
            throw new IllegalArgumentException("need 0 <= spin <= yield and a positive park: " + spinNanos + ", "
                    + yieldNanos + ", " + maxParkNanos);
        }
        this.spinNanos = spinNanos;
        this.yieldNanos = yieldNanos;
        this.maxParkNanos = maxParkNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available = dependentSequence.get();
        if (available >= sequence) {
            return available;
        }
        long start = System.nanoTime();
        while (true) {
            barrier.checkAlert();
            long waited = System.nanoTime() - start;
            if (waited < spinNanos) {
                Thread.onSpinWait();
            } else if (waited < yieldNanos) {
                Thread.yield();
            } else {
                park(sequence, dependentSequence, barrier);
            }
            available = dependentSequence.get();
            if (available >= sequence) {
                return available;
            }
        }
    }

    private void park(long sequence, Sequence dependentSequence, SequenceBarrier barrier) {
        waiter = Thread.currentThread();
        try {
            VarHandle.fullFence();
            if (dependentSequence.get() < sequence && !barrier.isAlerted()) {
                LockSupport.parkNanos(this, maxParkNanos);
            }
        } finally {
            waiter = null;
        }
    }

    @Override
    public void signalAllWhenBlocking() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public String toString() {
        return "ParkingWaitStrategy{spin " + spinNanos + " ns, yield until " + yieldNanos + " ns, park at most "
                + maxParkNanos + " ns}";
    }
}
