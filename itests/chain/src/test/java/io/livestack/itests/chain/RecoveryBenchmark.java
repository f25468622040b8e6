package io.livestack.itests.chain;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.journal.FrameKind;
import io.livestack.journal.JournalReader;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.recovery.JournalRuntime;
import io.livestack.testkit.Await;
import io.livestack.testkit.RecordingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The recovery benchmark (a main, not a test; docs/benchmarks.md): the real chain (state, strategy host with the
 * demo's market maker and momentum taker, risk, execution, a scripted venue that fills) journals {@code bench.events}
 * inputs (1,000,000: market data on four instruments, the strategies' orders and their fills); the journal is copied
 * as a crash leaves it (no snapshot: the whole journal is replayed), and a new chain recovers from the copy. Prints,
 * beside the baseline of only reading and decoding the same journal ({@link JournalReader}): the recovery's replay
 * time and rate (target: under 5 s for 1,000,000 events, at least 1,000,000 events/s), and the time from the new
 * chain's construction until it takes live events.
 */
public final class RecoveryBenchmark {

    private final long events = Long.getLong("bench.events", 1_000_000);
    private final Path dir = Path.of(System.getProperty("bench.dir", "target/recovery-bench")).toAbsolutePath();

    public static void main(String[] args) throws Exception {
        new RecoveryBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        clean(dir);
        Path journal = dir.resolve("journal");
        Path crash = dir.resolve("crash");
        long start = System.nanoTime();
        try (LiveChain live = chain(journal, "live")) {
            List<MarketFeed> feeds = new ArrayList<>();
            long seed = 1;
            for (InstrumentId i : Scenario.instruments()) {
                feeds.add(new MarketFeed(Scenario.SIM, i, Fixed.of(100), Fixed.of(1) / 100, seed++));
            }
            long t = 1_700_000_000_000_000_000L;
            int n = 0;
            for (MarketFeed f : feeds) { // books first, then the session: the strategies quote and take
                live.publish(f.next(t += 1_000_000));
            }
            live.quiesce();
            live.execute(new io.livestack.api.event.Command.StartSession());
            while (live.lastSeq() < events) {
                for (int k = 0; k < 10_000; k++) {
                    live.publish(feeds.get(n++ % feeds.size()).next(t += 1_000_000));
                }
                live.quiesce();
            }
            copy(journal, crash);
        }
        System.out.printf(Locale.ROOT, "journaled %,d inputs in %.1f s%n", inputs(crash),
                (System.nanoTime() - start) / 1e9);

        for (int r = 1; r <= 3; r++) {
            long[] n = {0, 0};
            long t0 = System.nanoTime();
            JournalReader.read(crash, 1, f -> {
                if (f.kind() == FrameKind.INPUT) {
                    n[0] += f.input().seq() > 0 ? 1 : 0;
                } else if (f.kind() == FrameKind.OUTCOME) {
                    n[1] += f.records().size();
                }
                return true;
            });
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "BASELINE read + decode round %d: %,d inputs and %,d records in %.2f s "
                    + "= %,.0f inputs/s%n", r, n[0], n[1], s, n[0] / s);

            Path copy = dir.resolve("recover-" + r);
            copy(crash, copy);
            long t1 = System.nanoTime();
            try (LiveChain recovered = chain(copy, "recover-" + r)) {
                JournalRuntime j = recovered.runtime.assembly().journal();
                Await.until("the recovery", Duration.ofMinutes(5), Duration.ofMillis(5),
                        () -> j.recovery().recoveredHash() != null || j.recovery().failure() != null);
                double total = (System.nanoTime() - t1) / 1e9;
                String status = j.recovery().status();
                long ms = Long.parseLong(status.replaceAll(".* in (\\d+) ms;.*", "$1"));
                long replayed = Long.parseLong(status.replaceAll("^recovered (\\d+) events.*", "$1"));
                System.out.printf(Locale.ROOT, "RECOVERY round %d: %,d events replayed in %.2f s = %,.0f events/s; "
                        + "from the chain's construction to live: %.2f s%s%n", r, replayed, ms / 1e3,
                        replayed / (ms / 1e3), total, status.contains("other records") ? " (DIVERGED: " + status
                                + ")" : "");
            }
        }
    }

    private LiveChain chain(Path journal, String name) throws IOException {
        LiveChain.Options o = Scenario.options(Files.createDirectories(dir.resolve("state-" + name)),
                new ScriptedVenue(Scenario.SIM, Scenario.instruments()), new RecordingSink());
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, journal.toString());
        o.runtime.put(JournalConfig.SNAPSHOT_INTERVAL, 0);
        o.runtime.put(JournalConfig.SNAPSHOT_EVENTS, 0);
        LiveChain chain = new LiveChain(o);
        ((ScriptedVenue) o.venue).attach(chain.runtime);
        return chain;
    }

    private static long inputs(Path journal) throws IOException {
        return JournalReader.scan(journal, false).lastInputSeq();
    }

    /** The journal's segments as a crash leaves them (no snapshot file: everything is replayed). */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".lsj")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
    }

    private static void clean(Path d) throws IOException {
        if (Files.exists(d)) {
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(d);
    }
}
