package io.livestack.storage.internal;

import io.livestack.api.record.RecordJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer: reads the journal's events after the mark and commits their records with the mark they reach, one
 * transaction per batch ({@link StorageRoutes} calls it). Its state is the drain route's single timer thread's.
 * <p>
 * The mark: where the database has it ({@code savedMark}) and where reading goes on ({@link ProjectionStatus#mark},
 * ahead of it only over events without records, saved at least every {@link #MARK_SAVE_INTERVAL_NANOS}). It is read
 * from the database at the start, after a failed journal read (an operator may have moved it past a gap), and after
 * a reconnection with no batch pending; it only advances with a commit. A batch that could not be written stays
 * pending and is tried again after a pause (50 ms doubling up to {@code retryMaxBackoffMillis}); nothing after it is
 * read meanwhile, so the journal is all the buffer there is.
 */
final class Projector {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** How often the mark alone is saved while the journal brings only events without records. */
    static final long MARK_SAVE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final StorageSettings settings;
    private final Supplier<DataSource> dataSources;
    private final String dataSourceName;
    private final Supplier<RecordJournal> journals;
    private final JdbcWriter writer;
    private final ProjectionStatus status;
    private final RecordStore.Listener listener;
    private final BooleanSupplier running;
    private volatile boolean wake;

    // writer thread only
    private JournalBatch pending;
    private DataSource markSource;
    private boolean reloadMark = true;
    private long savedMark;
    private long retryAtNanos;
    private int consecutiveFailures;
    private long lastBatchNanos;
    private boolean anyBatch;
    private boolean lastBatchFull;
    private long lastMarkSaveNanos;
    private boolean waitingForDataSource;

    Projector(StorageSettings settings, Supplier<DataSource> dataSources, String dataSourceName,
            Supplier<RecordJournal> journals, JdbcWriter writer, ProjectionStatus status,
            RecordStore.Listener listener, BooleanSupplier running) {
        this.settings = settings;
        this.dataSources = dataSources;
        this.dataSourceName = dataSourceName;
        this.journals = journals;
        this.writer = writer;
        this.status = status;
        this.listener = listener;
        this.running = running;
        long now = System.nanoTime(); // nanoTime may be negative: no 0 as "never"
        this.retryAtNanos = now;
        this.lastMarkSaveNanos = now - MARK_SAVE_INTERVAL_NANOS;
    }

    /** Any thread: a service changed, try at once instead of after the current pause. */
    void wake() {
        wake = true;
    }

    /** Loop predicate of the drain route: puts the next batch in the body; false when there is nothing to do. */
    boolean nextBatch(Exchange exchange) {
        if (!running.getAsBoolean()) {
            return false;
        }
        long now = System.nanoTime();
        if (wake) {
            wake = false;
            retryAtNanos = now;
        }
        if (now - retryAtNanos < 0 || !connect() || (pending == null && !readJournal(now))) {
            return false;
        }
        exchange.getIn().setBody(pending);
        return true;
    }

    /** Processor of the write route: the batch and its mark in one transaction, then the durability statement. */
    void writeBatch(Exchange exchange) throws RecordRejectedException, StorageUnavailableException {
        JournalBatch batch = exchange.getIn().getBody(JournalBatch.class);
        requireOpen();
        long start = System.nanoTime();
        try {
            writer.write(batch.items(), batch.fromMark(), batch.toMark());
        } catch (MarkMovedException e) {
            markMoved(batch, e);
            return;
        }
        committed(batch, batch.items(), 0, 0, 0);
        try {
            if (!batch.isEmpty()) {
                writer.sync();
            }
            durable(batch, batch.items(), start);
        } finally {
            advanced(batch);
        }
    }

    /**
     * Processor of the isolate route (the database refused the batch's content): record by record, each written,
     * found already there, or dead-lettered; then the mark.
     */
    void isolate(Exchange exchange) {
        JournalBatch batch = exchange.getIn().getBody(JournalBatch.class);
        long start = System.nanoTime();
        try {
            requireOpen();
            writer.checkMark(batch.fromMark());
            List<Envelope> inserted = new ArrayList<>(batch.items().size());
            int dup = 0;
            int dead = 0;
            int lost = 0;
            for (Envelope e : batch.items()) {
                switch (writer.writeOne(e)) {
                    case WRITTEN -> inserted.add(e);
                    case DUPLICATE -> dup++;
                    case DEAD_LETTERED -> dead++;
                    case LOST -> lost++;
                    default -> throw new IllegalStateException();
                }
            }
            writer.advanceMark(batch.fromMark(), batch.toMark());
            if (dup > 0) {
                LOG.info("{} record(s) of events {}..{} were already in the database: skipped", dup,
                        batch.fromMark() + 1, batch.lastSeq());
            }
            committed(batch, inserted, dup, dead, lost);
            try {
                writer.sync();
                durable(batch, inserted, start);
            } finally {
                advanced(batch);
            }
        } catch (MarkMovedException e) {
            markMoved(batch, e);
        } catch (StorageUnavailableException e) {
            failed(e);
        }
    }

    /** Processor of the unavailable-database handler: keep the batch, try again after a pause. */
    void writeFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failed(cause == null ? new StorageUnavailableException("unknown failure", null) : cause);
    }

    // ---------------------------------------------------------------------------------------------------- reading

    /** An open connection to the current DataSource; a new database brings its own mark. */
    private boolean connect() {
        DataSource ds = dataSources.get();
        if (ds == null) {
            writer.close();
            status.databaseError = "no DataSource " + dataSourceName + " is registered";
            if (!waitingForDataSource) {
                waitingForDataSource = true;
                LOG.info("Storage waiting for a DataSource {}; the journal keeps the records meanwhile",
                        dataSourceName);
            }
            return false;
        }
        if (waitingForDataSource) {
            waitingForDataSource = false;
            status.databaseError = null;
        }
        if (writer.isOpenOn(ds)) {
            return true;
        }
        try {
            writer.open(ds);
        } catch (StorageUnavailableException e) {
            failed(e);
            return false;
        }
        if (ds != markSource && pending != null) {
            LOG.info("Storage switched to another DataSource: the batch of events {}..{} is read again after the "
                    + "new database's mark", pending.fromMark() + 1, pending.lastSeq());
            pending = null;
        }
        markSource = ds;
        reloadMark |= pending == null;
        return true;
    }

    private boolean readJournal(long now) {
        if (reloadMark && !loadMark()) {
            return false;
        }
        RecordJournal journal = journals.get();
        if (journal == null) {
            status.journalError = null; // idle: the status says so
            return false;
        }
        awaitCommitInterval(now);
        long after = status.mark;
        JournalBatch batch;
        try {
            batch = JournalBatch.read(journal, savedMark, after, settings.batchMaxSize());
        } catch (RuntimeException e) {
            journalFailed(after, e);
            return false;
        }
        if (status.journalError != null) {
            LOG.info("Storage reads the journal again (after seq {})", after);
            status.journalError = null;
            consecutiveFailures = 0;
        }
        if (batch.isEmpty()) {
            status.mark = batch.toMark(); // events without records: nothing to write, the mark is saved later
            if (batch.toMark() == savedMark || now - lastMarkSaveNanos < MARK_SAVE_INTERVAL_NANOS) {
                return false;
            }
        } else {
            lastBatchNanos = System.nanoTime(); // when this batch starts (after the commit interval's wait)
            anyBatch = true;
            lastBatchFull = batch.items().size() >= settings.batchMaxSize();
        }
        pending = batch;
        return true;
    }

    private boolean loadMark() {
        long mark;
        try {
            mark = writer.loadMark();
        } catch (StorageUnavailableException e) {
            failed(e);
            return false;
        }
        if (!status.markKnown || mark != savedMark) {
            LOG.info("Storage projects the journal after seq {} (the projection mark in {})", mark, dataSourceName);
        }
        savedMark = mark;
        status.mark = mark;
        status.markKnown = true;
        reloadMark = false;
        databaseWorks();
        return true;
    }

    /**
     * Group commit: while the writer keeps up (its last batch was not full), the next batch starts no sooner than
     * {@code commitIntervalMillis} after the previous one, so a steady flow is written in a few larger transactions
     * (each commit syncs the disk). Events after a quiet spell are read at once.
     */
    private void awaitCommitInterval(long now) {
        long interval = TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMillis());
        long due = lastBatchNanos + interval;
        if (interval == 0 || !anyBatch || lastBatchFull || now - due >= 0) {
            return;
        }
        long left;
        while (running.getAsBoolean() && (left = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    // ------------------------------------------------------------------------------------------------ outcomes

    private void requireOpen() throws StorageUnavailableException {
        if (!writer.isOpen()) {
            throw new StorageUnavailableException("the connection to " + dataSourceName + " was closed", null);
        }
    }

    /** The batch's transaction(s) committed: the mark in the database advanced. */
    private void committed(JournalBatch batch, List<Envelope> inserted, int dup, int dead, int lost) {
        pending = null;
        savedMark = batch.toMark();
        lastMarkSaveNanos = System.nanoTime();
        status.written.addAndGet(inserted.size());
        status.duplicates.addAndGet(dup);
        status.deadLettered.addAndGet(dead);
        if (lost > 0) {
            status.lastLoss = "records of events " + (batch.fromMark() + 1) + ".." + batch.lastSeq()
                    + " could not be dead-lettered, see the log";
            status.lost.addAndGet(lost);
        }
    }

    /** Reading goes on after the batch (published last: whoever sees the mark sees the counts and the listener's). */
    private void advanced(JournalBatch batch) {
        status.mark = Math.max(status.mark, batch.toMark());
    }

    /** ... and made durable. */
    private void durable(JournalBatch batch, List<Envelope> inserted, long startNanos) {
        long done = System.nanoTime();
        databaseWorks();
        if (batch.isEmpty()) {
            return;
        }
        status.lastCommitNanos = done - startNanos;
        status.lastRecordToDurableNanos = StorageMetrics.epochNanosNow() - batch.items().get(0).record().timeNanos();
        listener.written(inserted, done - startNanos, done);
    }

    private void databaseWorks() {
        if (status.databaseError != null) {
            if (consecutiveFailures > 0) {
                LOG.info("Storage can use the database again after {} failed attempt(s)", consecutiveFailures);
            }
            consecutiveFailures = 0;
            status.databaseError = null;
        }
    }

    private void markMoved(JournalBatch batch, MarkMovedException e) {
        LOG.warn("Storage: {}; events {}..{} are not written by this batch, reading goes on from the database's "
                + "mark", e.getMessage(), batch.fromMark() + 1, batch.lastSeq());
        pending = null;
        reloadMark = true;
    }

    private void failed(Throwable cause) {
        String message = pause(cause);
        status.databaseError = message;
        if (consecutiveFailures == 1) {
            LOG.warn("Storage cannot write ({}); the journal keeps the records, they are written when the database "
                    + "is back", message);
        } else if (consecutiveFailures % 100 == 0) {
            LOG.warn("Storage still cannot write after {} attempts ({}); {} journaled event(s) not yet stored",
                    consecutiveFailures, message, status.backlog(journals.get()));
        }
        listener.failed(cause);
    }

    /** The journal cannot give the events after {@code after}: the mark stays, the read is tried again later. */
    private void journalFailed(long after, RuntimeException cause) {
        String message = "reading after seq " + after + ": " + pause(cause);
        status.journalError = message;
        reloadMark = true; // an operator may move the mark past a gap the journal let go (docs/storage.md)
        if (consecutiveFailures == 1) {
            LOG.error("Storage cannot read the journal ({}); nothing is skipped: it tries again until the journal "
                    + "can be read or the mark is moved", message, cause);
        } else if (consecutiveFailures % 100 == 0) {
            LOG.error("Storage still cannot read the journal after {} attempts ({})", consecutiveFailures, message);
        }
        listener.failed(cause);
    }

    /** Counts a failure, schedules the next attempt, and says what failed. */
    private String pause(Throwable cause) {
        consecutiveFailures++;
        long backoff = Math.min(settings.retryMaxBackoff().toNanos(),
                FIRST_BACKOFF_NANOS << Math.min(consecutiveFailures - 1, 16));
        retryAtNanos = System.nanoTime() + backoff;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
