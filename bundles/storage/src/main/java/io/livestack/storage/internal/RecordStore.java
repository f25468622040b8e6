package io.livestack.storage.internal;

import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.StorageStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.timer.TimerComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record store: the execution records as a projection of the runtime's journal. A {@link Projector} reads the
 * events after the projection mark and writes their records, in order and in batches of whole events, through the
 * Camel routes of {@link StorageRoutes} and a {@link JdbcWriter}; each batch commits with the mark it reaches. The
 * store may lag; it never loses a record the journal still holds and never writes one twice. Plain Java (no OSGi):
 * the DS component owns one, tests and the benchmark create their own.
 */
final class RecordStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    /** Told about each batch (writer thread): metrics, tests, the benchmark. */
    interface Listener {

        Listener NONE = new Listener() {
        };

        /**
         * A batch with records is durable.
         *
         * @param written the records the batch inserted (not the duplicates or dead letters)
         * @param commitNanos how long the write + commit + durability statement took
         * @param durableAtNanos {@link System#nanoTime()} when they became durable
         */
        default void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
        }

        /** The database could not be used, or the journal could not be read: tried again after a pause. */
        default void failed(Throwable cause) {
        }
    }

    private final StorageSettings settings;
    private final Supplier<RecordJournal> journals;
    private final JdbcWriter writer;
    private final ProjectionStatus progress = new ProjectionStatus();
    private final Projector projector;
    private final CamelContext camel;
    private final ClassLoader camelClassLoader;
    private volatile boolean running;

    private RecordStore(StorageSettings settings, Supplier<DataSource> dataSources, String dataSourceName,
            Supplier<RecordJournal> journals, Listener listener, ClassLoader camelClassLoader) {
        this.settings = settings;
        this.journals = journals;
        this.writer = new JdbcWriter(SchemaMigrator.fromClasspath(), settings.durability());
        this.projector = new Projector(settings, dataSources, dataSourceName, journals, writer, progress, listener,
                () -> running);
        this.camelClassLoader = camelClassLoader;
        this.camel = withContextClassLoader(camelClassLoader, () -> createCamel(projector, settings,
                camelClassLoader));
    }

    /**
     * Starts the routes. The mark is read from the database once there is one; nothing is read from the journal
     * before.
     *
     * @param dataSources the current DataSource, or null while there is none (the journal keeps the records)
     * @param dataSourceName how to name the DataSource in messages, e.g. its service filter
     * @param journals the current journal, or null while there is none (the store is idle)
     * @param camelClassLoader the application context class loader of the CamelContext: in OSGi one that sees the
     *        Camel bundles' resources (see {@link CamelClassLoader}); elsewhere this class's loader
     */
    static RecordStore start(StorageSettings settings, Supplier<DataSource> dataSources, String dataSourceName,
            Supplier<RecordJournal> journals, Listener listener, ClassLoader camelClassLoader) {
        RecordStore store = new RecordStore(settings, dataSources, dataSourceName, journals, listener,
                camelClassLoader);
        store.running = true;
        try {
            withContextClassLoader(camelClassLoader, () -> {
                store.camel.start();
                return null;
            });
        } catch (RuntimeException e) {
            store.running = false;
            store.writer.close();
            throw e;
        }
        return store;
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

    private static CamelContext createCamel(Projector projector, StorageSettings settings, ClassLoader loader) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        context.getCamelContextExtension().setName("livestack-storage");
        context.setApplicationContextClassLoader(loader);
        context.disableJMX();
        // components registered explicitly: no META-INF/services lookup across bundles (STACK.md pitfall 6)
        context.addComponent("timer", new TimerComponent());
        context.addComponent("direct", new DirectComponent());
        context.getShutdownStrategy().setTimeout(Math.max(1,
                TimeUnit.MILLISECONDS.toSeconds(settings.shutdownTimeout().toMillis() + 999)));
        context.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        try {
            context.addRoutes(new StorageRoutes(projector, settings.idleWaitMillis()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the storage routes: " + e.getMessage(), e);
        }
        return context;
    }

    /** The DataSource service changed: try at once instead of after the current pause. */
    void dataSourceChanged() {
        projector.wake();
    }

    /** The RecordJournal service changed: read at once instead of after the current pause. */
    void journalChanged() {
        projector.wake();
    }

    /** Cheap, never blocks (asks the journal its last seq). */
    StorageStatus status() {
        return progress.status(running, journals.get(), writer.durabilityNote(), writer.databaseProduct());
    }

    /** The writer's position: every event up to this seq has its records in the database (0 before it is read). */
    long mark() {
        return progress.mark;
    }

    /** {@link #mark()} once it was read from the database, else -1. */
    long knownMark() {
        return progress.markKnown ? progress.mark : -1;
    }

    StorageSettings settings() {
        return settings;
    }

    /**
     * Stops the routes: the batch being written is finished (for up to the shutdown timeout). Nothing needs saving:
     * what is not in the database is in the journal, and the next start reads it after the mark.
     */
    @Override
    public void close() {
        if (!running) {
            return;
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
        writer.close();
        LOG.info("Storage stopped at mark {}: {} record(s) written, {} duplicate(s), {} dead letter(s), {} lost",
                progress.mark, progress.written.get(), progress.duplicates.get(), progress.deadLettered.get(),
                progress.lost.get());
    }
}
