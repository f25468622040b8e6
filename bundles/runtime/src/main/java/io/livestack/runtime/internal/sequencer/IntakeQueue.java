package io.livestack.runtime.internal.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.livestack.api.event.Event;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The bounded multi-producer, single-consumer intake queue: an LMAX Disruptor ring of pre-allocated {@link Slot}s.
 * <p>
 * Non-market-data events take a slot each; when the ring is full the producer waits (spin, yield, then short
 * parks) — they are never dropped. Market data never waits: each (venue, instrument, channel) has one
 * {@link Pending} holder; an event for a key with nothing pending becomes pending and takes a slot (a token that
 * points at the holder); an event for a key whose earlier event has not been consumed yet is merged into it
 * ({@link Conflation}) and takes no slot. So the consumer sees at most one pending event per key, and merging
 * happens only when it lags. If the ring is full when a key becomes pending, the holder goes to a small overflow
 * list (at most one entry per key) that the consumer drains between batches.
 * <p>
 * The intake time is stamped once per event, from the injected clock, when it takes its slot (for a merged market
 * data event, when the first of the merged events did). A market data slot also carries the {@link System#nanoTime()}
 * of that moment (for the tick-to-order latency, which must not depend on a replay clock): with the default
 * {@link SystemLiveClock} both stamps come from one {@code nanoTime()} read, so only a bound {@code LiveClock} costs
 * one more read per market data slot (not per merged event), on the producer's thread.
 */
final class IntakeQueue {

    static final int EVENT = 1;
    static final int MARKET_DATA = 2;

    /** A ring entry. Written by one producer between claim and publish, read by the consumer after. */
    static final class Slot {
        int kind;
        Event event;
        /** Whoever waits for an operator command's outcome: beside the event, never in it (null when nobody). */
        CompletableFuture<CommandResult> reply;
        Pending pending;
        long stamp;
        /** {@link System#nanoTime()} when a MARKET_DATA slot was claimed (not written for EVENT slots). */
        long intakeNanoTime;

        void clear() {
            event = null;
            reply = null;
            pending = null;
        }
    }

    /** The pending market data of one key; {@code null} when nothing is waiting. */
    static final class Pending {
        final AtomicReference<MarketDataEvent> event = new AtomicReference<>();
        /** Intake time of a holder that went to the overflow list (written before it is listed). */
        volatile long overflowStamp;
        /** {@link System#nanoTime()} of the same moment (written before it is listed). */
        volatile long overflowNanoTime;

        MarketDataEvent take() {
            return event.getAndSet(null);
        }
    }

    /** The holders of one venue+instrument: book events and trades are conflated separately. */
    private static final class Channels {
        final Pending book = new Pending();
        final Pending trades = new Pending();
    }

    private final RingBuffer<Slot> ring;
    private final Sequence consumed = new Sequence(RingBuffer.INITIAL_CURSOR_VALUE);
    private final SequenceBarrier barrier;
    private final Supplier<LiveClock> clock;
    private final SequencerCounters counters;
    private final ConcurrentHashMap<VenueId, ConcurrentHashMap<InstrumentId, Channels>> channels =
            new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger overflowCount = new AtomicInteger();
    private final Runnable wakeConsumer;
    private volatile boolean closed;

    IntakeQueue(int capacity, WaitStrategyKind waitKind, Supplier<LiveClock> clock,
            SequencerCounters counters, Runnable wakeConsumer) {
        this.ring = RingBuffer.createMultiProducer(Slot::new, capacity, waitStrategy(waitKind));
        this.ring.addGatingSequences(consumed);
        this.barrier = ring.newBarrier();
        this.clock = clock;
        this.counters = counters;
        this.wakeConsumer = wakeConsumer;
    }

    static WaitStrategy waitStrategy(WaitStrategyKind kind) {
        return switch (kind) {
            // spin 20 us, yield up to 200 us, then park until a producer publishes (or 10 ms, a safety net)
            case PARKING -> new ParkingWaitStrategy(TimeUnit.MICROSECONDS.toNanos(20),
                    TimeUnit.MICROSECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(10));
            case BLOCKING -> new BlockingWaitStrategy();
            // spin 20 us, yield up to 200 us, then nap 1 ms at a time: a few % of a core when idle, and a
            // steady flow (gaps below ~200 us) never reaches the naps
            case SLEEPING -> new PhasedBackoffWaitStrategy(20, 200, TimeUnit.MICROSECONDS,
                    new SleepingWaitStrategy(0, TimeUnit.MILLISECONDS.toNanos(1)));
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    // ------------------------------------------------------------------------------------------------ producers

    /**
     * Enqueue, waiting while the ring is full (market data never waits) and at most {@code timeoutNanos}
     * ({@code Long.MAX_VALUE}: no limit). False if it stayed full. Throws {@link IllegalStateException} once closed.
     */
    boolean publish(Event event, long timeoutNanos) {
        return publish(event, null, timeoutNanos);
    }

    /** As {@link #publish(Event, long)}, with the reply of an operator command beside the event. */
    boolean publish(Event event, CompletableFuture<CommandResult> reply, long timeoutNanos) {
        if (event instanceof MarketDataEvent md) {
            publishMarketData(md);
            return true;
        }
        checkOpen();
        counters.in(event);
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        int attempts = 0;
        boolean interrupted = false;
        boolean counted = false;
        try {
            while (true) {
                try {
                    long seq = ring.tryNext();
                    Slot slot = ring.get(seq);
                    slot.kind = EVENT;
                    slot.event = event;
                    slot.reply = reply;
                    slot.pending = null;
                    slot.stamp = clock.get().nanos();
                    ring.publish(seq);
                    return true;
                } catch (InsufficientCapacityException full) {
                    if (!counted) {
                        counters.producerWaits.increment();
                        counted = true;
                    }
                    if (closed) {
                        throw new IllegalStateException("intake is closed; " + event.getClass().getSimpleName()
                                + " not accepted");
                    }
                    if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
                        counters.inRefused(event);
                        return false;
                    }
                    if (attempts < 64) {
                        Thread.onSpinWait();
                    } else if (attempts < 128) {
                        Thread.yield();
                    } else {
                        LockSupport.parkNanos(this, 50_000L);
                        if (Thread.interrupted()) {
                            interrupted = true;
                        }
                    }
                    attempts++;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Never waits: merges into the key's pending event, or becomes pending. */
    void publishMarketData(MarketDataEvent md) {
        checkOpen();
        counters.in(md);
        Pending pending = pendingOf(md);
        AtomicReference<MarketDataEvent> ref = pending.event;
        while (true) {
            MarketDataEvent current = ref.get();
            if (current == null) {
                if (ref.compareAndSet(null, md)) {
                    enqueueToken(pending);
                    return;
                }
            } else {
                MarketDataEvent merged = Conflation.merge(current, md);
                if (ref.compareAndSet(current, merged)) {
                    counters.conflated.increment();
                    return;
                }
            }
        }
    }

    private void enqueueToken(Pending pending) {
        try {
            long seq = ring.tryNext();
            Slot slot = ring.get(seq);
            slot.kind = MARKET_DATA;
            slot.event = null;
            slot.reply = null;
            slot.pending = pending;
            long nanoTime = System.nanoTime();
            slot.intakeNanoTime = nanoTime;
            slot.stamp = stampAt(nanoTime);
            ring.publish(seq);
        } catch (InsufficientCapacityException full) {
            long nanoTime = System.nanoTime();
            pending.overflowNanoTime = nanoTime;
            pending.overflowStamp = stampAt(nanoTime);
            overflowCount.incrementAndGet();
            overflow.add(pending);
            counters.overflowed.increment();
            // the consumer may have emptied the ring between our failed claim and the add: make sure it looks
            wakeConsumer.run();
        }
    }

    /** The intake time for an event taken in at {@code nanoTime}: read from the default clock without a second read. */
    private long stampAt(long nanoTime) {
        LiveClock c = clock.get();
        return c instanceof SystemLiveClock system ? system.at(nanoTime) : c.nanos();
    }

    /** Enqueue without waiting; false when the ring is full (never conflates: for internal notices). */
    boolean tryPublish(Event event) {
        if (closed) {
            return false;
        }
        try {
            long seq = ring.tryNext();
            Slot slot = ring.get(seq);
            slot.kind = EVENT;
            slot.event = event;
            slot.reply = null;
            slot.pending = null;
            slot.stamp = clock.get().nanos();
            ring.publish(seq);
            counters.in(event);
            return true;
        } catch (InsufficientCapacityException full) {
            return false;
        }
    }

    private Pending pendingOf(MarketDataEvent md) {
        ConcurrentHashMap<InstrumentId, Channels> byInstrument = channels.get(md.venue());
        if (byInstrument == null) {
            byInstrument = channels.computeIfAbsent(md.venue(), v -> new ConcurrentHashMap<>());
        }
        Channels c = byInstrument.get(md.instrument());
        if (c == null) {
            c = byInstrument.computeIfAbsent(md.instrument(), i -> new Channels());
        }
        return Conflation.isBook(md) ? c.book : c.trades;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("intake is closed");
        }
    }

    // ------------------------------------------------------------------------------------------------ consumer

    /**
     * Waits for the slot after {@code lastConsumed} and returns the highest available sequence (which may be lower
     * than requested after a wake-up). Throws {@link AlertException} when woken ({@link #wake}).
     */
    long waitFor(long next) throws AlertException, InterruptedException, TimeoutException {
        return barrier.waitFor(next);
    }

    Slot slot(long seq) {
        return ring.get(seq);
    }

    /** Hand the slots up to {@code seq} back to the producers. */
    void release(long seq) {
        consumed.set(seq);
    }

    long lastConsumed() {
        return consumed.get();
    }

    /** Makes a waiting (or the next) {@link #waitFor} throw {@link AlertException}. */
    void wake() {
        barrier.alert();
    }

    void clearWake() {
        barrier.clearAlert();
    }

    /** The next overflowed market data holder, or null. */
    Pending pollOverflow() {
        Pending p = overflow.poll();
        if (p != null) {
            overflowCount.decrementAndGet();
        }
        return p;
    }

    boolean hasOverflow() {
        return overflowCount.get() > 0;
    }

    /** Published and not yet consumed slots, plus overflowed market data. */
    int depth() {
        long d = ring.getCursor() - consumed.get();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, d + overflowCount.get()));
    }

    boolean isEmpty() {
        return ring.getCursor() == consumed.get() && overflowCount.get() == 0;
    }

    long cursor() {
        return ring.getCursor();
    }

    boolean isPublished(long seq) {
        return ring.isAvailable(seq);
    }

    int capacity() {
        return ring.getBufferSize();
    }

    void close() {
        closed = true;
        barrier.alert();
    }

    boolean isClosed() {
        return closed;
    }
}
