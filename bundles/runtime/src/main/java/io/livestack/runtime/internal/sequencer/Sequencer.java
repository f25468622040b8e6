package io.livestack.runtime.internal.sequencer;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.TimeoutException;
import io.livestack.api.event.Event;
import io.livestack.api.model.VenueId;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveClock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer: every input enters here from any thread and leaves, one at a time on the processing thread, with its
 * place in the one total order — a sequence number and an intake time ({@link Sequenced}). It owns the bounded
 * {@link IntakeQueue} (with market data conflation and back-pressure), the timers, the ClOrdIDs (deterministic for a
 * given sequence), and the holding of events the chain cannot take yet:
 * <ul>
 * <li>nothing is sequenced while the chain is not {@link Gate#open() open} (no state stage, or one still waiting for
 * its recovery): events stay queued and producers wait once the queue is full;</li>
 * <li>execution reports and cancel rejects are held, unsequenced and in arrival order, while no execution control is
 * bound ({@link Gate#executionPresent()}), and sequenced first when it returns.</li>
 * </ul>
 * Besides the ring, two small lanes: the internal lane (events the chain gives itself — session notices, auto-start,
 * a held kill — and events a stage publishes from the processing thread while the ring is full: the loop never waits
 * for itself) and market data that overflowed a full ring. An operator command's reply travels beside it, never in
 * it, and reaches the {@link Handler} with it.
 */
public final class Sequencer implements AutoCloseable {

    /** Takes each sequenced event, on the processing thread. Must not throw. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param reply who waits for an operator command's outcome, or null
         * @param intakeNanoTime {@link System#nanoTime()} at a market data event's intake (0 for others)
         */
        void onEvent(Sequenced event, CompletableFuture<CommandResult> reply, long intakeNanoTime);
    }

    /** What the chain can take now; asked on the processing thread before each event. */
    public interface Gate {
        /** A state stage is bound and ready: events may be sequenced. */
        boolean open();

        /** Execution control is bound: execution reports and cancel rejects may be sequenced. */
        boolean executionPresent();

        /** The last sequence number recorded before this runtime (asked once, before the first event). */
        long sequenceBase();
    }

    static final String TIMER_THREAD = "livestack-runtime-timers";
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);

    private final SequencerCounters counters = new SequencerCounters();
    private final LiveClock systemClock = new SystemLiveClock();
    private volatile LiveClock clock;
    private final IntakeQueue queue;
    private final TimerScheduler timers;
    private final ClientOrderIds ids;
    private final ConcurrentLinkedQueue<Stamped> internal = new ConcurrentLinkedQueue<>();
    private final Numbering numbering = new Numbering();
    private final InboundSequences inbound = new InboundSequences();
    private volatile EventJournal journal = EventJournal.OFF;
    private final SequencerRecovery recovery;
    /** Processing thread: a recovery replays the journal; what the chain would publish or sequence is dropped. */
    private boolean replaying;
    private volatile Thread consumer;

    // processing thread only
    private final HeldReports held = new HeldReports();
    private long next;

    public Sequencer(int capacity, WaitStrategyKind waitStrategy, String clOrdIdPrefix) {
        this.ids = new ClientOrderIds(clOrdIdPrefix);
        this.queue = new IntakeQueue(capacity, waitStrategy, this::clock, counters, this::wake);
        this.timers = new TimerScheduler(this::clock, e -> queue.publish(e, Long.MAX_VALUE), TIMER_THREAD);
        this.next = queue.lastConsumed() + 1;
        this.recovery = new SequencerRecovery(numbering, ids, timers, inbound, on -> replaying = on);
    }

    /** Starts the timer thread (a test that steps the chain calls {@link #fireTimers()} instead). */
    public void start() {
        timers.start();
    }

    public void bindClock(LiveClock c) {
        clock = c;
    }

    public void unbindClock(LiveClock c) {
        if (clock == c) {
            clock = null;
        }
    }

    /** The injected clock, or the system clock. */
    public LiveClock clock() {
        LiveClock c = clock;
        return c != null ? c : systemClock;
    }

    // ============================================================================================ producers

    /** Enqueue; waits while the queue is full (market data never waits: it is conflated instead). */
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        if (onConsumerThread() && !(event instanceof MarketDataEvent)) {
            publishFromLoop(event, null);
            return;
        }
        queue.publish(event, Long.MAX_VALUE);
    }

    /** Enqueue, waiting at most {@code timeout}; false if the queue stayed full. */
    public boolean offer(Event event, long timeout, TimeUnit unit) {
        Objects.requireNonNull(event, "event");
        if (onConsumerThread() && !(event instanceof MarketDataEvent)) {
            publishFromLoop(event, null);
            return true;
        }
        return queue.publish(event, null, Math.max(0, unit.toNanos(timeout)));
    }

    /** An operator command, with whoever waits for its outcome beside it. */
    public void publishCommand(OperatorCommand command, CompletableFuture<CommandResult> reply) {
        Objects.requireNonNull(command, "command");
        if (onConsumerThread()) {
            publishFromLoop(command, reply);
            return;
        }
        queue.publish(command, reply, Long.MAX_VALUE);
    }

    /**
     * An event for the chain that must never wait for room (a binding change on an SCR thread, a notice the chain
     * gives itself): the ring if there is room, else the internal lane.
     */
    public void publishNotice(Event event) {
        if (queue.isClosed()) {
            return;
        }
        if (!queue.tryPublish(event)) {
            internal(event, null);
            wake();
        }
    }

    /**
     * The processing thread gives the chain an event to sequence before anything queued: a notice to itself, a
     * command it issues (auto-start), a kill held for execution control.
     */
    public void sequenceNext(Event event) {
        if (!replaying) {
            internal(event, null);
        }
    }

    /**
     * The processing thread publishes: it must never wait for itself to make room. While a recovery replays the
     * journal nothing it publishes is taken: what the chain caused then is in the journal already.
     */
    private void publishFromLoop(Event event, CompletableFuture<CommandResult> reply) {
        if (replaying) {
            return;
        }
        if (reply == null && queue.tryPublish(event)) {
            return;
        }
        if (queue.isClosed()) {
            throw new IllegalStateException("intake is closed");
        }
        internal(event, reply);
    }

    private void internal(Event event, CompletableFuture<CommandResult> reply) {
        counters.in(event);
        internal.add(new Stamped(event, reply, clock().nanos()));
    }

    /** Events waiting to be sequenced (ring, overflow, internal lane, held reports). */
    public int queueDepth() {
        return queue.depth() + internal.size() + held.count();
    }

    public int capacity() {
        return queue.capacity();
    }

    private boolean onConsumerThread() {
        return Thread.currentThread() == consumer;
    }

    /** Whether the caller is the processing thread. */
    public boolean isProcessingThread() {
        return onConsumerThread();
    }

    // ============================================================================================ consumer

    /**
     * Sequences what the chain can take now and hands each event to {@code handler}: held reports first (when
     * execution control is back), then the internal lane, overflowed market data, and up to {@code limit} slots of the
     * ring. Returns how many events it took (sequenced or held).
     */
    public int poll(int limit, Gate gate, Handler handler) {
        Thread current = Thread.currentThread();
        if (consumer != current) {
            consumer = current; // the one processing thread (a test stepping the chain is its own)
        }
        if (!gate.open()) {
            return 0;
        }
        int taken = 0;
        if (!held.isEmpty() && gate.executionPresent()) {
            LOG.info("execution control is back: sequencing {} held execution reports", held.size());
            Stamped h;
            while (gate.open() && gate.executionPresent() && (h = held.poll()) != null) {
                sequence(h.event(), h.reply(), h.stamp(), 0, gate, handler);
                taken++;
            }
        }
        Stamped s;
        while (gate.open() && (s = internal.poll()) != null) {
            sequence(s.event(), s.reply(), s.stamp(), 0, gate, handler);
            taken++;
        }
        IntakeQueue.Pending p;
        while (gate.open() && (p = queue.pollOverflow()) != null) {
            long stamp = p.overflowStamp;
            long nanoTime = p.overflowNanoTime;
            MarketDataEvent md = p.take();
            if (md != null) {
                sequence(md, null, stamp, nanoTime, gate, handler);
                taken++;
            }
        }
        return taken + pollRing(limit, gate, handler);
    }

    /**
     * Up to {@code limit} ring slots, stopping at the first one claimed but not yet published (a producer may be
     * between its claim and its publish while a later one has published).
     */
    private int pollRing(int limit, Gate gate, Handler handler) {
        long end = Math.min(queue.cursor(), next + limit - 1);
        long s = next;
        try {
            while (s <= end && queue.isPublished(s) && gate.open()) {
                IntakeQueue.Slot slot = queue.slot(s);
                s++;
                try {
                    take(slot, gate, handler);
                } finally {
                    slot.clear();
                }
            }
        } finally {
            if (s > next) {
                queue.release(s - 1);
            }
        }
        int taken = (int) (s - next);
        next = s;
        return taken;
    }

    private void take(IntakeQueue.Slot slot, Gate gate, Handler handler) {
        if (slot.kind == IntakeQueue.MARKET_DATA) {
            IntakeQueue.Pending p = slot.pending;
            MarketDataEvent md = p == null ? null : p.take();
            if (md != null) {
                sequence(md, null, slot.stamp, slot.intakeNanoTime, gate, handler);
            }
        } else if (slot.event != null) {
            sequence(slot.event, slot.reply, slot.stamp, 0, gate, handler);
        }
    }

    /** Gives the event its place in the order (or holds it) and hands it on. */
    private void sequence(Event event, CompletableFuture<CommandResult> reply, long stamp, long nanoTime, Gate gate,
            Handler handler) {
        if (HeldReports.needsExecution(event) && !gate.executionPresent()) {
            held.hold(new Stamped(event, reply, stamp));
            return;
        }
        if (numbering.needsBase()) {
            numbering.continueAfter(gate.sequenceBase());
        }
        Sequenced sequenced = numbering.next(event, stamp);
        ids.take(sequenced);
        if (event instanceof io.livestack.api.event.TimerEvent timer) {
            timers.sequenced(timer.owner(), timer.token()); // pending until now: a snapshot or hash held it
        }
        if (journal.input(sequenced)) { // before anything the event causes leaves the process
            inbound.journaled(event);
        }
        handler.onEvent(sequenced, reply, nanoTime);
        counters.countOut(event);
        numbering.published(sequenced);
    }

    /**
     * Waits until something is published or {@link #wake()} is called (as the configured wait strategy says). The
     * processing thread, when a poll found nothing to do.
     */
    public void awaitWork() {
        try {
            queue.waitFor(next);
        } catch (AlertException woken) {
            queue.clearWake();
        } catch (TimeoutException | InterruptedException e) {
            Thread.interrupted(); // nobody may interrupt this thread: do not spin on a stale flag
        }
    }

    /** Makes a waiting {@link #awaitWork()} return (or the next one, at once). */
    public void wake() {
        queue.wake();
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    public boolean isEmpty() {
        return queue.isEmpty() && internal.isEmpty();
    }

    // ============================================================================================ the chain's needs

    /** From now on every sequenced event is appended to {@code journal} before the chain sees it. */
    public void journal(EventJournal journal) {
        this.journal = journal;
    }

    public EventJournal journal() {
        return journal;
    }

    /** A fresh ClOrdID (processing thread, while an event is processed). */
    public ClientOrderId nextClientOrderId() {
        return ids.next();
    }

    public void scheduleTimer(TimerOwner owner, long atNanos, long token) {
        timers.schedule(Objects.requireNonNull(owner, "owner"), atNanos, token);
    }

    /** A test or replay clock jumped: timers check their due times now. */
    public void clockAdvanced() {
        timers.clockAdvanced();
    }

    /** Publishes the timers due by the clock (what the timer thread does; for a test stepping the chain). */
    public int fireTimers() {
        return timers.fireDue();
    }

    public int timersPending() {
        return timers.pending();
    }

    /** The last sequence number handed out (processing thread). */
    public long lastSeq() {
        return numbering.lastSeq();
    }

    /** The last sequence number handed out, as published for other threads. */
    public long lastSeqPublished() {
        return numbering.lastSeqPublished();
    }

    /** Execution reports and cancel rejects held while no execution control is bound. */
    public int held() {
        return held.count();
    }

    public SequencerCounters counters() {
        return counters;
    }

    /** The inbound sequence number of the last report from {@code venue} the journal holds, or -1 (any thread). */
    public long lastJournaledVenueSeq(VenueId venue) {
        return inbound.last(venue);
    }

    /**
     * Whether {@code id} was given after the last ClOrdID the recovered journal holds (a power loss took its input):
     * see {@link io.livestack.api.runtime.EventIntake#sentButNotJournaled}. Any thread.
     */
    public boolean sentButNotJournaled(io.livestack.api.model.ClientOrderId id) {
        return ids.givenAfterJournal(id);
    }

    /** What a recovery does to the sequencer: its state in and out of snapshots, the journaled events replayed. */
    public SequencerRecovery recovery() {
        return recovery;
    }

    // ============================================================================================ stop

    /** Stops taking events: producers get an {@link IllegalStateException}, timers stop. */
    @Override
    public void close() {
        queue.close();
        timers.close();
        wake();
    }

    public boolean isClosed() {
        return queue.isClosed();
    }

    /**
     * After the processing thread stopped: hands the reply of every operator command that was never sequenced to
     * {@code unprocessed} and returns how many events were left (ring, internal lane, held reports).
     */
    public int discardUnprocessed(Consumer<CompletableFuture<CommandResult>> unprocessed) {
        int left = 0;
        for (long s = next; s <= queue.cursor(); s++) {
            if (queue.isPublished(s)) {
                IntakeQueue.Slot slot = queue.slot(s);
                if (slot.reply != null) {
                    unprocessed.accept(slot.reply);
                }
                left++;
                slot.clear();
            }
        }
        for (Stamped s : internal) {
            if (s.reply() != null) {
                unprocessed.accept(s.reply());
            }
            left++;
        }
        internal.clear();
        left += held.size();
        return left;
    }
}
