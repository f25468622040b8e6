package io.livestack.export.kafka.internal;

import com.codahale.metrics.Snapshot;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.RecordJournal;
import io.livestack.testkit.Await;
import io.livestack.testkit.ThrowawayKafka;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka export benchmark's work (in the export's package for its internals): one broker (KRaft, Kafka's own
 * jars, {@link ThrowawayKafka}), the export's real service (CamelContext, camel-kafka's producer, the exporter over
 * an in-memory journal) and, beside it in the same run, a bare {@link KafkaProducer} with the same settings sending
 * the same messages (the same JSON, keys and headers, encoded beforehand) to topics of the same partitions.
 * <ol>
 * <li>Throughput: N records journaled beforehand; the time until the broker acknowledged all of them (the export's
 * mark at the journal's end; the bare producer's last callback). Alternated, best of two, and the ratio.</li>
 * <li>Record-to-acknowledged at a steady rate: records journaled at R/s (a feeder thread); per record, from its
 * journaling (its {@code timeNanos}, wall clock) to the broker's acknowledgement, as the export's own timer measures
 * it; the bare producer sends each record at the same pace and measures from its send to its callback.</li>
 * </ol>
 */
public final class KafkaBenchSupport {

    private static final String[] INSTRUMENTS = {"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "ADA-USD", "DOT-USD",
        "LTC-USD", "BCH-USD"};
    private static final int PARTITIONS = 3;

    private KafkaBenchSupport() {
    }

    /** An in-memory journal that a feeder may append to while the export reads (one record per event). */
    static final class BenchJournal implements RecordJournal {
        private final List<EventRecords> events = new ArrayList<>();

        synchronized void append(ExecutionRecord r) {
            events.add(new EventRecords(r.seq(), List.of(r)));
        }

        @Override
        public long read(long afterSeq, int maxRecords, Consumer<EventRecords> into) {
            return read("storage", afterSeq, maxRecords, into);
        }

        @Override
        public long read(String reader, long afterSeq, int maxRecords, Consumer<EventRecords> into) {
            List<EventRecords> batch;
            synchronized (this) {
                int from = (int) Math.min(afterSeq, events.size()); // event seq n is at index n - 1
                batch = new ArrayList<>(events.subList(from, Math.min(events.size(), from + maxRecords)));
            }
            batch.forEach(into);
            return batch.isEmpty() ? afterSeq : batch.get(batch.size() - 1).seq();
        }

        @Override
        public synchronized long lastSeq() {
            return events.size();
        }
    }

