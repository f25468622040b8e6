package io.livestack.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a timeout: the only way tests wait for something asynchronous (a FIX session, a
 * database write, a container). Polls every {@value #POLL_MILLIS} ms (or at a given interval) until the condition
 * holds or the timeout passes, then fails with a message that says what was awaited and what was last seen. Tests of
 * the chain itself do not wait: they step it by hand.
 *
 * <pre>
 * Await.until("metrics bundle active", Duration.ofSeconds(30), () -&gt; bundle.getState() == Bundle.ACTIVE);
 * Bundle b = Await.value("metrics bundle", Duration.ofSeconds(30), () -&gt; find("io.livestack.metrics"), Objects::nonNull);
 * </pre>
 */
public final class Await {

    /** The default timeout: generous, a 2-core CI machine is slow. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    static final long POLL_MILLIS = 50;

    private Await() {
    }

    /** Waits until {@code condition} is true; throws {@link AssertionError} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean.TRUE::equals);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, polling every {@code poll}. */
    public static void until(String what, Duration timeout, Duration poll, BooleanSupplier condition) {
        value(what, timeout, poll, condition::getAsBoolean, Boolean.TRUE::equals);
    }

    /**
     * Waits until {@code accept} accepts what {@code supplier} returns, and returns that value; throws
     * {@link AssertionError} after {@code timeout}, naming the last value seen (or the last exception thrown
     * by the supplier, which counts as "not yet").
     */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> accept) {
        return value(what, timeout, Duration.ofMillis(POLL_MILLIS), supplier, accept);
    }

    /** As {@link #value(String, Duration, Supplier, Predicate)}, polling every {@code poll}. */
    public static <T> T value(String what, Duration timeout, Duration poll, Supplier<T> supplier,
            Predicate<? super T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastFailure = null;
        while (true) {
            try {
                last = supplier.get();
                lastFailure = null;
                if (accept.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for: "
                        + what + (lastFailure != null ? " (last attempt threw " + lastFailure + ")" : "; last seen: " + last));
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            pause(poll);
        }
    }

    private static void pause(Duration poll) {
        try {
            TimeUnit.NANOSECONDS.sleep(poll.toNanos()); // the polling interval, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
