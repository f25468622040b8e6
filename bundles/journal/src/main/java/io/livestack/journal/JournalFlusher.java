package io.livestack.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's own thread ({@value #THREAD}): every {@code syncIntervalMillis} it forces what the writer appended to
 * disk ({@code msync} of the written range of the map: an append is durable, survives power loss, at most one
 * interval after it was made), finishes and closes the segments the writer left, and prepares the next segment
 * before the active one is full. A force that fails is reported ({@link #syncFailure()}) and tried again each
 * interval.
 */
final class JournalFlusher implements Runnable, AutoCloseable {

    static final String THREAD = "livestack-journal-flusher";
    private static final Logger LOG = LoggerFactory.getLogger(JournalFlusher.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JournalWriter writer;
    private final Path directory;
    private final int segmentBytes;
    private final long intervalNanos;
    private final Thread thread;

    private volatile Segment active;
    private final AtomicInteger activeOffset = new AtomicInteger();
    private final ConcurrentLinkedQueue<Segment> finished = new ConcurrentLinkedQueue<>();
    private volatile Segment next;
    private volatile boolean wantNext;
    private volatile boolean running = true;
    private volatile String syncFailure;
    private final AtomicLong durableSeq = new AtomicLong();
    private final Object durableMonitor = new Object();
    /** Held while a segment file is made: by the flusher ahead of time, or by the writer when none was ready. */
    private final Object preparing = new Object();
    private volatile int waiters;
    private long nextPrepareAttempt;

    JournalFlusher(JournalWriter writer, Path directory, int segmentBytes, long syncIntervalMillis) {
        if (syncIntervalMillis < 1) {
            throw new IllegalArgumentException("syncIntervalMillis must be at least 1, not " + syncIntervalMillis);
        }
        this.writer = writer;
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(syncIntervalMillis);
        this.thread = new Thread(this, THREAD);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    // ============================================================================================ from the writer

    void activated(Segment segment, int offset) {
        active = segment;
        activeOffset.set(offset);
    }

    /** After each frame: the end of what was written in the active segment (an ordered store, no fence). */
    void appended(int offset) {
        activeOffset.lazySet(offset);
    }

    void rolled(Segment done, Segment now, int offset) {
        finished.add(done);
        activated(now, offset);
        wantNext = true;
        LockSupport.unpark(thread);
    }

    /** The prepared next segment (taken: the caller owns it), or null. */
    Segment takeNext() {
        Segment s = next;
        if (s != null) {
            next = null;
        }
        return s;
    }

    /**
     * The next segment now: the prepared one, or one made on the caller's thread (waiting for the flusher if it is
     * making it right now, so that both never make the same file).
     */
    Segment takeOrMakeNext(long index) throws IOException {
        synchronized (preparing) {
            Segment s = takeNext();
            return s != null ? s : Segment.create(directory, index, segmentBytes);
        }
    }

    void wantNext() {
        wantNext = true;
        LockSupport.unpark(thread);
    }

    void durableUpTo(long seq) {
        durableSeq.set(seq);
        Segment a = active;
        if (a != null) {
            durableMark = JournalFormat.mark(a.index, activeOffset.get());
        }
    }

    /** Where the journal is on disk: every frame that ends at or before this {@link JournalFormat#mark} is. */
    long durableMark() {
        return durableMark;
    }

    private volatile long durableMark;

    String syncFailure() {
        return syncFailure;
    }

    long durableSeq() {
        return durableSeq.get();
    }

    boolean awaitDurable(long seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (durableMonitor) {
            waiters++;
            try {
                LockSupport.unpark(thread);
                while (durableSeq.get() < seq) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }

    // ============================================================================================ the thread

    @Override
    public void run() {
        while (running) {
            flushOnce();
            prepareNext();
            LockSupport.parkNanos(this, intervalNanos);
        }
        flushOnce();
    }

    /**
     * Forces what was appended up to now; publishes the seq that is now durable. Reads the seq first, then the
     * active segment and offset (the writer publishes them in the opposite order), so everything up to that seq's
     * frame is in the forced ranges: the finished segments, whole, and the active one up to the offset.
     */
    void flushOnce() {
        long seq = writer.appendedSeq();
        Segment a = active;
        int offset = activeOffset.get();
        try {
            Segment done;
            while ((done = finished.peek()) != null) {
                done.force(done.size);
                if (done == a) {
                    break; // rolled after it was read as active: closed at the next round, never while in use here
                }
                finished.poll();
                close(done);
            }
            a.force(Math.min(offset, a.size));
            long mark = JournalFormat.mark(a.index, Math.min(offset, a.size));
            if (mark > durableMark) {
                durableMark = mark;
            }
            if (syncFailure != null) {
                LOG.info("journal forced to disk again (was: {})", syncFailure);
                syncFailure = null;
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            if (syncFailure == null) {
                LOG.error("journal cannot be forced to disk", e);
            }
            syncFailure = "journal cannot be forced to disk: " + e.getMessage();
            return;
        }
        if (seq > durableSeq.get()) {
            durableSeq.set(seq);
            if (waiters > 0) {
                synchronized (durableMonitor) {
                    durableMonitor.notifyAll();
                }
            }
        }
    }

    private void prepareNext() {
        Segment a = active;
        if (next != null || !(wantNext || activeOffset.get() > a.size / 2)) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextPrepareAttempt) {
            return;
        }
        try {
            synchronized (preparing) {
                // the writer may have made it itself (takeOrMakeNext) and not yet told us (rolled): both make files
                // only under this lock, so the file's existence says it
                if (next == null && active == a
                        && !Files.exists(directory.resolve(JournalFormat.segmentName(a.index + 1)))) {
                    next = Segment.create(directory, a.index + 1, segmentBytes);
                }
            }
            wantNext = false;
        } catch (IOException | RuntimeException e) {
            nextPrepareAttempt = now + RETRY_NANOS;
            LOG.error("cannot prepare journal segment {} in {}: {}", JournalFormat.segmentName(a.index + 1),
                    directory, e.toString());
        }
    }

    private static void close(Segment s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.warn("closing journal segment {}: {}", s.path, e.toString());
        }
    }

    /** Stops the thread after a last force; closes the segments (the writer must not append any more). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the journal flusher did not stop within 10 s");
            return;
        }
        if (thread.getState() == Thread.State.NEW) {
            flushOnce();
        }
        Segment done;
        while ((done = finished.poll()) != null) {
            close(done);
        }
        close(active);
        Segment n = next;
        if (n != null) {
            next = null;
            close(n);
            try {
                java.nio.file.Files.deleteIfExists(n.path);
            } catch (IOException e) {
                LOG.warn("removing the unused journal segment {}: {}", n.path, e.toString());
            }
        }
    }
}