    static FillRecord fill(long seq, long timeNanos) {
        return new FillRecord(seq, timeNanos, VenueId.of("SIM"), ExecId.of("E" + seq), ClientOrderId.of("LS-" + seq),
                null, StrategyId.of("mm-sim"), InstrumentId.of(INSTRUMENTS[(int) (seq % INSTRUMENTS.length)]),
                seq % 2 == 0 ? Side.BUY : Side.SELL, Fixed.parse("50000.5"), Fixed.parse("0.25"), LiquidityFlag.MAKER,
                Fixed.parse("0.01"), "USD", timeNanos);
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public static void run(Path base, int records, int rate, int seconds, PrintStream out) throws Exception {
        Path dir = base.resolve("run-" + System.currentTimeMillis()); // fresh marks: every run sends everything
        out.printf(Locale.ROOT, "Kafka export benchmark: %d records, then %d records/s for %d s; load average %s%n",
                records, rate, seconds, load());
        try (ThrowawayKafka kafka = ThrowawayKafka.start(dir.resolve("broker"))) {
            out.println("broker " + kafka.bootstrapServers() + " (KRaft, " + PARTITIONS + " partitions per topic)");
            // warm-up (not counted): the JIT compiles the export's and the producer's paths
            exportThroughput(kafka, dir, "w0", records, out);
            bareThroughput(kafka, "w1", records, true, out);
            double[] export = new double[2];
            double[] bare = new double[2];
            double[] preEncoded = new double[2];
            for (int round = 0; round < 2; round++) {
                export[round] = exportThroughput(kafka, dir, "x" + round, records, out);
                bare[round] = bareThroughput(kafka, "b" + round, records, true, out);
                preEncoded[round] = bareThroughput(kafka, "p" + round, records, false, out);
            }
            double bestExport = Math.max(export[0], export[1]);
            double bestBare = Math.max(bare[0], bare[1]);
            double bestPre = Math.max(preEncoded[0], preEncoded[1]);
            out.printf(Locale.ROOT, "throughput, best of two: export %.0f records/s, bare KafkaProducer encoding the"
                    + " same records %.0f records/s, ratio %.2f (target >= 0.80); bare sending JSON encoded beforehand"
                    + " %.0f records/s, ratio %.2f%n", bestExport, bestBare, bestExport / bestBare, bestPre,
                    bestExport / bestPre);
            out.printf(Locale.ROOT, "encoding alone (schema 1 JSON of a fill, one thread): %.0f records/s%n",
                    encodingRate(records));
            exportLatency(kafka, dir, "xl", rate, seconds, out);
            bareLatency(kafka, "bl", rate, seconds, out);
        }
        out.printf(Locale.ROOT, "load average after: %s%n", load());
    }

    private static ExportSettings settings(ThrowawayKafka kafka, Path dir, String run) {
        Map<String, Object> p = new HashMap<>();
        p.put("enabled", "true");
        p.put("bootstrap.servers", kafka.bootstrapServers());
        for (TopicKind kind : TopicKind.values()) {
            p.put("topic." + kind.configName(), run + "." + kind.configName());
        }
        p.put("markFile", dir.resolve(run + ".mark").toString());
        for (String key : List.of("maxInFlightRecords", "batchMaxRecords", "idleWaitMillis", "linger.ms")) {
            String v = System.getProperty("bench.export." + key);
            if (v != null) {
                p.put(key, v); // e.g. -Dbench.export.idleWaitMillis=1
            }
        }
        return ExportSettings.parse(p, dir);
    }

    private static void createTopics(ThrowawayKafka kafka, String run) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicKind kind : TopicKind.values()) {
                topics.add(new NewTopic(run + "." + kind.configName(), PARTITIONS, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static double exportThroughput(ThrowawayKafka kafka, Path dir, String run, int records, PrintStream out)
            throws Exception {
        createTopics(kafka, run);
        BenchJournal journal = new BenchJournal();
        long t0 = epochNanos();
        for (long seq = 1; seq <= records; seq++) {
            journal.append(fill(seq, t0));
        }
        ExportSettings settings = settings(kafka, dir, run);
        ExportCounters counters = new ExportCounters();
        long start = System.nanoTime();
        try (ExportService service = ExportService.start(settings, () -> journal, counters)) {
            Await.until("the export's mark at the journal's end", Duration.ofMinutes(5), Duration.ofMillis(5),
                    () -> service.status().mark() == records);
            long nanos = System.nanoTime() - start;
            double perSecond = records * 1e9 / nanos;
            out.printf(Locale.ROOT, "  export  %s: %d records acknowledged in %d ms: %.0f records/s (sent %d, "
                    + "failures %d)%n", run, records, nanos / 1_000_000, perSecond, counters.sent.getCount(),
                    counters.failures.getCount());
            return perSecond;
        }
    }

    private static KafkaProducer<String, String> bareProducer(ThrowawayKafka kafka, Path unused) {
        Map<String, Object> p = new HashMap<>(settings(kafka, Path.of("."), "unused").producer());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("client.id", "bare");
        return new KafkaProducer<>(p);
    }

    private static ProducerRecord<String, String> message(String run, ExportMessage m) {
        ProducerRecord<String, String> r = new ProducerRecord<>(run + "." + m.kind().configName(), m.key(), m.json());
        r.headers().add(RecordJson.SCHEMA_HEADER, "1".getBytes(StandardCharsets.UTF_8));
        r.headers().add(RecordJson.SEQ_HEADER, Long.toString(m.seq()).getBytes(StandardCharsets.UTF_8));
        r.headers().add(RecordJson.ORD_HEADER, Integer.toString(m.ord()).getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /**
     * The bare producer: the same records (as objects, like the journal's) encoded in the timed loop
     * ({@code encode}), or their messages encoded beforehand.
     */
    private static double bareThroughput(ThrowawayKafka kafka, String run, int records, boolean encode,
            PrintStream out) throws Exception {
        createTopics(kafka, run);
        long t0 = epochNanos();
        List<FillRecord> fills = new ArrayList<>(records);
        List<ProducerRecord<String, String>> messages = new ArrayList<>(records);
        for (long seq = 1; seq <= records; seq++) {
            fills.add(fill(seq, t0));
            if (!encode) {
                messages.add(message(run, RecordJson.encode(seq, 0, fills.get((int) seq - 1))));
            }
        }
        CountDownLatch acked = new CountDownLatch(records);
        long[] failures = {0};
        try (KafkaProducer<String, String> producer = bareProducer(kafka, null)) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                ProducerRecord<String, String> m = encode
                        ? message(run, RecordJson.encode(fills.get(i).seq(), 0, fills.get(i))) : messages.get(i);
                producer.send(m, (meta, e) -> {
                    if (e != null) {
                        failures[0]++;
                    }
                    acked.countDown();
                });
            }
            if (!acked.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the bare producer's records were not acknowledged within 5 min");
            }
            long nanos = System.nanoTime() - start;
            double perSecond = records * 1e9 / nanos;
            out.printf(Locale.ROOT, "  bare    %s: %d records acknowledged in %d ms: %.0f records/s (%s, failures"
                    + " %d)%n", run, records, nanos / 1_000_000, perSecond,
                    encode ? "encoding each" : "encoded beforehand", failures[0]);
            return perSecond;
        }
    }

    private static double encodingRate(int records) {
        long t0 = epochNanos();
        long start = System.nanoTime();
        long bytes = 0;
        for (long seq = 1; seq <= records; seq++) {
            bytes += RecordJson.encode(seq, 0, fill(seq, t0)).json().length();
        }
        return records * 1e9 / (System.nanoTime() - start) + (bytes == 0 ? 0 : 0);
    }

    private static void exportLatency(ThrowawayKafka kafka, Path dir, String run, int rate, int seconds,
            PrintStream out) throws Exception {
        createTopics(kafka, run);
        BenchJournal journal = new BenchJournal();
        ExportCounters counters = new ExportCounters();
        int total = rate * seconds;
        try (ExportService service = ExportService.start(settings(kafka, dir, run), () -> journal, counters)) {
            pace(rate, total, seq -> journal.append(fill(seq, epochNanos())));
            Await.until("the export's mark at the journal's end", Duration.ofMinutes(2), Duration.ofMillis(5),
                    () -> service.status().mark() == total);
        }
        print(out, "export", run, rate, total, counters.recordToAcknowledged.getSnapshot());
    }

    private static void bareLatency(ThrowawayKafka kafka, String run, int rate, int seconds, PrintStream out)
            throws Exception {
        createTopics(kafka, run);
        int total = rate * seconds;
        Timer timer = new Timer(new SlidingTimeWindowArrayReservoir(5, TimeUnit.MINUTES));
        CountDownLatch acked = new CountDownLatch(total);
        try (KafkaProducer<String, String> producer = bareProducer(kafka, null)) {
            pace(rate, total, seq -> {
                long sent = System.nanoTime();
                producer.send(message(run, RecordJson.encode(seq, 0, fill(seq, epochNanos()))), (meta, e) -> {
                    timer.update(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
                    acked.countDown();
                });
            });
            if (!acked.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the bare producer's records were not acknowledged within 2 min");
            }
        }
        print(out, "bare   ", run, rate, total, timer.getSnapshot());
    }

    /** Calls {@code each} with seq 1..total at {@code rate} per second (a busy-ish wait between). */
    private static void pace(int rate, int total, java.util.function.LongConsumer each) {
        long start = System.nanoTime();
        double interval = 1e9 / rate;
        for (long seq = 1; seq <= total; seq++) {
            long due = start + (long) ((seq - 1) * interval);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            each.accept(seq);
        }
    }

    private static void print(PrintStream out, String who, String run, int rate, int total, Snapshot s) {
        out.printf(Locale.ROOT, "  %s %s: %d records at %d/s, record-to-acknowledged p50 %.2f ms, p99 %.2f ms, "
                + "p99.9 %.2f ms, max %.2f ms (%d samples)%n", who, run, total, rate, s.getMedian() / 1e6,
                s.get99thPercentile() / 1e6, s.get999thPercentile() / 1e6, s.getMax() / 1e6, s.size());
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
