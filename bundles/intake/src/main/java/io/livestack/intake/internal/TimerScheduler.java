package io.livestack.intake.internal;

import io.livestack.api.event.TimerEvent;
import io.livestack.api.runtime.LiveClock;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns scheduled timers into {@link TimerEvent}s: one owned thread waits until a timer is due by the injected
 * clock and publishes the event through intake (waiting if the queue is full: timers are never dropped). Because
 * timers are events, what they trigger is replayable. The event's source time is the due time. Timers due at the
 * same time fire in the order they were scheduled. A clock that does not follow real time (tests, replays) is
 * re-read at least every {@value #MAX_WAIT_MILLIS} ms, and at once after {@link #clockAdvanced()}.
 */
final class TimerScheduler implements AutoCloseable {

    static final long MAX_WAIT_MILLIS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);

    private record Timer(long at, long order, String owner, long token) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Supplier<LiveClock> clock;
    private final Consumer<TimerEvent> sink;
    private final Thread thread;
    private long order;
    private boolean closed;

    TimerScheduler(Supplier<LiveClock> clock, Consumer<TimerEvent> sink, String threadName) {
        this.clock = clock;
        this.sink = sink;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void schedule(String owner, long atNanos, long token) {
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
            return timers.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        lock.lock();
        try {
            while (!closed) {
                Timer head = timers.peek();
                if (head == null) {
                    changed.await();
                    continue;
                }
                long now = clock.get().nanos();
                if (head.at() - now <= 0) {
                    timers.poll();
                    lock.unlock();
                    try {
                        sink.accept(new TimerEvent(head.at(), head.owner(), head.token()));
                    } catch (IllegalStateException intakeClosed) {
                        LOG.debug("timer {} of {} not delivered: {}", head.token(), head.owner(),
                                intakeClosed.getMessage());
                    } catch (RuntimeException e) {
                        LOG.error("timer {} of {} could not be published", head.token(), head.owner(), e);
                    } finally {
                        lock.lock();
                    }
                } else {
                    changed.awaitNanos(Math.min(head.at() - now, TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            timers.clear();
            changed.signal();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
