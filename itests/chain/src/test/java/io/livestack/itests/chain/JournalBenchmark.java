package io.livestack.itests.chain;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.Sequenced;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueOrderId;
import io.livestack.journal.EventCodec;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JournalWriter;
import io.livestack.journal.WireOut;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.HdrHistogram.Histogram;

/**
 * The journal benchmark (a main, not a test; docs/benchmarks.md): the same input frames (market data deltas and
 * execution reports, as the chain journals them) appended
 * <ol>
 * <li>by the journal ({@link JournalWriter}: mmap segments, CRC frames, the flusher forcing every
 * {@code bench.syncMillis});</li>
 * <li>by the baseline: a bare {@link FileChannel} write of the same framed bytes (length, CRC32C, payload) into a
 * preallocated file, a thread forcing it ({@code force(false)}) every {@code bench.syncMillis};</li>
 * </ol>
 * alternating, {@code bench.rounds} rounds of {@code bench.events} appends each, as fast as one thread appends. It
 * prints appends/s (median of the rounds, and the ratio journal/baseline) and append-to-durable latency (from the
 * append's return to the moment a force covering it returned: p50/p99/p99.9/max over every 64th append) flat out and
 * paced at {@code bench.rate} appends/s (200000), and then the decode speed of reading the journal back
 * ({@link JournalReader}: inputs decoded per second).
 */
public final class JournalBenchmark {

    private final int events = Integer.getInteger("bench.events", 1_000_000);
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final long syncMillis = Long.getLong("bench.syncMillis", 2);
    private final Path dir = Path.of(System.getProperty("bench.dir", "target/journal-bench")).toAbsolutePath();
    private final int rate = Integer.getInteger("bench.rate", 200_000);
    private final List<Event> sample = sample();

