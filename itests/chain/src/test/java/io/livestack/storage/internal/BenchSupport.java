package io.livestack.storage.internal;

import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RecordJournal;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.Await;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The storage benchmark's work, in the storage bundle's package for access to its (package-private) store and writer:
 * plain Java on the class path, no OSGi. The store projects a {@link BenchJournal} (events in memory, published by the
 * benchmark as the runtime would journal them) into H2. Run by {@link io.livestack.itests.chain.StorageBenchmark}.
 */
public final class BenchSupport {

    private static final VenueId VENUE = VenueId.of("SIM");
    private static final StrategyId STRATEGY = StrategyId.of("mm1");
    private static final InstrumentId[] INSTRUMENTS = {InstrumentId.of("BTC-USD"), InstrumentId.of("ETH-USD"),
        InstrumentId.of("SOL-USD"), InstrumentId.of("XRP-USD")};

    private BenchSupport() {
    }

    /** Records per second of wall time and per second of this process's CPU time (less sensitive to load). */
    private record Rate(double wall, double cpu) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * A realistic mix, about 2.1 records per event: every event changes an order, every second one is also a fill
     * and a position change, every 50th a risk rejection, every 1000th metadata.
     */
    static List<ExecutionRecord> workload(int records) {
        List<ExecutionRecord> list = new ArrayList<>(records + 8);
        long t0 = 1_700_000_000_000_000_000L;
        for (long seq = 1; list.size() < records; seq++) {
            long t = t0 + seq * 1000;
            InstrumentId instrument = INSTRUMENTS[(int) (seq % INSTRUMENTS.length)];
            ClientOrderId id = ClientOrderId.of("O" + (seq / 4));
            boolean fill = seq % 2 == 0;
            OrderView order = new OrderView(id, id, null, VenueOrderId.of("V" + (seq / 4)), STRATEGY, VENUE,
                    instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Fixed.parse("101.25"), Fixed.of(4),
                    fill ? Fixed.of(1) : 0, fill ? Fixed.parse("101.25") : 0,
                    fill ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW, 0, 0, false, true, null, seq - 1, seq,
                    t - 1000, t);
            list.add(new OrderRecord(seq, t, fill ? OrderEvent.PARTIALLY_FILLED : OrderEvent.ACKNOWLEDGED, order));
            if (fill) {
                list.add(new FillRecord(seq, t, VENUE, ExecId.of("E" + seq), id, VenueOrderId.of("V" + (seq / 4)),
                        STRATEGY, instrument, Side.BUY, Fixed.parse("101.25"), Fixed.of(1), LiquidityFlag.MAKER,
                        Fixed.parse("0.0101"), "USD", t - 500));
                list.add(new PositionRecord(seq, t, new PositionView(instrument, Fixed.of(seq), Fixed.parse("101.2"),
                        Fixed.parse("12.5"), Fixed.parse("-3.25"), Fixed.parse("101.3"), Fixed.of(seq), 0, seq)));
            }
            if (seq % 50 == 0) {
                list.add(new RiskRejectionRecord(seq, t, new SubmitOrder(STRATEGY, ClientOrderId.of("R" + seq), VENUE,
                        instrument, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, Fixed.of(99), Fixed.of(1000)),
                        RejectReason.MAX_ORDER_QUANTITY, null, "quantity 1000 > max 100"));
            }
            if (seq % 1000 == 0) {
                list.add(new MetadataRecord(seq, t, MetadataRecord.Kind.VENUE, "SIM", "LOGGED_ON"));
            }
        }
        return list.subList(0, records);
    }

    /** The keys the store gives (event seq, position within the event). */
    static List<Envelope> envelopes(List<ExecutionRecord> records) {
        List<Envelope> list = new ArrayList<>(records.size());
        long lastSeq = -1;
        long ord = 0;
        for (ExecutionRecord r : records) {
            ord = r.seq() == lastSeq ? ord + 1 : 0;
            lastSeq = r.seq();
            list.add(new Envelope(r.seq(), ord, r));
        }
        return list;
    }

