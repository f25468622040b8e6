package io.livestack.storage.internal;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.StorageStatus;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.timer.TimerComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable record store: accepts records without ever blocking on the database ({@link RecordBuffer}), and
 * writes them in order, in batches, through the Camel routes of {@link StorageRoutes} and a {@link JdbcWriter}.
 * The records of one event ({@link #acceptAll}) are always in the same batch, hence the same transaction; only the
 * record-by-record isolation of a batch the database refuses ({@link #isolate}) commits them one by one.
 * Plain Java (no OSGi): the DS component owns one, tests and the benchmark create their own.
 * <p>
 * The writer-side methods ({@link #nextBatch}, {@link #writeBatch}, {@link #isolate}, {@link #writeFailed}) run on
 * the Camel drain route's single timer thread; their state is confined to it.
 */
final class RecordStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
    private static final long SPOOL_SYNC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Told about each committed batch (writer thread): metrics, the benchmark. */
    interface Listener {

        Listener NONE = new Listener() {
        };

        /**
         * @param written the records the batch inserted (not the duplicates or dead letters)
         * @param commitNanos how long the write + commit + durability statement took
         * @param durableAtNanos {@link System#nanoTime()} when they became durable
         */
        default void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
        }

        default void writeFailed(Throwable cause) {
        }
    }

    /** A query on a connection of the DataSource. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private final StorageSettings settings;
    private final Supplier<DataSource> dataSources;
    private final String dataSourceName;
    private final Listener listener;
    private final RecordBuffer buffer;
    private final SchemaMigrator migrator;
    private final JdbcWriter writer;
    private final CamelContext camel;
    private final ClassLoader camelClassLoader;
    private volatile boolean running;

    // writer thread only
    private RecordBuffer.Batch pending;
    private long retryAtNanos;
    private int consecutiveFailures;
    private long lastSpoolSyncNanos;
    private long lastBatchNanos;

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong writerLost = new AtomicLong();
    private volatile long lastCommitNanos;
    private volatile long lastRecordToDurableNanos;
    private volatile boolean unavailable;
    private volatile boolean dataSourceChanged;
    private volatile String lastError = "";
    private final Object progress = new Object();

    private RecordStore(StorageSettings settings, Supplier<DataSource> dataSources, String dataSourceName,
            Listener listener, Spool spool, ClassLoader camelClassLoader) {
        this.settings = settings;
        this.dataSources = dataSources;
        this.dataSourceName = dataSourceName;
        this.listener = listener;
        this.buffer = new RecordBuffer(settings.memoryCapacity(), spool, System::nanoTime,
                () -> System.currentTimeMillis() * 1000L);
        this.migrator = SchemaMigrator.fromClasspath();
        this.writer = new JdbcWriter(migrator, settings.durability());
        this.camelClassLoader = camelClassLoader;
        this.camel = withContextClassLoader(camelClassLoader, () -> createCamel(this, settings, camelClassLoader));
    }

    /**
     * Opens the spool and starts the routes.
     *
     * @param dataSources the current DataSource, or null while there is none (records are kept meanwhile)
     * @param dataSourceName how to name the DataSource in messages, e.g. its service filter
     * @param camelClassLoader the application context class loader of the CamelContext: in OSGi one that sees the
     *        Camel bundles' resources (see {@link CamelClassLoader}); elsewhere this class's loader
     */
    static RecordStore start(StorageSettings settings, Supplier<DataSource> dataSources, String dataSourceName,
            Listener listener, ClassLoader camelClassLoader) throws IOException {
        Spool spool = Spool.open(settings.spoolDirectory(), settings.spoolSegmentBytes());
        RecordStore store;
        try {
            store = new RecordStore(settings, dataSources, dataSourceName, listener, spool, camelClassLoader);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
        store.startRoutes();
        return store;
    }

    private void startRoutes() throws IOException {
        running = true;
        try {
            withContextClassLoader(camelClassLoader, () -> {
                camel.start();
                return null;
            });
        } catch (RuntimeException e) {
            running = false;
            buffer.close(null);
            throw e;
        }
    }

    /**
     * Runs {@code work} with the thread context class loader set to the Camel loader: Camel discovers its type
     * converters through the context class loader, and it must see them from the first moment (building the
     * routes already initialises the type converter registry).
     */
    private static <T> T withContextClassLoader(ClassLoader loader, Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static CamelContext createCamel(RecordStore store, StorageSettings settings, ClassLoader loader) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.getCamelContextExtension().setName("livestack-storage");
        context.setApplicationContextClassLoader(loader);
        context.disableJMX();
        // components registered explicitly: no META-INF/services lookup across bundles (STACK.md pitfall 6)
        context.addComponent("timer", new TimerComponent());
        context.addComponent("direct", new DirectComponent());
        context.getShutdownStrategy().setTimeout(Math.max(1, settings.shutdownTimeout().toSeconds() + 5));
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        try {
            context.addRoutes(new StorageRoutes(store, settings.idleWaitMillis()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the storage routes: " + e.getMessage(), e);
        }
        return context;
    }

    // ------------------------------------------------------------------------------------------------ any thread

    /** Never blocks on the database, never throws. */
    void accept(ExecutionRecord record) {
        if (record == null) {
            LOG.warn("A null execution record was handed to the storage sink; ignored");
            return;
        }
        buffer.accept(record);
    }

    /**
     * The records of one event: kept together (memory or spool) and written in one transaction. Never blocks on
     * the database, never throws.
     */
    void acceptAll(List<ExecutionRecord> records) {
        if (records == null) {
            LOG.warn("A null list of execution records was handed to the storage sink; ignored");
            return;
        }
        List<ExecutionRecord> group = records;
        for (ExecutionRecord r : records) {
            if (r == null) {
                LOG.warn("A null execution record was handed to the storage sink among {} records; ignored",
                        records.size());
                group = records.stream().filter(Objects::nonNull).toList();
                break;
            }
        }
        buffer.acceptAll(group);
    }

    /** The DataSource service changed: retry at once instead of after the current pause. */
    void dataSourceChanged() {
        dataSourceChanged = true;
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    StorageStatus status() {
        long lost = buffer.lost() + writerLost.get();
        long backlog = Math.max(0, buffer.accepted() - processed.get() - buffer.lost());
        long inSpool = buffer.inSpool();
        long dead = deadLettered.get();
        StorageStatus.Health health;
        String detail;
        if (lost > 0) {
            health = StorageStatus.Health.FAILED;
            String failure = buffer.lastFailure();
            detail = lost + " record(s) LOST: " + (failure == null ? "see the log" : failure);
        } else if (!running) {
            health = StorageStatus.Health.DOWN;
            detail = "stopped";
        } else if (unavailable) {
            health = StorageStatus.Health.DOWN;
            detail = "database unavailable, " + backlog + " record(s) kept: " + lastError;
        } else if (inSpool > 0 || !writer.durabilityNote().isEmpty() || dead > 0) {
            health = StorageStatus.Health.DEGRADED;
            List<String> notes = new ArrayList<>();
            if (inSpool > 0) {
                notes.add(inSpool + " record(s) in the spool");
            }
            if (dead > 0) {
                notes.add(dead + " record(s) in dead_letter");
            }
            if (!writer.durabilityNote().isEmpty()) {
                notes.add(writer.durabilityNote());
            }
            detail = String.join("; ", notes);
        } else {
            health = StorageStatus.Health.UP;
            detail = writer.isOpen() ? "writing to " + writer.databaseProduct() : "idle";
        }
        return new StorageStatus(health, backlog, buffer.spilled(), written.get(), duplicates.get(), dead, lost,
                lastCommitNanos, lastRecordToDurableNanos, detail);
    }

    /** Records accepted and not yet durable (memory + spool + the batch in progress). */
    long backlog() {
        return Math.max(0, buffer.accepted() - processed.get() - buffer.lost());
    }

    /**
     * Waits until every record accepted before this call is written (or dead-lettered, or found already written).
     *
     * @return false on timeout
     */
    boolean awaitWritten(long timeoutMillis) throws InterruptedException {
        long target = buffer.accepted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (progress) {
            while (processed.get() + buffer.lost() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
            }
        }
        return true;
    }

    /**
     * Runs a query once everything accepted so far is in the database (recovery must see it all), on a connection
     * of its own. Throws {@link IllegalStateException} when that is not possible within the recovery timeout.
     */
    <T> T query(Query<T> query) {
        long timeoutMillis = settings.recoveryTimeout().toMillis();
        long deadline = System.nanoTime() + settings.recoveryTimeout().toNanos();
        DataSource ds;
        try {
            ds = awaitDataSource(deadline); // at boot the sink is up before pax-jdbc-config publishes the DataSource
            if (ds == null) {
                throw new IllegalStateException("no DataSource " + dataSourceName + " appeared within "
                        + timeoutMillis + " ms");
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!awaitWritten(Math.max(0, left))) {
                throw new IllegalStateException("storage still has " + backlog() + " record(s) not written after "
                        + timeoutMillis + " ms (" + status().detail()
                        + "): the database alone would give an incomplete picture");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the storage backlog", e);
        }
        try (Connection connection = ds.getConnection()) {
            migrator.ensureMigrated(ds, connection); // a query may come before the first record
            return query.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("storage query failed: " + JdbcWriter.describe(e), e);
        }
    }

    private DataSource awaitDataSource(long deadline) throws InterruptedException {
        synchronized (progress) {
            DataSource ds;
            while ((ds = dataSources.get()) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
            }
            return ds;
        }
    }

    StorageSettings settings() {
        return settings;
    }

    /**
     * Stops: lets the writer finish the memory backlog for up to the shutdown timeout (when the database works),
     * stops the routes, and keeps whatever is still unwritten in the spool for the next start.
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        try {
            synchronized (progress) {
                while (!unavailable && buffer.inMemory() > 0 && System.nanoTime() < deadline) {
                    progress.wait(20);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        try {
            withContextClassLoader(camelClassLoader, () -> {
                camel.stop();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Stopping the storage routes failed", e);
        }
        try {
            buffer.close(pending);
        } catch (IOException e) {
            LOG.error("Storage closing: the spool could not be written", e);
        }
        pending = null;
        writer.close();
        LOG.info("Storage stopped: {} record(s) written, {} duplicate(s), {} dead letter(s), {} lost",
                written.get(), duplicates.get(), deadLettered.get(), buffer.lost() + writerLost.get());
    }

    // -------------------------------------------------------------------------------------------- writer thread

    /** Loop predicate of the drain route: puts the next batch in the body; false when there is nothing to do. */
    boolean nextBatch(Exchange exchange) {
        if (!running) {
            return false;
        }
        long now = System.nanoTime();
        try {
            syncSpoolIfDue(now);
            if (dataSourceChanged) {
                dataSourceChanged = false;
                retryAtNanos = now;
            }
            if (dataSources.get() == null) { // nothing to try: records wait (memory, then spool)
                writer.close();
                if (!unavailable) {
                    unavailable = true;
                    lastError = "no DataSource " + dataSourceName + " is registered";
                    LOG.info("Storage waiting for a DataSource {}; records are kept meanwhile", dataSourceName);
                }
                return false;
            }
            if (pending == null) {
                awaitCommitInterval(now);
                pending = buffer.take(settings.batchMaxSize(), settings.idleWaitMillis());
                if (pending != null) {
                    lastBatchNanos = System.nanoTime();
                }
                if (pending == null) {
                    closeIfDataSourceGone();
                    return false;
                }
                if (pending.isEmpty()) { // a spool read whose records were all unreadable
                    buffer.committed(pending);
                    pending = null;
                    return false;
                }
            } else if (now - retryAtNanos < 0) {
                return false;
            }
            exchange.getIn().setBody(pending);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            lastError = "spool: " + e.getMessage();
            LOG.error("Storage cannot read its spool", e);
            retryAtNanos = now + settings.retryMaxBackoff().toNanos();
            return false;
        }
    }

    /**
     * Group commit: the next batch starts no sooner than {@code commitIntervalMillis} after the previous one, so a
     * steady flow of records is written in a few larger transactions (each commit syncs the disk) instead of one per
     * record or two. The wait ends early when a full batch is waiting or the store stops; a record after a quiet
     * spell is not delayed (the previous batch is long ago).
     */
    private void awaitCommitInterval(long now) {
        long interval = TimeUnit.MILLISECONDS.toNanos(settings.commitIntervalMillis());
        long due = lastBatchNanos + interval;
        if (interval == 0 || lastBatchNanos == 0 || now - due >= 0) {
            return;
        }
        while (running && buffer.inMemory() < settings.batchMaxSize()) {
            long left = due - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        }
    }

    /** Processor of the write route: the whole batch in one transaction. */
    void writeBatch(Exchange exchange) throws RecordRejectedException, StorageUnavailableException {
        RecordBuffer.Batch batch = exchange.getIn().getBody(RecordBuffer.Batch.class);
        ensureOpen();
        long start = System.nanoTime();
        writer.write(batch.items());
        long done = System.nanoTime();
        finished(batch, batch.items(), 0, 0, 0, done - start, done);
    }

    /** Processor of the isolate route: the batch record by record (a refused record goes to the dead letters). */
    void isolate(Exchange exchange) {
        RecordBuffer.Batch batch = exchange.getIn().getBody(RecordBuffer.Batch.class);
        long start = System.nanoTime();
        try {
            ensureOpen();
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
            writer.sync();
            long done = System.nanoTime();
            if (dup > 0) {
                LOG.info("{} record(s) were already in the database (a replay after a restart): skipped", dup);
            }
            finished(batch, inserted, dup, dead, lost, done - start, done);
        } catch (StorageUnavailableException e) {
            failed(e);
        }
    }

    /** Processor of the unavailable-database handler: keep the batch, retry after a pause. */
    void writeFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failed(cause == null ? new StorageUnavailableException("unknown failure", null) : cause);
    }

    private void ensureOpen() throws StorageUnavailableException {
        DataSource ds = dataSources.get();
        if (ds == null) {
            writer.close();
            throw new StorageUnavailableException("no DataSource " + dataSourceName + " is registered", null);
        }
        if (!writer.isOpenOn(ds)) {
            writer.open(ds);
        }
    }

    private void closeIfDataSourceGone() {
        if (writer.isOpen() && !writer.isOpenOn(dataSources.get())) {
            writer.close();
        }
    }

    private void syncSpoolIfDue(long now) throws IOException {
        if (buffer.inSpool() > 0 && now - lastSpoolSyncNanos >= SPOOL_SYNC_INTERVAL_NANOS) {
            buffer.syncSpool();
            lastSpoolSyncNanos = now;
        }
    }

    private void failed(Throwable cause) {
        consecutiveFailures++;
        long backoff = Math.min(settings.retryMaxBackoff().toNanos(),
                FIRST_BACKOFF_NANOS << Math.min(consecutiveFailures - 1, 16));
        retryAtNanos = System.nanoTime() + backoff;
        lastError = cause.getMessage();
        unavailable = true;
        if (consecutiveFailures == 1) {
            LOG.warn("Storage cannot write ({}); records are kept (memory, then the spool in {}) and written when "
                    + "the database is back", cause.getMessage(), settings.spoolDirectory());
        } else if (consecutiveFailures % 100 == 0) {
            LOG.warn("Storage still cannot write after {} attempts ({}); {} record(s) kept", consecutiveFailures,
                    cause.getMessage(), backlog());
        }
        listener.writeFailed(cause);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void finished(RecordBuffer.Batch batch, List<Envelope> inserted, int dup, int dead, int lost,
            long commitNanos, long doneNanos) {
        try {
            buffer.committed(batch);
        } catch (IOException e) {
            LOG.warn("Storage could not record its spool position; after a crash these records would be replayed "
                    + "(and recognised as already written)", e);
        }
        pending = null;
        if (unavailable && consecutiveFailures > 0) {
            LOG.info("Storage writing again after {} failed attempt(s)", consecutiveFailures);
        }
        unavailable = false;
        consecutiveFailures = 0;
        written.addAndGet(inserted.size());
        duplicates.addAndGet(dup);
        deadLettered.addAndGet(dead);
        writerLost.addAndGet(lost);
        lastCommitNanos = commitNanos;
        Envelope oldest = batch.items().get(0);
        if (oldest.hasAcceptTime()) {
            lastRecordToDurableNanos = doneNanos - oldest.acceptNanos();
        }
        processed.addAndGet(batch.items().size());
        listener.written(inserted, commitNanos, doneNanos);
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