    public static void main(String[] args) throws Exception {
        new JournalBenchmark().run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "journal benchmark: %,d appends per round, %d rounds, force every %d ms, "
                + "in %s%n", events, rounds, syncMillis, dir);
        List<Double> journalRates = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        Histogram journalLatency = new Histogram(3_600_000_000_000L, 3);
        Histogram bareLatency = new Histogram(3_600_000_000_000L, 3);
        journalRound(new Histogram(3_600_000_000_000L, 3)); // warm-up
        bareRound(new Histogram(3_600_000_000_000L, 3));
        for (int r = 0; r < rounds; r++) {
            journalRates.add(journalRound(journalLatency));
            bareRates.add(bareRound(bareLatency));
            System.out.printf(Locale.ROOT, "round %d: journal %,.0f appends/s, bare FileChannel %,.0f appends/s%n",
                    r + 1, journalRates.get(r), bareRates.get(r));
        }
        double j = median(journalRates);
        double b = median(bareRates);
        System.out.printf(Locale.ROOT, "THROUGHPUT median: journal %,.0f/s, bare FileChannel %,.0f/s, ratio %.2f%n",
                j, b, j / b);
        print("APPEND-TO-DURABLE flat out, journal", journalLatency);
        print("APPEND-TO-DURABLE flat out, bare FileChannel", bareLatency);
        // the same at an offered rate both keep up with: what an append waits to be on disk in steady operation
        long interval = 1_000_000_000L / rate;
        Histogram journalPaced = new Histogram(3_600_000_000_000L, 3);
        Histogram barePaced = new Histogram(3_600_000_000_000L, 3);
        for (int r = 0; r < rounds; r++) {
            journalRound(journalPaced, interval);
            bareRound(barePaced, interval);
        }
        System.out.printf(Locale.ROOT, "paced at %,d appends/s:%n", rate);
        print("APPEND-TO-DURABLE paced, journal", journalPaced);
        print("APPEND-TO-DURABLE paced, bare FileChannel", barePaced);
        decode();
    }

    // ------------------------------------------------------------------------------------------------ journal

    private double journalRound(Histogram latency) throws IOException {
        return journalRound(latency, 0);
    }

    private double journalRound(Histogram latency, long intervalNanos) throws IOException {
        Path d = fresh("journal");
        long[] appendedAt = new long[events / 64 + 1];
        long start;
        long end;
        try (JournalWriter w = JournalWriter.open(d, 64 << 20, syncMillis, JournalReader.scan(d, true))) {
            AtomicLong done = new AtomicLong();
            Thread watcher = watch(() -> w.durableSeq(), appendedAt, latency, done);
            start = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                pace(start, i, intervalNanos);
                w.input(new Sequenced(i, i, sample.get(i % sample.size())));
                if ((i & 63) == 0) {
                    appendedAt[i >> 6] = System.nanoTime();
                }
            }
            end = System.nanoTime();
            done.set(events);
            join(watcher);
        }
        return events / ((end - start) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------ baseline

    private double bareRound(Histogram latency) throws IOException {
        return bareRound(latency, 0);
    }

    private double bareRound(Histogram latency, long intervalNanos) throws IOException {
        Path file = fresh("bare").resolve("bare.log");
        WireOut out = new WireOut(1024);
        CRC32C crc = new CRC32C();
        ByteBuffer frame = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
        long[] appendedAt = new long[events / 64 + 1];
        long start;
        long end;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(1), 1L << 30); // preallocated as the journal's segments are (sparse)
            AtomicLong written = new AtomicLong();
            AtomicLong forced = new AtomicLong();
            AtomicLong done = new AtomicLong();
            Thread forcer = new Thread(() -> {
                while (done.get() == 0 || forced.get() < written.get()) {
                    long upTo = written.get();
                    try {
                        ch.force(false);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    forced.set(upTo);
                    LockSupport.parkNanos(syncMillis * 1_000_000L);
                }
            }, "bare-forcer");
            forcer.start();
            Thread watcher = watch(forced::get, appendedAt, latency, done);
            long position = 0;
            start = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                pace(start, i, intervalNanos);
                out.reset();
                out.i64(i);
                out.i64(i);
                EventCodec.write(out, sample.get(i % sample.size()));
                byte[] payload = out.toByteArray();
                crc.reset();
                crc.update(payload);
                frame.clear();
                frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
                while (frame.hasRemaining()) {
                    position += ch.write(frame, position);
                }
                written.set(i);
                if ((i & 63) == 0) {
                    appendedAt[i >> 6] = System.nanoTime();
                }
            }
            end = System.nanoTime();
            done.set(events);
            join(watcher);
            join(forcer);
        }
        return events / ((end - start) / 1e9);
    }

    // ------------------------------------------------------------------------------------------------ shared

    /** Paced: the i-th append no sooner than {@code i * intervalNanos} after the start (0: flat out). */
    private static void pace(long start, int i, long intervalNanos) {
        if (intervalNanos > 0) {
            long due = start + i * intervalNanos;
            while (System.nanoTime() - due < 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** Records, for every 64th append, the time from its return to the first durable mark covering it. */
    private Thread watch(java.util.function.LongSupplier durable, long[] appendedAt, Histogram latency,
            AtomicLong done) {
        Thread t = new Thread(() -> {
            int next = 1;
            while (next < appendedAt.length) {
                long d = durable.getAsLong();
                long now = System.nanoTime();
                while (next < appendedAt.length && ((long) next << 6) <= d) {
                    long at = appendedAt[next];
                    if (at != 0) {
                        latency.recordValue(Math.max(0, now - at));
                    }
                    next++;
                }
                if (done.get() != 0 && d >= events) {
                    break;
                }
                Thread.onSpinWait();
            }
        }, "durable-watcher");
        t.start();
        return t;
    }

    private void decode() throws IOException {
        Path d = fresh("decode");
        try (JournalWriter w = JournalWriter.open(d, 64 << 20, syncMillis, JournalReader.scan(d, true))) {
            for (int i = 1; i <= events; i++) {
                w.input(new Sequenced(i, i, sample.get(i % sample.size())));
            }
        }
        for (int r = 0; r < 3; r++) {
            long[] n = {0};
            long start = System.nanoTime();
            JournalReader.read(d, 1, f -> {
                if (f.kind() == io.livestack.journal.FrameKind.INPUT && f.input().seq() > 0) {
                    n[0]++;
                }
                return true;
            });
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "READ BACK round %d: %,d inputs decoded in %.3f s = %,.0f inputs/s%n", r + 1,
                    n[0], s, n[0] / s);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path fresh(String name) throws IOException {
        Path d = dir.resolve(name);
        if (Files.exists(d)) {
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(d);
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "%s (µs, %,d samples): p50 %.0f  p99 %.0f  p99.9 %.0f  max %.0f%n", what,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    /** What the chain journals most: book deltas, with an execution report every tenth. */
    private static List<Event> sample() {
        VenueId sim = VenueId.of("SIM");
        InstrumentId btc = InstrumentId.of("BTC-USD");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new BookDelta(sim, btc, 1_700_000_000_000_000_000L + i, List.of(
                    new LevelChange(Side.BUY, Fixed.parse("50000.5") - i * Fixed.SCALE, Fixed.parse("1.5")),
                    new LevelChange(Side.SELL, Fixed.parse("50001") + i * Fixed.SCALE, Fixed.parse("0.5")))));
        }
        events.set(9, new ExecutionReport(sim, 1_700_000_000_000_000_000L, ClientOrderId.of("LSABCDEFGH12"), null,
                new VenueOrderId("V123456"), new ExecId("E987654321"), ExecType.TRADE, OrderStatus.PARTIALLY_FILLED,
                btc, Side.BUY, Fixed.parse("1"), Fixed.parse("50000.5"), Fixed.parse("0.25"), Fixed.parse("50000.5"),
                Fixed.parse("0.25"), Fixed.parse("0.75"), Fixed.parse("50000.5"), LiquidityFlag.TAKER,
                Fixed.parse("0.01"), "USD", null, false, 4711));
        return events;
    }
}
