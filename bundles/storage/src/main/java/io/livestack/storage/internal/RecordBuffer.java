package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where accepted records wait for the writer: a bounded in-memory queue, and beyond its bound the {@link Spool}
 * file. Order is kept: while the spool holds records ("spilling"), new records go to the spool too, so memory
 * always holds records older than the spool's; the writer empties memory first, then the spool, and only when the
 * spool is drained do new records go to memory again.
 * <p>
 * {@link #accept} is called by the processing thread (any thread, in fact) and never waits for the database: it
 * holds a short lock, and a spool append is a copy into a 64 KB buffer (handed to the OS page cache when full);
 * the take side is the writer thread's.
 * <p>
 * Events: the records of one event (same non-zero {@code seq}, handed over together by {@link #acceptAll}) are
 * never split. {@link #acceptAll} puts a whole event either in memory or in the spool, under the intake lock; the
 * writer drains memory under the same lock, so it never sees half an event, and it ends a batch only where the
 * {@code seq} changes ({@link #take} may return more than {@code max} records to finish an event; the spool reads
 * the same way, see {@link Spool#read}). Draining under the intake lock costs the processing thread nothing new:
 * the memory queue's own lock is held for the whole drain anyway. Records accepted one by one ({@link #accept})
 * carry no such promise: an event's records may then be cut by a drain that comes between them.
 */
final class RecordBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(RecordBuffer.class);

    /** What the writer takes: records in order, from memory or from the spool. */
    record Batch(List<Envelope> items, Spool.SpoolBatch fromSpool) {

        boolean isEmpty() {
            return items.isEmpty();
        }
    }

    private final ReentrantLock intake = new ReentrantLock();
    private final ArrayBlockingQueue<Envelope> memory;
    private final Spool spool;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMicros;

    // guarded by intake
    private boolean spilling;
    private boolean closed;
    private long lastSeq = -1;
    private long lastOrd;
    private long lastUnsequencedOrd;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong lostAfterClose = new AtomicLong();
    private volatile String lastFailure;

    RecordBuffer(int memoryCapacity, Spool spool, LongSupplier nanoTime, LongSupplier wallMicros) {
        this.memory = new ArrayBlockingQueue<>(memoryCapacity);
        this.spool = spool;
        this.nanoTime = nanoTime;
        this.wallMicros = wallMicros;
        this.spilling = !spool.isEmpty(); // an earlier process left records: they go first
        accepted.set(spool.pending());
    }

    /**
     * Keeps the record: memory, or the spool when memory is full (or the spool is not drained yet). Never throws;
     * a record that cannot be kept at all (spool failure) is counted as lost and logged.
     */
    void accept(ExecutionRecord record) {
        long now = nanoTime.getAsLong();
        intake.lock();
        try {
            Envelope envelope = new Envelope(record.seq(), ordinal(record.seq()), now, record);
            accepted.incrementAndGet();
            if (closed) {
                lostAfterClose(List.of(envelope));
                return;
            }
            if (!spilling && memory.offer(envelope)) {
                return;
            }
            startSpilling();
            spilled.incrementAndGet();
            spool.append(envelope);
        } catch (IOException | RuntimeException e) {
            lastFailure = "spool append failed: " + e;
            LOG.error("Cannot spool execution record {}: it is LOST", record, e);
        } finally {
            intake.unlock();
        }
    }

    /**
     * Keeps the records of one event together: all of them in memory when there is room for all, else all of them
     * in the spool; the writer takes them in one batch. Never throws (as {@link #accept}).
     */
    void acceptAll(List<ExecutionRecord> records) {
        int n = records.size();
        if (n == 1) {
            accept(records.get(0));
            return;
        }
        if (n == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        intake.lock();
        try {
            List<Envelope> envelopes = new ArrayList<>(n);
            for (ExecutionRecord record : records) {
                envelopes.add(new Envelope(record.seq(), ordinal(record.seq()), now, record));
            }
            accepted.addAndGet(n);
            if (closed) {
                lostAfterClose(envelopes);
                return;
            }
            if (!spilling && memory.remainingCapacity() >= n) {
                // only the writer takes from memory meanwhile: every offer succeeds
                for (Envelope envelope : envelopes) {
                    memory.offer(envelope);
                }
                return;
            }
            startSpilling();
            spilled.addAndGet(n);
            spool.append(envelopes);
        } catch (IOException | RuntimeException e) {
            lastFailure = "spool append failed: " + e;
            LOG.error("Cannot spool the {} execution records of event {}: they are LOST", n, records.get(0).seq(),
                    e);
        } finally {
            intake.unlock();
        }
    }

    /** Under the intake lock. */
    private void startSpilling() {
        if (!spilling) {
            LOG.warn("Record backlog reached its memory bound ({} records): spilling to the spool", memory.size());
        }
        spilling = true;
    }

    /** Under the intake lock: records accepted after {@link #close}. */
    private void lostAfterClose(List<Envelope> envelopes) {
        lostAfterClose.addAndGet(envelopes.size());
        Envelope first = envelopes.get(0);
        lastFailure = "record " + first.key() + " arrived after the store was closed";
        for (Envelope envelope : envelopes) {
            LOG.error("Execution record {} {} arrived after the storage was closed: it is LOST", envelope.key(),
                    envelope.record().getClass().getSimpleName());
        }
    }

    /**
     * The record's position among the records of its event: 0, 1, 2... while the same seq continues. Records with
     * seq 0 (not caused by a sequenced event) get a unique increasing number instead: max(previous + 1, wall-clock
     * microseconds), unique across restarts as long as the clock does not go back by more than the downtime.
     */
    private long ordinal(long seq) {
        if (seq == 0) {
            lastUnsequencedOrd = Math.max(lastUnsequencedOrd + 1, wallMicros.getAsLong());
            return lastUnsequencedOrd;
        }
        if (seq == lastSeq) {
            return ++lastOrd;
        }
        lastSeq = seq;
        lastOrd = 0;
        return 0;
    }

    /**
     * Writer thread: the next records in order, at most {@code max} plus the rest of the event the last of them
     * belongs to (a batch never ends inside an event), waiting up to {@code waitMillis} for one to arrive when there
     * is nothing; null when there is nothing.
     */
    Batch take(int max, long waitMillis) throws IOException, InterruptedException {
        List<Envelope> items = new ArrayList<>(Math.min(max, 1024));
        drainMemory(items, max);
        if (!items.isEmpty()) {
            return new Batch(items, null);
        }
        if (isSpilling()) {
            spool.flush(); // appends buffered by accept become readable
            Spool.SpoolBatch fromSpool = spool.read(max);
            if (fromSpool != null) {
                return new Batch(fromSpool.items(), fromSpool);
            }
            if (!endSpill()) {
                return null;
            }
            drainMemory(items, max);
            if (!items.isEmpty()) {
                return new Batch(items, null);
            }
        }
        Envelope first = memory.poll(waitMillis, TimeUnit.MILLISECONDS); // may be the first of an event being offered
        if (first == null) {
            return null;
        }
        items.add(first);
        drainMemory(items, max);
        return new Batch(items, null);
    }

    /**
     * Moves records from memory to {@code items} until it holds {@code max}, then on while the next record belongs
     * to the same event as the last one taken (same non-zero seq). Under the intake lock, so that an event being
     * offered by {@link #acceptAll} is either complete or not started.
     */
    private void drainMemory(List<Envelope> items, int max) {
        intake.lock();
        try {
            if (items.size() < max) {
                memory.drainTo(items, max - items.size());
            }
            if (items.isEmpty()) {
                return;
            }
            long seq = items.get(items.size() - 1).seq();
            Envelope next;
            while (seq != 0 && (next = memory.peek()) != null && next.seq() == seq) {
                items.add(memory.poll());
            }
        } finally {
            intake.unlock();
        }
    }

    private boolean isSpilling() {
        intake.lock();
        try {
            return spilling;
        } finally {
            intake.unlock();
        }
    }

    /** Under the intake lock: if the spool is fully read, new records go to memory again. */
    private boolean endSpill() throws IOException {
        intake.lock();
        try {
            if (!memory.isEmpty() || !spool.endIfDrained()) {
                return false;
            }
            spilling = false;
            LOG.info("Spool drained: records go to memory again");
            return true;
        } finally {
            intake.unlock();
        }
    }

    /** Writer thread: the batch is in the database. */
    void committed(Batch batch) throws IOException {
        if (batch.fromSpool() != null) {
            spool.committed(batch.fromSpool());
        }
    }

    /** Writer thread: make spooled appends crash-safe and power-loss-safe. */
    void syncSpool() throws IOException {
        spool.sync();
    }

    /**
     * Closes the buffer: what is still in memory (after {@code unwritten}, an unwritten batch taken from memory)
     * goes to the spool, synced, where the next start finds it first. Records accepted after this are lost (the
     * sink service is unregistered before; only stragglers can come).
     */
    void close(Batch unwritten) throws IOException {
        intake.lock();
        try {
            closed = true;
            List<Envelope> rest = new ArrayList<>();
            if (unwritten != null && unwritten.fromSpool() == null) {
                rest.addAll(unwritten.items());
            }
            memory.drainTo(rest);
            if (!rest.isEmpty()) {
                try {
                    if (spilling) {
                        spool.prepend(rest); // older than everything spooled
                    } else {
                        spool.appendSealed(rest); // newer than anything left in the spool (all of it read)
                    }
                } catch (IOException e) {
                    lostAfterClose.addAndGet(rest.size());
                    lastFailure = "spool write at close failed: " + e;
                    LOG.error("Storage closing: {} record(s) not yet written could not be spooled and are LOST",
                            rest.size(), e);
                    throw e;
                }
                LOG.info("Storage closing: {} record(s) not yet written are kept in the spool", rest.size());
            }
            spool.sync();
        } finally {
            intake.unlock();
            spool.close();
        }
    }

    /** Records in memory. */
    int inMemory() {
        return memory.size();
    }

    /** Records in the spool, not yet written. */
    long inSpool() {
        return spool.pending();
    }

    long accepted() {
        return accepted.get();
    }

    long spilled() {
        return spilled.get();
    }

    long lost() {
        return spool.lost() + lostAfterClose.get();
    }

    String lastFailure() {
        return lastFailure;
    }
}
