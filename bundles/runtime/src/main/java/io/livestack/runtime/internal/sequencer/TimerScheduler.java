package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.runtime.LiveClock;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns scheduled timers into {@link TimerEvent}s published into the sequencer (waiting if the queue is full: timers
 * are never dropped). Because timers are events, what they trigger is replayable. The event's source time is the due
 * time. Timers due at the same time fire in the order they were scheduled. {@link #fireDue()} publishes what is due by
 * the injected clock: an owned thread calls it whenever the next timer may be due (a clock that does not follow real
 * time is re-read at least every {@value #MAX_WAIT_MILLIS} ms, and at once after {@link #clockAdvanced()}); a test
 * that steps the chain by hand calls it itself and starts no thread. A timer stays pending until its event is
 * sequenced ({@link #sequenced}), so that what a snapshot holds never misses one the journal does not have yet.
 */
final class TimerScheduler implements AutoCloseable {

    static final long MAX_WAIT_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

    private record Timer(long at, long order, TimerOwner owner, long token) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /**
     * Timers due and being published, not yet sequenced: still pending for a snapshot or a state hash (a crash now
     * leaves them unfired in the journal, and a recovery fires them again).
     */
    private final List<Timer> inFlight = new ArrayList<>();
    private final Supplier<LiveClock> clock;
    private final Consumer<TimerEvent> sink;
    private final Thread thread;
    private long order;
    private boolean closed;
    /** While held (a recovery), nothing fires: the journal says which timers fired. */
    private boolean held;

    TimerScheduler(Supplier<LiveClock> clock, Consumer<TimerEvent> sink, String threadName) {
        this.clock = clock;
        this.sink = sink;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void schedule(TimerOwner owner, long atNanos, long token) {
        lock.lock();
        try {
            Timer t = new Timer(atNanos, order++, owner, token);
            timers.add(t);
            if (timers.peek() == t) {
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The clock jumped (a test or replay clock): check the due times now. */
    void clockAdvanced() {
        lock.lock();
        try {
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        lock.lock();
        try {
            return timers.size() + inFlight.size();
        } finally {
            lock.unlock();
        }
    }

    /** Nothing fires until {@link #release()} (a recovery replays the timers that fired from the journal). */
    void hold() {
        lock.lock();
        try {
            held = true;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            held = false;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A timer this scheduler published was sequenced (the journal has it now): no longer pending. */
    void sequenced(TimerOwner owner, long token) {
        lock.lock();
        try {
            removeFirst(inFlight, owner, token);
        } finally {
            lock.unlock();
        }
    }

    /** A timer fired in the journal: it is no longer pending here. */
    void fired(TimerOwner owner, long token) {
        lock.lock();
        try {
            if (!removeFirst(inFlight, owner, token)) {
                removeFirst(timers, owner, token);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the first timer of {@code owner} with {@code token}; false when there is none. Under the lock. */
    private static boolean removeFirst(java.util.Collection<Timer> from, TimerOwner owner, long token) {
        for (java.util.Iterator<Timer> it = from.iterator(); it.hasNext();) {
            Timer t = it.next();
            if (t.owner().equals(owner) && t.token() == token) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The runtime's own pending timers, in due order (strategies' belong to strategy instances). */
    List<PendingTimer> runtimeTimers() {
        lock.lock();
        try {
            List<Timer> sorted = new ArrayList<>(timers);
            sorted.addAll(inFlight);
            sorted.sort(null);
            List<PendingTimer> out = new ArrayList<>();
            for (Timer t : sorted) {
                if (t.owner().kind() == TimerOwner.Kind.RUNTIME) {
                    out.add(new PendingTimer(t.at(), t.owner(), t.token()));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces every pending timer with {@code restored}. */
    void restore(List<PendingTimer> restored) {
        lock.lock();
        try {
            timers.clear();
            inFlight.clear();
            for (PendingTimer p : restored) {
                timers.add(new Timer(p.atNanos(), order++, p.owner(), p.token()));
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the strategies' timers (their strategy instances are gone: after a recovery they start again). */
    void dropStrategyTimers() {
        lock.lock();
        try {
            timers.removeIf(t -> t.owner().kind() == TimerOwner.Kind.STRATEGY);
            inFlight.removeIf(t -> t.owner().kind() == TimerOwner.Kind.STRATEGY);
        } finally {
            lock.unlock();
        }
    }

    /** Publishes every timer due by the clock, in due order; returns how many. */
    int fireDue() {
        List<Timer> due = new ArrayList<>();
        lock.lock();
        try {
            if (held) {
                return 0;
            }
            long now = clock.get().nanos();
            while (!timers.isEmpty() && timers.peek().at() - now <= 0) {
                Timer t = timers.poll();
                due.add(t);
                inFlight.add(t);
            }
        } finally {
            lock.unlock();
        }
        for (Timer t : due) {
            try {
                sink.accept(new TimerEvent(t.at(), t.owner(), t.token()));
            } catch (IllegalStateException intakeClosed) {
                forget(t);
                LOG.debug("timer {} of {} not delivered: {}", t.token(), t.owner(), intakeClosed.getMessage());
            } catch (RuntimeException e) {
                forget(t);
                LOG.error("timer {} of {} could not be published", t.token(), t.owner(), e);
            }
        }
        return due.size();
    }

    private void forget(Timer t) {
        lock.lock();
        try {
            inFlight.remove(t);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            while (true) {
                fireDue();
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    Timer head = timers.peek();
                    if (head == null) {
                        changed.await();
                    } else {
                        long wait = head.at() - clock.get().nanos();
                        if (wait > 0) {
                            changed.awaitNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)));
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true; // nothing fires any more; the pending ones stay, as a snapshot at the stop holds them
            changed.signal();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        if (thread.isAlive()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