    /** The records grouped into their events (the workload's seqs are 1, 2, 3... without a gap). */
    static List<List<ExecutionRecord>> events(List<ExecutionRecord> records) {
        List<List<ExecutionRecord>> events = new ArrayList<>();
        for (ExecutionRecord r : records) {
            if (events.size() < r.seq()) {
                events.add(new ArrayList<>(4));
            }
            events.get((int) r.seq() - 1).add(r);
        }
        return events;
    }

    /**
     * The journal of the benchmark: the events of a workload, of which the first {@link #publish published} ones are
     * journaled (as the runtime appends them), each with the time it was published. One publishing thread, one
     * reader (the store's writer).
     */
    static final class BenchJournal implements RecordJournal {

        private final List<List<ExecutionRecord>> events;
        private final long[] publishedAtNanos;
        private volatile int published;

        BenchJournal(List<List<ExecutionRecord>> events) {
            this.events = events;
            this.publishedAtNanos = new long[events.size()];
        }

        /** Journals the events up to seq {@code count}. */
        void publish(int count) {
            long now = System.nanoTime();
            for (int i = published; i < count; i++) {
                publishedAtNanos[i] = now;
            }
            published = count;
        }

        /** {@link System#nanoTime()} when the event was journaled. */
        long publishedAt(long seq) {
            return publishedAtNanos[(int) seq - 1];
        }

        int size() {
            return events.size();
        }

        @Override
        public long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
            int end = published;
            int delivered = 0;
            int i = (int) afterSeq;
            for (; i < end && delivered < maxRecords; i++) {
                into.accept(new EventRecords(i + 1, events.get(i)));
                delivered += events.get(i).size();
            }
            return i;
        }

