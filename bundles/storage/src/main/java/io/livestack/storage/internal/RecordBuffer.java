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
                lostAfterClose.incrementAndGet();
                lastFailure = "record " + envelope.key() + " arrived after the store was closed";
                LOG.error("Execution record {} {} arrived after the storage was closed: it is LOST", envelope.key(),
                        record.getClass().getSimpleName());
                return;
            }
            if (!spilling && memory.offer(envelope)) {
                return;
            }
            if (!spilling) {
                LOG.warn("Record backlog reached its memory bound ({} records): spilling to the spool",
                        memory.size());
            }
            spilling = true;
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
     * Writer thread: the next records in order, at most {@code max}, waiting up to {@code waitMillis} for one to
     * arrive when there is nothing; null when there is nothing.
     */
    Batch take(int max, long waitMillis) throws IOException, InterruptedException {
        List<Envelope> items = new ArrayList<>(Math.min(max, 1024));
        memory.drainTo(items, max);
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
            memory.drainTo(items, max);
            if (!items.isEmpty()) {
                return new Batch(items, null);
            }
        }
        Envelope first = memory.poll(waitMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        items.add(first);
        memory.drainTo(items, max - 1);
        return new Batch(items, null);
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
