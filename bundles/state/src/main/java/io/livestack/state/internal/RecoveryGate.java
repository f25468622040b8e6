package io.livestack.state.internal;

import io.livestack.api.record.RecordRecovery;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the state is ready for the chain, and its recovery from storage. A {@link RecordRecovery} offered (it may come
 * after the state, and may be redeployed) is applied once, on the processing thread at the next call, and only into a
 * state that nothing was applied to yet: a recovery arriving later is ignored with a warning, because it would double
 * count. The state is ready once a recovery was applied (or attempted: a failed one is logged and not retried), or
 * when {@code recovery.waitMs} passed since the state started without one.
 */
final class RecoveryGate {

    /** Where a recovery goes. */
    interface Target {
        /** Nothing was applied yet (no order, no fill, no known execution). */
        boolean untouched();

        /** Loads the recovered orders, positions, execution keys and last sequence number; may throw. */
        void load(RecordRecovery recovery);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryGate.class);

    private final AtomicReference<RecordRecovery> pending = new AtomicReference<>();
    private final LongSupplier nanoClock;
    private final long startedNanos;
    private volatile boolean recoveryPending;
    private volatile long waitMillis;
    /** A recovery was run (applied, or failed and given up): the wait is over. */
    private volatile boolean attempted;
    private volatile boolean ready;
    private boolean recovered;

    RecoveryGate(long waitMillis, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.startedNanos = nanoClock.getAsLong();
        this.waitMillis = checkedWait(waitMillis);
        if (waitMillis > 0) {
            LOG.info("State holds the chain for up to {} ms until a record recovery (storage) is applied", waitMillis);
        }
    }

    static long checkedWait(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException(StateConfiguration.PID + ": " + StateConfiguration.RECOVERY_WAIT_MS
                    + " = " + millis + " is invalid, expected 0 (do not wait) or more milliseconds");
        }
        return millis;
    }

    void setWait(long millis) {
        waitMillis = checkedWait(millis);
    }

    void offer(RecordRecovery recovery) {
        pending.set(recovery);
        recoveryPending = true;
    }

    void withdraw(RecordRecovery recovery) {
        if (pending.compareAndSet(recovery, null)) {
            recoveryPending = false;
        }
    }

    /** Runs a pending recovery on the calling (processing) thread; one volatile read when none is pending. */
    void ensureRecovered(Target target) {
        if (!recoveryPending) {
            return;
        }
        recoveryPending = false;
        RecordRecovery recovery = pending.getAndSet(null);
        if (recovery == null) {
            return;
        }
        if (recovered) {
            LOG.info("Record recovery service rebound; state was already recovered, ignoring it");
            return;
        }
        if (!target.untouched()) {
            LOG.warn("Record recovery service arrived after orders or fills were applied; not recovering "
                    + "(it would double count)");
            return;
        }
        attempted = true;
        try {
            target.load(recovery);
            recovered = true;
        } catch (RuntimeException e) {
            LOG.error("State recovery from storage failed; starting from what was loaded so far", e);
        }
    }

    /** Ready once a recovery was applied or attempted, or the wait is over. Runs a pending recovery. */
    boolean ready(Target target) {
        if (ready) {
            return true;
        }
        ensureRecovered(target);
        if (attempted) {
            ready = true;
        } else if (nanoClock.getAsLong() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(waitMillis)) {
            ready = true;
            if (waitMillis > 0) {
                LOG.warn("No record recovery service (storage) within {} ms: starting without recovered state; a "
                        + "recovery that comes after orders or fills were applied is ignored", waitMillis);
            }
        }
        return ready;
    }
}
