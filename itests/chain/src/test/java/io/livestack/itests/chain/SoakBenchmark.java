package io.livestack.itests.chain;

import io.livestack.api.event.Command;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.runtime.internal.JournalConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak (a main, not a test; docs/benchmarks.md): {@code bench.orders} orders (10,000,000) through the real chain
 * with the journal on and a snapshot every {@code bench.snapshotEvents} events (1,000,000), closed orders and applied
 * exec ids let go at each snapshot ({@code retention.* = 0}): a {@link BenchStrategy} orders on every
 * {@code bench.orderEvery}-th market data event (2), the {@link BenchVenue} fills each order at once. Every
 * {@code bench.every} orders (1,000,000) it prints the heap used after a full GC (the curve must stay flat), the
 * orders the state still holds, and the rate. Baseline in the same run: the heap after a full GC before the first
 * order.
 */
public final class SoakBenchmark {

    private final long orders = Long.getLong("bench.orders", 10_000_000);
    private final int orderEvery = Integer.getInteger("bench.orderEvery", 2);
    private final long every = Long.getLong("bench.every", 1_000_000);
    private final long snapshotEvents = Long.getLong("bench.snapshotEvents", 1_000_000);

    public static void main(String[] args) throws Exception {
        new SoakBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of("target/soak-bench").toAbsolutePath());
        VenueId venueId = VenueId.of("BENCH");
        List<InstrumentId> instruments = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            instruments.add(InstrumentId.of("SOAK" + i));
        }
        BenchStrategy.Probe probe = new BenchStrategy.Probe();
        BenchStrategy strategy = new BenchStrategy(orderEvery, probe);
        BenchVenue venue = new BenchVenue(venueId, new LinkedHashSet<>(instruments), probe);
        LiveChain.Options o = new LiveChain.Options();
        o.clock = LiveChain.ClockKind.SYSTEM;
        o.stateDir = Files.createTempDirectory(work, "soak");
        o.venue = venue;
        AtomicLong records = new AtomicLong();
        o.sink = r -> records.incrementAndGet();
        o.risk = Map.of("maxOrderQuantity", "1000", "maxOrderNotional", "1000000000", "maxPosition", "1000000000",
                "priceBandBps", "10000", "maxOpenOrders", "100000", "maxOrdersPerSecond", "1000000",
                "maxCancelsPerSecond", "1000000", "selfCrossCheck", "false");
        o.strategy(strategy, "bench", "bench");
        o.runtime.put(JournalConfig.ENABLED, true);
        o.runtime.put(JournalConfig.DIRECTORY, o.stateDir.resolve("journal").toString());
        o.runtime.put(JournalConfig.SNAPSHOT_EVENTS, snapshotEvents);
        o.runtime.put(JournalConfig.SNAPSHOT_INTERVAL, 0);
        o.runtime.put(JournalConfig.RETAIN, 1); // segments behind the snapshot go (no database here)
        o.state = Map.of("retention_closedOrdersMillis", 0L, "retention_executionsMillis", 0L);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LiveChain chain = new LiveChain(o)) {
            venue.attach(chain.runtime);
            CommandResult started = chain.execute(new Command.StartSession());
            if (!started.ok()) {
                throw new IllegalStateException("the chain did not start: " + started);
            }
            List<MarketFeed> feeds = new ArrayList<>();
            for (int i = 0; i < instruments.size(); i++) {
                feeds.add(new MarketFeed(venueId, instruments.get(i), Fixed.of(100 + i), Fixed.of(1) / 100, i + 1));
            }
            long base = usedAfterGc(memory);
            System.out.printf(Locale.ROOT, "soak: %,d orders, an order every %d market data events, a snapshot every "
                    + "%,d events, retention 0; heap used after a full GC before the first order: %.1f MB%n", orders,
                    orderEvery, snapshotEvents, base / 1e6);
            System.out.println("   orders | heap after full GC (MB) | vs start | orders in state | orders/s");
            long t = System.nanoTime();
            long next = every;
            long start = System.nanoTime();
            long lastAt = start;
            long lastOrders = 0;
            int n = 0;
            while (venue.orders() < orders) {
                for (int k = 0; k < 1000; k++) {
                    chain.runtime.publish(feeds.get(n++ % feeds.size()).next(t += 1_000));
                }
                if (venue.orders() >= next) {
                    chain.quiesce();
                    long now = System.nanoTime();
                    long done = venue.orders();
                    long used = usedAfterGc(memory);
                    int held = LiveChain.await(chain.runtime.query(v -> v.orders().size()), "the state's orders");
                    System.out.printf(Locale.ROOT, "%,9d | %23.1f | %+7.1f | %15d | %,.0f%n", done, used / 1e6,
                            (used - base) / 1e6, held, (done - lastOrders) / ((now - lastAt) / 1e9));
                    lastAt = System.nanoTime();
                    lastOrders = done;
                    next += every;
                }
            }
            System.out.printf(Locale.ROOT, "%,d orders in %.0f s; %,d records%n", venue.orders(),
                    (System.nanoTime() - start) / 1e9, records.get());
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
