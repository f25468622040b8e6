package io.livestack.itests.chain;

import com.codahale.metrics.MetricRegistry;
import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Command;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.RuntimeComponent;
import io.livestack.runtime.internal.RuntimeConfig;
import io.livestack.runtime.internal.chain.AgentRunner;
import io.livestack.testkit.SimpleState;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The chain benchmark (a main, not a test; see docs/benchmarks.md): market data through the REAL runtime (sequencer,
 * chain agent) → state → strategy host (a {@link BenchStrategy}) → risk → execution → a venue stub
 * ({@link BenchVenue}) in one JVM, beside two baselines measured in the same run: the bare Disruptor ring with a no-op consumer, and the runtime (queue + loop)
 * with a no-op state stage and no other stage. Prints
 * <ol>
 * <li>loop cost: CPU time of the processing thread per market data event, draining backlogs (least dependent on the
 * machine's load, and the bytes allocated per event, which do not depend on it);</li>
 * <li>throughput: market data events/s processed at the end of the chain with the producer publishing flat out
 * (after a warm-up), for the baselines and the chain with metrics off and on (alternating rounds);</li>
 * <li>latency at a paced offered rate: publish → consumer hand-off for the baselines; for the chain publish →
 * strategy, strategy → order at the venue (the order path: the session gate, risk, execution) and tick → order
 * (publish of the tick to the venue stub's receipt of the order it caused);</li>
 * <li>ratios chain/baseline and the throughput cost of metrics.</li>
 * </ol>
 * Settings are system properties: {@code bench.wait} (yielding | busy-spin | sleeping | blocking; default
 * yielding), {@code bench.jitWarmup} (s of the chain flat out before anything is measured, so that the JIT has
 * compiled the stages; 10), {@code bench.warmup} and {@code bench.seconds} (throughput warm-up and measurement, s;
 * 3 and 5), {@code bench.rounds} (metrics off/on rounds; 3), {@code bench.rate} (offered rate of the latency runs,
 * events/s; 100000), {@code bench.latencyWarmup} and {@code bench.latencySeconds} (3 and 10),
 * {@code bench.instruments} (256), {@code bench.orderEvery} (an order every n-th market data event in the
 * throughput and cost runs; 100), {@code bench.latencyOrderEvery} (the same in the latency runs; 10),
 * {@code bench.phases} (cost,throughput,latency), {@code bench.costCycles} (backlogs drained per cost run; 300).
 */
public final class ChainBenchmark {

    private static final VenueId VENUE = VenueId.of("BENCH");
    private static final int QUEUE_CAPACITY = 65536;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** The same bean, for the bytes a thread allocated (HotSpot). */
    private static final com.sun.management.ThreadMXBean ALLOCATION = (com.sun.management.ThreadMXBean) THREADS;

    private final String wait = System.getProperty("bench.wait", "yielding");
    /** Whether the runtime journals (to a folder under the work directory). */
    private final boolean journal = Boolean.getBoolean("bench.journal");
    /** With the journal: its flusher's interval (a diagnosis: how much the forcing itself costs the loop). */
    private final long syncMillis = Long.getLong("bench.syncMillis", 2);
    private double warmup = Double.parseDouble(System.getProperty("bench.warmup", "3"));
    private double seconds = Double.parseDouble(System.getProperty("bench.seconds", "5"));
    private final double jitWarmup = Double.parseDouble(System.getProperty("bench.jitWarmup", "10"));
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final int rate = Integer.getInteger("bench.rate", 100_000);
    private final double latencyWarmup = Double.parseDouble(System.getProperty("bench.latencyWarmup", "3"));
    private final double latencySeconds = Double.parseDouble(System.getProperty("bench.latencySeconds", "10"));
    private final int instrumentCount = Integer.getInteger("bench.instruments", 256);
    private final int orderEvery = Integer.getInteger("bench.orderEvery", 100);
    private final int latencyOrderEvery = Integer.getInteger("bench.latencyOrderEvery", 10);
    private final Set<String> phases =
            Set.of(System.getProperty("bench.phases", "cost,throughput,latency").split(","));

    private final List<InstrumentId> instruments = new ArrayList<>();
    private final MarketDataEvent[] events;
    private final Path workDir;

    private ChainBenchmark() throws IOException {
        for (int i = 0; i < instrumentCount; i++) {
            instruments.add(InstrumentId.of("I" + i));
        }
        events = feed(1 << 16);
        workDir = Files.createTempDirectory("livestack-chain-bench");
    }

    public static void main(String[] args) throws Exception {
        new ChainBenchmark().run();
    }

    // ============================================================================================== the run

    private void run() throws Exception {
        String load0 = loadAverage();
        System.out.printf(Locale.ROOT, "Live Stack chain benchmark, %s%n", Instant.now());
        System.out.printf(Locale.ROOT, "  machine: %d cores, Java %s (%s), load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), load0);
        System.out.printf(Locale.ROOT, "  wait strategy %s, queue %d, %d instruments; throughput: %.0f s warm-up + "
                + "%.0f s measured, an order every %d market data events; latency: %,d events/s offered, %.0f s "
                + "warm-up + %.0f s measured, an order every %d events%n", wait, QUEUE_CAPACITY, instrumentCount,
                warmup, seconds, orderEvery, rate, latencyWarmup, latencySeconds, latencyOrderEvery);

        if (jitWarmup > 0) {
            // the JIT compiles the stages' code once for the JVM: without this the first phase measures a cold chain
            System.out.printf(Locale.ROOT, "%nWARM-UP (not measured): %.0f s of the chain flat out, an order every "
                    + "%d events%n", jitWarmup, latencyOrderEvery);
            double w = warmup;
            double m = seconds;
            warmup = 0;
            seconds = jitWarmup;
            measure("warm-up", new ChainTarget(latencyOrderEvery, true));
            warmup = w;
            seconds = m;
        }

        Map<String, Double> cost = new java.util.LinkedHashMap<>();
        if (phases.contains("cost")) {
            System.out.printf(Locale.ROOT, "%nLOOP COST: CPU time of the processing thread per market data event, "
                    + "draining a backlog (the loop held while %,d events are published; no waiting in the measured "
                    + "time, so it does not depend on the machine's load)%n", 4 * instrumentCount);
            Set<String> which = Set.of(System.getProperty("bench.costRuns", "intake,off,on,all").split(","));
            if (which.contains("intake")) {
                cost.put("baseline intake", loopCost("baseline intake (queue + loop, no-op state)",
                        new IntakeTarget(wait)));
            }
            // metrics off and on alternate, off first in odd rounds, on first in even ones (the machine changes under a
            // long run): the medians are compared
            List<Double> costOff = new ArrayList<>();
            List<Double> costOn = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                for (boolean metrics : r % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    if (which.contains(metrics ? "on" : "off")) {
                        double c = loopCost("chain, metrics " + (metrics ? "on,  " : "off, ") + "round " + r,
                                new ChainTarget(orderEvery, metrics));
                        (metrics ? costOn : costOff).add(c);
                    }
                }
            }
            if (!costOff.isEmpty()) {
                cost.put("chain off", medianOf(costOff));
            }
            if (!costOn.isEmpty()) {
                cost.put("chain on", medianOf(costOn));
            }
            if (which.contains("all")) {
                cost.put("chain all", loopCost("chain, an order on EVERY event", new ChainTarget(1, false)));
            }
        }

        Map<String, Throughput> tput = new java.util.LinkedHashMap<>();
        List<Throughput> off = new ArrayList<>();
        List<Throughput> on = new ArrayList<>();
        if (phases.contains("throughput")) {
            System.out.printf(Locale.ROOT, "%nTHROUGHPUT: market data events/s processed at the end of the "
                    + "chain, producer flat out (load average before each)%n");
            tput.put("baseline ring", measure("baseline ring (Disruptor, no-op consumer)", new RingTarget(wait)));
            tput.put("baseline intake", measure("baseline intake (queue + loop, no-op state)",
                    new IntakeTarget(wait)));
            for (int r = 1; r <= rounds; r++) { // off first in odd rounds, on first in even ones
                for (boolean metrics : r % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    Throughput t = measure("chain, metrics " + (metrics ? "on,  " : "off, ") + "round " + r,
                            new ChainTarget(orderEvery, metrics));
                    (metrics ? on : off).add(t);
                }
            }
        }

        Map<String, Histogram> lat = new java.util.LinkedHashMap<>();
        if (phases.contains("latency")) {
            System.out.printf(Locale.ROOT, "%nLATENCY at %,d events/s offered (paced producer), microseconds%n",
                    rate);
            System.out.printf(Locale.ROOT, "  %-48s %9s %8s %8s %8s %8s %9s  %s%n", "", "count", "p50", "p90", "p99",
                    "p99.9", "max", "load");
            RingTarget ring = new RingTarget(wait);
            latency(ring, Map.of("baseline ring: publish -> consumer", ring.handoff), lat);
            IntakeTarget intake = new IntakeTarget(wait);
            latency(intake, Map.of("baseline intake: publish -> state stage", intake.handoff), lat);
            for (boolean metrics : new boolean[] {false, true}) {
                ChainTarget chain = new ChainTarget(latencyOrderEvery, metrics);
                String m = metrics ? "on " : "off";
                Map<String, SingleWriterRecorder> rec = new java.util.LinkedHashMap<>();
                rec.put("chain, metrics " + m + ": publish -> strategy", chain.handoff);
                rec.put("chain, metrics " + m + ": strategy -> order at venue", chain.orderPath);
                rec.put("chain, metrics " + m + ": TICK-TO-ORDER", chain.tickToOrder);
                latency(chain, rec, lat);
            }
        }

        System.out.printf(Locale.ROOT, "%nSUMMARY%n");
        if (cost.size() == 4) {
            double chainCost = cost.get("chain off");
            System.out.printf(Locale.ROOT, "  loop cost per market data event (medians of %d rounds): chain %.0f ns, "
                    + "baseline intake %.0f ns: the loop alone sustains %,.0f events/s through the chain on one free "
                    + "core -> target >= 1,000,000 events/s %s on CPU cost%n", rounds, chainCost,
                    cost.get("baseline intake"), 1e9 / chainCost, 1e9 / chainCost >= 1_000_000 ? "MET" : "MISSED");
            System.out.printf(Locale.ROOT, "  metrics cost on the loop (CPU per event, medians): %+.1f %% (off %.0f ns, "
                    + "on %.0f ns)%n", 100.0 * (cost.get("chain on") - chainCost) / chainCost, chainCost,
                    cost.get("chain on"));
            System.out.printf(Locale.ROOT, "  an order (risk, execution, venue stub, and processing its fill) adds "
                    + "about %.0f ns of loop time to the tick that causes it%n", cost.get("chain all") - chainCost);
        }
        if (!off.isEmpty()) {
            double chainOff = median(off);
            double chainOn = median(on);
            double ring = tput.get("baseline ring").processedPerSecond();
            double intake = tput.get("baseline intake").processedPerSecond();
            System.out.printf(Locale.ROOT, "  throughput, chain (metrics off, median of %d): %,.0f events/s; "
                    + "chain/baseline ring %.3f, chain/baseline intake %.3f%n", off.size(), chainOff, chainOff / ring,
                    chainOff / intake);
            System.out.printf(Locale.ROOT, "  metrics cost on throughput (medians): %+.1f %% (off %,.0f /s, on %,.0f /s;"
                    + " per round: %s)%n", 100.0 * (chainOff - chainOn) / chainOff, chainOff, chainOn,
                    perRound(off, on));
            double cpuOff = off.stream().mapToDouble(Throughput::loopCpuNanosPerEvent).sorted()
                    .toArray()[off.size() / 2];
            System.out.printf(Locale.ROOT, "  processing-loop CPU per market data event through the chain: %.0f ns "
                    + "(baseline intake %.0f ns, ring consumer %.0f ns): %,.0f events/s if the loop had a core to "
                    + "itself%n", cpuOff, tput.get("baseline intake").loopCpuNanosPerEvent(),
                    tput.get("baseline ring").loopCpuNanosPerEvent(), 1e9 / cpuOff);
            System.out.printf(Locale.ROOT, "  target >= 1,000,000 events/s through the chain: %s (measured); %s "
                    + "(CPU-bound estimate on a free core)%n", chainOff >= 1_000_000 ? "MET" : "MISSED",
                    1e9 / cpuOff >= 1_000_000 ? "MET" : "MISSED");
        }
        Histogram t2o = lat.get("chain, metrics off: TICK-TO-ORDER");
        if (t2o != null) {
            Histogram ringHandoff = lat.get("baseline ring: publish -> consumer");
            Histogram intakeHandoff = lat.get("baseline intake: publish -> state stage");
            System.out.printf(Locale.ROOT, "  tick-to-order p50 %.2f us, p99 %.2f us (metrics off); chain/baseline "
                    + "p50: ring %.1fx, intake %.1fx; p99: ring %.1fx, intake %.1fx%n", us(t2o, 50), us(t2o, 99),
                    us(t2o, 50) / us(ringHandoff, 50), us(t2o, 50) / us(intakeHandoff, 50),
                    us(t2o, 99) / us(ringHandoff, 99), us(t2o, 99) / us(intakeHandoff, 99));
            System.out.printf(Locale.ROOT, "  target p50 < 5 us: %s; target p99 < 50 us: %s%n",
                    us(t2o, 50) < 5 ? "MET" : "MISSED", us(t2o, 99) < 50 ? "MET" : "MISSED");
            Histogram t2oOn = lat.get("chain, metrics on : TICK-TO-ORDER");
            if (t2oOn != null) {
                System.out.printf(Locale.ROOT, "  tick-to-order with metrics on: p50 %.2f us, p99 %.2f us%n",
                        us(t2oOn, 50), us(t2oOn, 99));
            }
        }
        System.out.printf(Locale.ROOT, "  load average at start %s, at end %s%n", load0, loadAverage());
    }

    // ============================================================================================== throughput

    /** Processed (end of chain), published and conflated events per second over the measured window. */
    record Throughput(double processedPerSecond, double publishedPerSecond, double conflatedPerSecond,
            double loopCpuNanosPerEvent, double loopCpuShare) {

        /** What one core would sustain if the loop thread had it to itself: 1e9 / CPU ns per event. */
        double perCore() {
            return loopCpuNanosPerEvent > 0 ? 1e9 / loopCpuNanosPerEvent : 0;
        }
    }

    private Throughput measure(String name, Target target) throws Exception {
        String load = loadAverage();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong published = new AtomicLong();
        int mask = events.length - 1;
        Thread producer = new Thread(() -> {
            long n = 0;
            int i = 0;
            while (!stop.get()) {
                target.publish(events[i]);
                i = (i + 1) & mask;
                if ((++n & 255) == 0) {
                    published.lazySet(n);
                }
            }
            published.set(n);
        }, "bench-producer");
        Throughput result;
        try (target) {
            producer.start();
            pause(warmup);
            long loop = target.consumerThreadId();
            long c0 = target.processed();
            long p0 = published.get();
            long x0 = target.conflated();
            long cpu0 = THREADS.getThreadCpuTime(loop);
            long t0 = System.nanoTime();
            pause(seconds);
            long c1 = target.processed();
            long p1 = published.get();
            long x1 = target.conflated();
            long cpu1 = THREADS.getThreadCpuTime(loop);
            long t1 = System.nanoTime();
            stop.set(true);
            producer.join(TimeUnit.SECONDS.toMillis(30));
            target.drain();
            double s = (t1 - t0) / 1e9;
            long events = c1 - c0;
            result = new Throughput(events / s, (p1 - p0) / s, (x1 - x0) / s,
                    events > 0 ? (cpu1 - cpu0) / (double) events : 0, (cpu1 - cpu0) / (double) (t1 - t0));
            System.out.printf(Locale.ROOT, "  %-44s %,11.0f /s | loop CPU %6.0f ns/event = %,11.0f /s per core, "
                    + "loop on CPU %3.0f %% of the time | published %,11.0f /s, conflated %,11.0f /s%s | load %s%n",
                    name, result.processedPerSecond(), result.loopCpuNanosPerEvent(), result.perCore(),
                    100 * result.loopCpuShare(), result.publishedPerSecond(), result.conflatedPerSecond(),
                    target.extra(), load);
        }
        return result;
    }

    // ============================================================================================== loop cost

    /**
     * CPU nanoseconds of the processing thread per market data event processed, measured on backlogs: the loop is
     * held inside a query while {@code 4 x instruments} events are published (conflation keeps one pending event per
     * instrument and channel), then released; the CPU time it takes to drain the backlog, divided by the events it
     * processed. The first cycles warm up; the median of the rest is reported.
     */
    private double loopCost(String name, Target target) throws Exception {
        int cycles = Integer.getInteger("bench.costCycles", 300);
        int warm = cycles / 3;
        List<Double> perEvent = new ArrayList<>();
        List<Double> bytesPerEvent = new ArrayList<>();
        long drained = 0;
        int mask = events.length - 1;
        int next = 0;
        String load = loadAverage();
        try (target) {
            RuntimeComponent rt = target.runtime();
            long loop = target.consumerThreadId();
            for (int c = 0; c < cycles; c++) {
                java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.CompletableFuture<Object> q = rt.query(s -> {
                    held.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                });
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the loop did not take the holding query");
                }
                for (int i = 0; i < 4 * instrumentCount; i++) {
                    target.publish(events[next]);
                    next = (next + 1) & mask;
                }
                long before = target.processed();
                long cpu0 = THREADS.getThreadCpuTime(loop);
                long bytes0 = ALLOCATION.getThreadAllocatedBytes(loop);
                release.countDown();
                q.get(30, TimeUnit.SECONDS);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (rt.queueDepth() > 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                long cpu1 = THREADS.getThreadCpuTime(loop);
                long bytes1 = ALLOCATION.getThreadAllocatedBytes(loop);
                long n = target.processed() - before;
                if (c >= warm && n > 0) {
                    perEvent.add((cpu1 - cpu0) / (double) n);
                    bytesPerEvent.add((bytes1 - bytes0) / (double) n);
                    drained += n;
                }
            }
        }
        double[] sorted = perEvent.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        double[] bytes = bytesPerEvent.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "  %-44s %6.0f ns/event (median of %d backlogs, %,d events; p10 %.0f, "
                + "p90 %.0f ns) = %,11.0f events/s per core; allocates %,.0f B/event | load %s%n", name, median,
                sorted.length, drained, sorted[sorted.length / 10], sorted[sorted.length * 9 / 10], 1e9 / median,
                bytes[bytes.length / 2], load);
        return median;
    }

    // ============================================================================================== latency

    private void latency(Target target, Map<String, SingleWriterRecorder> recorders, Map<String, Histogram> out)
            throws Exception {
        String load = loadAverage();
        long warmupEvents = (long) (rate * latencyWarmup);
        long total = warmupEvents + (long) (rate * latencySeconds);
        long interval = 1_000_000_000L / rate;
        int mask = events.length - 1;
        long behind = 0;
        try (target) {
            target.recordLatency(true);
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    Thread.onSpinWait();
                }
                if (now - due > 100_000) {
                    behind++;
                }
                if (i == warmupEvents) {
                    recorders.values().forEach(SingleWriterRecorder::reset);
                }
                target.publish(stamped(events[(int) (i & mask)], System.nanoTime()));
            }
            double offered = total / ((System.nanoTime() - start) / 1e9);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (target.processed() + target.conflated() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            target.recordLatency(false);
            for (Map.Entry<String, SingleWriterRecorder> e : recorders.entrySet()) {
                Histogram h = e.getValue().getIntervalHistogram();
                out.put(e.getKey(), h);
                System.out.printf(Locale.ROOT, "  %-48s %9d %8.2f %8.2f %8.2f %8.2f %9.1f  %s%n", e.getKey(),
                        h.getTotalCount(), us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), h.getMaxValue() / 1e3, load);
            }
            System.out.printf(Locale.ROOT, "  %-48s offered %,.0f events/s, %d events published > 100 us late, "
                    + "%d conflated%s%n", "", offered, behind, target.conflated(), target.extra());
        }
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    /** The template event again, with {@code nanos} (the publish time) as its source time. */
    private static MarketDataEvent stamped(MarketDataEvent e, long nanos) {
        if (e instanceof TradeTick t) {
            return new TradeTick(t.venue(), t.instrument(), nanos, t.price(), t.quantity(), t.aggressor());
        }
        if (e instanceof BookDelta d) {
            return new BookDelta(d.venue(), d.instrument(), nanos, d.changes());
        }
        BookSnapshot s = (BookSnapshot) e;
        return new BookSnapshot(s.venue(), s.instrument(), nanos, s.bids(), s.asks());
    }

    // ============================================================================================== targets

    /** What is driven: publish market data, count what came out at the end. */
    private interface Target extends AutoCloseable {
        void publish(MarketDataEvent event);

        long processed();

        default long conflated() {
            return 0;
        }

        void recordLatency(boolean on);

        /** The thread that consumes (the processing loop). */
        long consumerThreadId();

        /** The runtime, or null (the bare ring). */
        default RuntimeComponent runtime() {
            return null;
        }

        /** Waits (bounded) until what was published is processed, so that close() finds nothing in flight. */
        default void drain() {
            RuntimeComponent rt = runtime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rt != null && rt.queueDepth() > 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
        }

        default String extra() {
            return "";
        }

        @Override
        void close();
    }

    /** The bare Disruptor ring, configured like intake's (multi-producer, same capacity and wait strategy). */
    private static final class RingTarget implements Target {
        private static final class Slot {
            MarketDataEvent event;
        }

        final SingleWriterRecorder handoff = new SingleWriterRecorder(3);
        private final RingBuffer<Slot> ring;
        private final Sequence consumed = new Sequence(RingBuffer.INITIAL_CURSOR_VALUE);
        private final SequenceBarrier barrier;
        private final AtomicLong processed = new AtomicLong();
        private final Thread consumer;
        private volatile boolean recording;
        private volatile boolean running = true;

        RingTarget(String wait) {
            ring = RingBuffer.createMultiProducer(Slot::new, QUEUE_CAPACITY, waitStrategy(wait));
            ring.addGatingSequences(consumed);
            barrier = ring.newBarrier();
            consumer = new Thread(this::consume, "bench-ring-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        private void consume() {
            long next = 0;
            long n = 0;
            while (running) {
                long available;
                try {
                    available = barrier.waitFor(next);
                } catch (AlertException | InterruptedException | TimeoutException e) {
                    continue;
                }
                boolean rec = recording;
                for (long s = next; s <= available; s++) {
                    Slot slot = ring.get(s);
                    if (rec) {
                        handoff.recordValue(Math.max(0, System.nanoTime() - slot.event.sourceTimeNanos()));
                    }
                    slot.event = null;
                    n++;
                }
                consumed.set(available);
                processed.lazySet(n);
                next = available + 1;
            }
        }

        @Override
        public void publish(MarketDataEvent event) {
            long s = ring.next();
            ring.get(s).event = event;
            ring.publish(s);
        }

        @Override
        public long processed() {
            return processed.get();
        }

        @Override
        public long consumerThreadId() {
            return consumer.getId();
        }

        @Override
        public void recordLatency(boolean on) {
            recording = on;
        }

        @Override
        public void close() {
            running = false;
            barrier.alert();
            try {
                consumer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Intake's queue and processing loop with a state stage that only counts, and no other stage. */
    private final class IntakeTarget implements Target {
        final SingleWriterRecorder handoff = new SingleWriterRecorder(3);
        private final RuntimeComponent runtime;
        private final CountingState state = new CountingState();
        private final long loopThread;

        IntakeTarget(String wait) {
            Map<String, Object> c = new HashMap<>();
            c.put(RuntimeConfig.WAIT_STRATEGY, wait);
            c.put(RuntimeConfig.QUEUE_CAPACITY, QUEUE_CAPACITY);
            c.put(RuntimeConfig.AUTO_START, false);
            c.put(JournalConfig.ENABLED, journal);
            if (journal) {
                c.put(JournalConfig.SYNC_INTERVAL, syncMillis);
                try {
                    c.put(JournalConfig.DIRECTORY, Files.createTempDirectory(workDir, "intake").resolve("journal")
                            .toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            runtime = new RuntimeComponent(c);
            Components.call(runtime, "bindState", state);
            loopThread = loopThreadId();
        }

        @Override
        public long consumerThreadId() {
            return loopThread;
        }

        @Override
        public RuntimeComponent runtime() {
            return runtime;
        }

        @Override
        public void publish(MarketDataEvent event) {
            runtime.publish(event);
        }

        @Override
        public long processed() {
            return state.applied.get();
        }

        @Override
        public long conflated() {
            return runtime.status().conflated();
        }

        @Override
        public void recordLatency(boolean on) {
            state.handoff = on ? handoff : null;
        }

        @Override
        public void close() {
            Components.call(runtime, "deactivate");
        }
    }

    /**
     * Limits that accept the bench's orders; with {@code bench.riskScopes=all} every risk control is on at every scope
     * it has (desk, strategy, account, each instrument, the venue), with values the orders stay within, so that the
     * cost of the checks themselves shows.
     */
    private Map<String, Object> riskLimits() {
        Map<String, Object> r = new HashMap<>(Map.of(
                "maxOrderQuantity", "1000",
                "maxOrderNotional", "1000000000",
                "maxPosition", "1000000",
                "priceBandBps", "10000",
                "maxOpenOrders", "100000",
                "maxOrdersPerSecond", "1000000",
                "maxCancelsPerSecond", "1000000",
                "selfCrossCheck", "false"));
        if (!"all".equals(System.getProperty("bench.riskScopes", ""))) {
            return r;
        }
        Map<String, String> big = Map.of("maxOrderQuantity", "1000", "maxOrderNotional", "1000000000",
                "maxPosition", "1000000", "priceBandBps", "10000", "priceCollarBps", "10000", "maxOpenOrders",
                "100000", "maxGrossExposure", "10000000000", "maxNetExposure", "10000000000", "maxLoss",
                "10000000000", "maxDailyLoss", "10000000000");
        for (Map.Entry<String, String> e : big.entrySet()) {
            String limit = e.getKey();
            r.put(limit, e.getValue());
            r.put(limit + ".strategy.bench", e.getValue());
            r.put(limit + ".strategy.*", e.getValue());
            r.put(limit + ".account.DEFAULT", e.getValue());
            r.put(limit + ".account.*", e.getValue());
            boolean capital = limit.startsWith("maxGross") || limit.startsWith("maxNet") || limit.contains("Loss");
            if (!capital) {
                if (!limit.equals("maxPosition")) {
                    r.put(limit + ".venue." + VENUE, e.getValue());
                }
                for (InstrumentId i : instruments) {
                    r.put(limit + ".instrument." + i, e.getValue());
                }
            }
        }
        r.put("priceCollarWindowMs", "60000");
        r.put("maxMessagesPerSecond.strategy.bench", "1000000");
        r.put("maxMessagesPerSecond.venue." + VENUE, "1000000");
        r.put("maxFillsPerWindow.strategy.bench", "1000000");
        r.put("fillWindowMs", "1000");
        r.put("duplicateWindowMs", "1");
        return r;
    }

    /**
     * With {@code bench.riskScopes=all}: reference data for every instrument (required, so that the risk stage looks
     * each order's up: tick, lot, min and max quantity), on a grid every bench order is on; else none.
     */
    private Map<String, Object> referenceData() {
        if (!"all".equals(System.getProperty("bench.riskScopes", ""))) {
            return Map.of();
        }
        Map<String, Object> d = new HashMap<>();
        d.put("reportingCurrency", "USD");
        d.put("refuseUnknownInstruments", "true");
        for (InstrumentId i : instruments) {
            String prefix = "instrument." + i + ".";
            d.put(prefix + "tickSize", "0.00000001");
            d.put(prefix + "lotSize", "0.00000001");
            d.put(prefix + "minQuantity", "0.00000001");
            d.put(prefix + "maxQuantity", "1000");
            d.put(prefix + "multiplier", "1");
            d.put(prefix + "currency", "USD");
        }
        return d;
    }

    /** The real chain: intake, state, strategy host with a {@link BenchStrategy}, risk, execution, a venue stub. */
    private final class ChainTarget implements Target {
        final SingleWriterRecorder handoff = new SingleWriterRecorder(3);
        final SingleWriterRecorder tickToOrder = new SingleWriterRecorder(3);
        final SingleWriterRecorder orderPath = new SingleWriterRecorder(3);
        private final LiveChain chain;
        private final BenchStrategy strategy;
        private final BenchVenue venue;
        private final AtomicLong records = new AtomicLong();
        private final Object collector;
        private final MetricRegistry registry;
        private final long loopThread;

        ChainTarget(int everyNth, boolean metrics) throws IOException {
            BenchStrategy.Probe probe = new BenchStrategy.Probe();
            strategy = new BenchStrategy(everyNth, probe);
            venue = new BenchVenue(VENUE, new LinkedHashSet<>(instruments), probe);
            LiveChain.Options o = new LiveChain.Options();
            o.clock = LiveChain.ClockKind.SYSTEM;
            o.waitStrategy = wait;
            o.queueCapacity = QUEUE_CAPACITY;
            o.stateDir = Files.createTempDirectory(workDir, "chain");
            o.venue = venue;
            o.sink = r -> records.incrementAndGet();
            o.risk = riskLimits();
            o.state = referenceData();
            o.strategy(strategy, "bench", "bench");
            if (journal) {
                o.runtime.put(JournalConfig.ENABLED, true);
                o.runtime.put(JournalConfig.SYNC_INTERVAL, syncMillis);
                o.runtime.put(JournalConfig.DIRECTORY, o.stateDir.resolve("journal").toString());
            }
            registry = metrics ? new MetricRegistry() : null;
            o.metricRegistry = registry;
            chain = new LiveChain(o);
            venue.attach(chain.runtime);
            CommandResult started = chain.execute(new Command.StartSession());
            if (!started.ok() || chain.host.strategies().stream().noneMatch(i -> i.running()
                    && i.id().value().equals("bench"))) {
                throw new IllegalStateException("the chain did not start: " + started);
            }
            collector = metrics ? startCollector(registry, chain) : null;
            loopThread = loopThreadId();
        }

        @Override
        public long consumerThreadId() {
            return loopThread;
        }

        @Override
        public RuntimeComponent runtime() {
            return chain.runtime;
        }

        @Override
        public void publish(MarketDataEvent event) {
            chain.runtime.publish(event);
        }

        @Override
        public long processed() {
            return strategy.marketData();
        }

        @Override
        public long conflated() {
            return chain.runtime.status().conflated();
        }

        @Override
        public void recordLatency(boolean on) {
            strategy.handoff = on ? handoff : null;
            venue.tickToOrder = on ? tickToOrder : null;
            venue.orderPath = on ? orderPath : null;
        }

        @Override
        public String extra() {
            Map<String, Long> c = chain.runtime.counters();
            return String.format(Locale.ROOT, "; %,d orders, %,d refused, %,d records%s", venue.orders(),
                    c.getOrDefault("intents.rejected", 0L), records.get(),
                    registry == null ? "" : ", " + registry.getMetrics().size() + " metrics registered");
        }

        @Override
        public void close() {
            if (collector != null) {
                Components.call(collector, "deactivate");
            }
            chain.close();
        }
    }

    /**
     * The metrics bundle's RuntimeCollector (refreshing every second: a state query through the loop, the status,
     * counters, strategies, limits), looked up reflectively so that this module does not compile against another
     * module's internals. Null (with a note) if it cannot be built.
     */
    private static Object startCollector(MetricRegistry registry, LiveChain chain) {
        try {
            Class<?> type = Class.forName("io.livestack.metrics.internal.RuntimeCollector");
            for (Constructor<?> c : type.getConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 2 && p[0] == MetricRegistry.class && p[1].isAnnotation()) {
                    Object config = Components.config(p[1], Map.of("refreshSeconds", 1, "queryTimeoutMillis", 2000L));
                    Object collector = c.newInstance(registry, config);
                    Components.inject(collector, "runtime", chain.runtime);
                    Components.inject(collector, "host", chain.host);
                    Components.inject(collector, "risk", chain.risk);
                    Components.inject(collector, "execution", chain.execution);
                    return collector;
                }
            }
            System.out.println("  (note: no RuntimeCollector(MetricRegistry, config) constructor: metrics on = "
                    + "registry in execution only)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("  (note: the metrics bundle's RuntimeCollector is not usable here (" + e
                    + "): metrics on = registry in execution only)");
        }
        return null;
    }

    /**
     * A state stage that only counts market data (and records the hand-off latency when asked); the rest is the test
     * kit's simple state, which the baseline never calls (it sees market data only).
     */
    private static final class CountingState extends SimpleState {
        final AtomicLong applied = new AtomicLong();
        volatile SingleWriterRecorder handoff;
        private long n;

        @Override
        public void apply(long seq, MarketDataEvent event) {
            applied.lazySet(++n);
            SingleWriterRecorder h = handoff;
            if (h != null) {
                h.recordValue(Math.max(0, System.nanoTime() - event.sourceTimeNanos()));
            }
        }
    }

    // ============================================================================================== helpers

    /** Pre-built market data over the instruments (consistent books per instrument, see {@link MarketFeed}). */
    private MarketDataEvent[] feed(int n) {
        List<MarketFeed> feeds = new ArrayList<>();
        for (int i = 0; i < instruments.size(); i++) {
            feeds.add(new MarketFeed(VENUE, instruments.get(i), Fixed.of(100 + 10 * i), Fixed.of(1) / 100, 1000 + i));
        }
        Random random = new Random(42);
        MarketDataEvent[] out = new MarketDataEvent[n];
        for (int i = 0; i < instruments.size() && i < n; i++) {
            out[i] = feeds.get(i).snapshot(i); // every book two-sided from the start
        }
        for (int i = instruments.size(); i < n; i++) {
            out[i] = feeds.get(random.nextInt(feeds.size())).next(i);
        }
        return out;
    }

    static WaitStrategy waitStrategy(String kind) {
        return switch (kind) {
            case "blocking" -> new BlockingWaitStrategy();
            case "sleeping" -> new PhasedBackoffWaitStrategy(20, 200, TimeUnit.MICROSECONDS,
                    new SleepingWaitStrategy(0, TimeUnit.MILLISECONDS.toNanos(1)));
            case "yielding" -> new YieldingWaitStrategy();
            case "busy-spin" -> new BusySpinWaitStrategy();
            default -> throw new IllegalArgumentException("bench.wait: unknown wait strategy " + kind);
        };
    }

    private static double medianOf(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double median(List<Throughput> runs) {
        double[] v = runs.stream().mapToDouble(Throughput::processedPerSecond).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String perRound(List<Throughput> off, List<Throughput> on) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(off.size(), on.size()); i++) {
            double a = off.get(i).processedPerSecond();
            double b = on.get(i).processedPerSecond();
            parts.add(String.format(Locale.ROOT, "%+.1f %%", 100.0 * (a - b) / a));
        }
        return String.join(", ", parts);
    }

    /** The harness waits for wall time to pass here (measurement windows), never for an outcome. */
    private static void pause(double s) throws InterruptedException {
        Thread.sleep((long) (s * 1000));
    }

    /** The live processing thread (one runtime at a time here). */
    private static long loopThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(AgentRunner.THREAD_NAME) && t.isAlive()) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no " + AgentRunner.THREAD_NAME + " thread");
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
        }
    }
}