        @Override
        public long lastSeq() {
            return published;
        }
    }

    private static void awaitMark(RecordStore store, long seq, Duration timeout) {
        Await.until("the store's mark at seq " + seq, timeout, Duration.ofMillis(1), () -> store.mark() >= seq);
    }

    /** Runs the benchmark on a new H2 file database in a new directory under {@code baseDir}. */
    public static void run(Path baseDir, int records, int rate, int seconds, PrintStream out) throws Exception {
        Path dir = baseDir.resolve("run-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(dir);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("livestack") + ";DB_CLOSE_ON_EXIT=FALSE");
        ds.setUser("sa");
        List<ExecutionRecord> workload = workload(records);
        List<Envelope> rows = envelopes(workload);
        out.printf(Locale.ROOT, "Storage benchmark: %,d records (%s), H2 %s file database in %s, %d cores, "
                + "load average %.1f at start%n", records, "orders/fills/positions/rejections/metadata",
                org.h2.engine.Constants.FULL_VERSION, dir, Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        try (Connection keepOpen = ds.getConnection()) { // schema once; the database stays open between runs
            keepOpen.setAutoCommit(false);
            SchemaMigrator.fromClasspath().migrate(keepOpen);

            // warm-up (JIT, file growth), not reported
            routes(ds, workload.subList(0, Math.min(records, 50_000)), keepOpen);
            plainJdbc(ds, rows.subList(0, Math.min(records, 50_000)), "CHECKPOINT SYNC", keepOpen);

            Rate jdbc1 = plainJdbc(ds, rows, "CHECKPOINT SYNC", keepOpen);
            Rate routes1 = routes(ds, workload, keepOpen);
            Rate jdbc2 = plainJdbc(ds, rows, "CHECKPOINT SYNC", keepOpen);
            Rate routes2 = routes(ds, workload, keepOpen);
            Rate jdbc = jdbc1.wall() >= jdbc2.wall() ? jdbc1 : jdbc2;
            Rate viaRoutes = routes1.wall() >= routes2.wall() ? routes1 : routes2;
            out.printf(Locale.ROOT, "%nThroughput, batches of %d, commit + CHECKPOINT SYNC (fsync) per batch "
                    + "(best of 2, runs alternated); wall-clock rate, and rate per CPU-second of this process; the "
                    + "store projects a journal holding the whole run:%n", StorageSettings.defaults().batchMaxSize());
            out.printf(Locale.ROOT, "  plain JDBC batch insert : %,10.0f records/s  %,10.0f records/CPU-s   (wall runs: "
                    + "%,.0f / %,.0f)%n", jdbc.wall(), jdbc.cpu(), jdbc1.wall(), jdbc2.wall());
            out.printf(Locale.ROOT, "  projected (Camel routes): %,10.0f records/s  %,10.0f records/CPU-s   (wall runs: "
                    + "%,.0f / %,.0f)%n", viaRoutes.wall(), viaRoutes.cpu(), routes1.wall(), routes2.wall());
            out.printf(Locale.ROOT, "  routes / plain JDBC     : %10.1f %% wall, %.1f %% per CPU-s   (target >= 70 %%; "
                    + "sustained target >= 50,000 records/s)%n", 100 * viaRoutes.wall() / jdbc.wall(),
                    100 * viaRoutes.cpu() / jdbc.cpu());

            Rate flush = plainJdbc(ds, rows, "CHECKPOINT", keepOpen);
            Rate commit = plainJdbc(ds, rows, null, keepOpen);
            out.printf(Locale.ROOT, "%nWhat durability costs (plain JDBC, same rows):%n");
            out.printf(Locale.ROOT, "  commit only (WRITE_DELAY)      : %,10.0f records/s  %,10.0f records/CPU-s%n",
                    commit.wall(), commit.cpu());
            out.printf(Locale.ROOT, "  commit + CHECKPOINT (no fsync) : %,10.0f records/s  %,10.0f records/CPU-s%n",
                    flush.wall(), flush.cpu());
            out.printf(Locale.ROOT, "  commit + CHECKPOINT SYNC       : %,10.0f records/s  %,10.0f records/CPU-s%n",
                    jdbc.wall(), jdbc.cpu());
            out.printf(Locale.ROOT, "  single-row commit + CHECKPOINT SYNC: %s%n", syncCost(ds, keepOpen));

            latency(ds, rate, seconds, keepOpen, out);
            out.printf(Locale.ROOT, "%nLoad average at the end: %.1f (other processes share these cores)%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * Records/s of the store catching up with a journal that holds the whole run: from the moment every event is
     * journaled until the mark reaches the last one (the writer's rate).
     */
    private static Rate routes(JdbcDataSource ds, List<ExecutionRecord> records, Connection admin) throws Exception {
        truncate(admin);
        BenchJournal journal = new BenchJournal(events(records));
        journal.publish(1);
        RecordStore store = RecordStore.start(StorageSettings.defaults(), () -> ds, "(bench)", () -> journal,
                RecordStore.Listener.NONE, RecordStore.class.getClassLoader());
        try {
            awaitMark(store, 1, Duration.ofSeconds(30)); // connect first: measure writing, not connecting
            long first = store.status().written();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            journal.publish(journal.size());
            awaitMark(store, journal.size(), Duration.ofMinutes(10));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            if (store.status().written() != records.size()) {
                throw new IllegalStateException("wrote " + store.status());
            }
            return new Rate((records.size() - first) / seconds, (records.size() - first) / cpuSeconds);
        } finally {
            store.close();
        }
    }

    /** Records/s of the same rows by plain JDBC batches (same statements, batch size and sync). */
    private static Rate plainJdbc(JdbcDataSource ds, List<Envelope> rows, String sync, Connection admin)
            throws SQLException {
        truncate(admin);
        int batchSize = StorageSettings.defaults().batchMaxSize();
        try (Connection c = ds.getConnection(); Statement syncStatement = c.createStatement()) {
            c.setAutoCommit(false);
            PreparedStatement[] inserts = new PreparedStatement[RecordTables.ALL.size()];
            for (int i = 0; i < inserts.length; i++) {
                inserts[i] = c.prepareStatement(RecordTables.ALL.get(i).insertSql());
            }
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (int from = 0; from < rows.size(); from += batchSize) {
                boolean[] used = new boolean[inserts.length];
                for (Envelope e : rows.subList(from, Math.min(rows.size(), from + batchSize))) {
                    int i = RecordTables.index(e.record());
                    RecordTables.ALL.get(i).bind(inserts[i], e);
                    inserts[i].addBatch();
                    used[i] = true;
                }
                for (int i = 0; i < inserts.length; i++) {
                    if (used[i]) {
                        inserts[i].executeBatch();
                    }
                }
                c.commit();
                if (sync != null) {
                    syncStatement.execute(sync);
                }
            }
            return new Rate(rows.size() / ((System.nanoTime() - start) / 1e9),
                    rows.size() / ((processCpuNanos() - cpu) / 1e9));
        }
    }

    private static String syncCost(JdbcDataSource ds, Connection admin) throws SQLException {
        truncate(admin);
        List<Envelope> rows = envelopes(workload(200));
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            PreparedStatement[] inserts = new PreparedStatement[RecordTables.ALL.size()];
            for (int i = 0; i < inserts.length; i++) {
                inserts[i] = c.prepareStatement(RecordTables.ALL.get(i).insertSql());
            }
            for (Envelope e : rows) {
                long start = System.nanoTime();
                int i = RecordTables.index(e.record());
                RecordTables.ALL.get(i).bind(inserts[i], e);
                inserts[i].executeUpdate();
                c.commit();
                st.execute("CHECKPOINT SYNC");
                h.recordValue(System.nanoTime() - start);
            }
        }
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms (200 commits)",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    /**
     * Journals events at a steady rate of records (as the processing thread would) and records journaled-to-durable
     * times.
     */
    private static void latency(JdbcDataSource ds, int rate, int seconds, Connection admin, PrintStream out)
            throws Exception {
        truncate(admin);
        int warmupSeconds = 3;
        int total = rate * (seconds + warmupSeconds);
        List<List<ExecutionRecord>> events = events(workload(total));
        BenchJournal journal = new BenchJournal(events);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        Histogram batchSizes = new Histogram(1_000_000, 3);
        Histogram commits = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        long[] warmupEnd = new long[1];
        RecordStore.Listener listener = new RecordStore.Listener() {
            @Override
            public void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
                boolean measured = false;
                for (Envelope e : written) {
                    long journaled = journal.publishedAt(e.seq());
                    if (journaled - warmupEnd[0] >= 0) {
                        histogram.recordValue(durableAtNanos - journaled);
                        measured = true;
                    }
                }
                if (measured) {
                    batchSizes.recordValue(written.size());
                    commits.recordValue(commitNanos);
                }
            }
        };
        long behind = 0;
        long cpu = processCpuNanos();
        long wallStart = System.nanoTime();
        RecordStore store = RecordStore.start(StorageSettings.defaults(), () -> ds, "(bench)", () -> journal,
                listener, RecordStore.class.getClassLoader());
        try {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            warmupEnd[0] = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
            long recordIndex = 0;
            for (int i = 0; i < events.size(); i++) {
                long due = start + recordIndex * interval; // the event is journaled when its first record is due
                long now;
                while ((now = System.nanoTime()) < due) {
                    if (due - now > 200_000) {
                        LockSupport.parkNanos(due - now - 100_000);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                behind = Math.max(behind, now - due);
                journal.publish(i + 1);
                recordIndex += events.get(i).size();
            }
            awaitMark(store, events.size(), Duration.ofMinutes(2));
        } finally {
            store.close();
        }
        double cores = (double) (processCpuNanos() - cpu) / (System.nanoTime() - wallStart);
        out.printf(Locale.ROOT, "%nRecord-to-durable latency at %,d records/s journaled for %d s (after %d s warm-up), "
                + "journaled -> read by the store -> commit + CHECKPOINT SYNC done:%n", rate, seconds, warmupSeconds);
        out.printf(Locale.ROOT, "  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   p99.9 %.2f ms   max %.2f ms   "
                + "(%,d records; target p99 < 100 ms)%n", ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                ms(histogram, 99.9), histogram.getMaxValue() / 1e6, histogram.getTotalCount());
        out.printf(Locale.ROOT, "  batches: mean %.0f records (max %d); batch write+commit+sync p50 %.2f ms, p99 "
                + "%.2f ms; producer max lag behind schedule %.2f ms; this process got %.2f cores on average%n",
                batchSizes.getMean(), batchSizes.getMaxValue(), ms(commits, 50), ms(commits, 99), behind / 1e6, cores);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static void truncate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (RecordTable<?> t : RecordTables.ALL) {
                st.execute("TRUNCATE TABLE " + t.name());
            }
            st.execute("TRUNCATE TABLE dead_letter");
            st.execute("DELETE FROM projection_mark"); // a new projection: from the journal's start
        }
        c.commit();
    }

}
