package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import io.livestack.fix.exchange.sim.ExchangeControl;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;

/**
 * Load benchmark of the FIX path inside the distribution, beside a baseline in the same run.
 * <ul>
 * <li><b>Live Stack</b>: a strategy registered by the test keeps {@code inFlight} orders in flight to the FIX
 * exchange simulator (IOC limit orders that do not cross: the venue acknowledges and cancels each) through intake,
 * risk, execution control, state, the FIX adapter, loopback TCP and back. Latencies on the intake clock: from the
 * intake of the event the strategy submitted on (the previous order's CANCELED report) to the intake of the NEW and
 * of the CANCELED report.</li>
 * <li><b>Baseline</b>: {@link FixBaselineClient}, a bare QuickFIX/J initiator in this probe with the adapter's session
 * settings, sending the same orders to the same simulator (its own CompID, same acceptor template) in the same closed
 * loop. Latencies from just before an order is built to the arrival of its reports.</li>
 * </ul>
 * A warm-up of each ({@code livestack.bench.warmupOrders}, default 10,000, with {@code inFlight} outstanding, then
 * one at a time), then {@code rounds} rounds (default 9) of: baseline and Live Stack with {@code inFlight} orders
 * outstanding (throughput; default 32, enough that both sides are CPU-bound: the Live Stack has one more thread
 * hand-off per report than the bare initiator, and with fewer orders outstanding it waits on those hand-offs rather
 * than on the CPU; the machine's idle share during the runs is printed to show it), then baseline and Live Stack
 * with one order at a time (latency without queueing: with several in
 * flight the latency is mostly the wait behind the others, Little's law); which of the two runs first alternates per
 * round. It prints every run, the medians, and the paired figures: per round the throughput ratio (target: Live
 * Stack at least 80 % of the baseline) and the p50 order→ack latency the Live Stack adds at one in flight (target:
 * under 50 µs), then their medians over the rounds. Not a timed test: it fails only if orders are refused or lost,
 * never on the figures.
 * Not part of the default integration tests (no IT suffix, failsafe does not pick it up):
 * <pre>
 * mvn -B verify -pl itests -Dit.test=FixLoadBenchmark [-Dlivestack.bench.waitStrategy=yielding]
 *     [-Dlivestack.bench.orders=3000] [-Dlivestack.bench.inFlight=32] [-Dlivestack.bench.rounds=9]
 *     [-Dlivestack.bench.commitIntervalMillis=10] [-Dlivestack.bench.withoutStorage=true]
 *     [-Dlivestack.bench.jfr=target/fixload.jfr [-Dlivestack.bench.jfr.settings=profile|/path/to.jfc]]
 * </pre>
 * {@code livestack.bench.waitStrategy} sets {@code waitStrategy} in etc/livestack.runtime.cfg (default: as shipped,
 * {@code parking}), {@code livestack.bench.commitIntervalMillis} storage's {@code commitIntervalMillis};
 * {@code -Dlivestack.bench.jfr=target/fixload.jfr} records a profile of the container JVM (with the given JFR
 * settings, {@code profile} by default); {@code -Dlivestack.bench.withoutStorage=true} stops the storage bundle
 * during the runs (a diagnosis of what persisting the execution records costs; intake buffers them meanwhile).
 * Before every run the benchmark waits until storage has made all records so far durable, so that no run pays for
 * the one before it, and a Live Stack run's throughput counts until its last record is durable. It also prints the CPU
 * time per order of each thread (the machine's cores are shared by everything in the JVM), the whole JVM's CPU and
 * GC time per order, and the machine's busy/idle/steal split. The figures go to
 * target/failsafe-reports/io.livestack.itests.FixLoadBenchmark-output.txt.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FixLoadBenchmark extends LivestackTestSupport {

    /** The storage bundle's status (backlog), or null while it is stopped for the diagnosis. */
    private StorageMonitor storageMonitor;

    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final long QUANTITY = Fixed.parse("0.01");
    static final String ORDERS_PROPERTY = "livestack.bench.orders";
    static final String IN_FLIGHT_PROPERTY = "livestack.bench.inFlight";
    static final String ROUNDS_PROPERTY = "livestack.bench.rounds";
    static final String WAIT_STRATEGY_PROPERTY = "livestack.bench.waitStrategy";
    /** Storage's group commit interval for the run (etc/livestack.storage.cfg commitIntervalMillis). */
    static final String COMMIT_INTERVAL_PROPERTY = "livestack.bench.commitIntervalMillis";
    static final String JFR_PROPERTY = "livestack.bench.jfr";
    static final String WARMUP_PROPERTY = "livestack.bench.warmupOrders";
    /** Diagnosis only: stop the storage bundle during the runs (intake then buffers the records). */
    static final String WITHOUT_STORAGE_PROPERTY = "livestack.bench.withoutStorage";
    static final String STORAGE_BUNDLE = "io.livestack.storage";
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Override
    protected Option[] extraOptions() {
        int port = FixVenueIT.freePort();
        File dir = new File("target/itest-config");
        List<Option> options = new ArrayList<>(List.of(
            replaceConfigurationFile("etc/livestack.fixsim.cfg",
                    FixVenueIT.demoConfig(dir, "livestack.fixsim.cfg", port)),
            replaceConfigurationFile("etc/livestack.venue.fix-FIXSIM.cfg",
                    FixVenueIT.demoConfig(dir, "livestack.venue.fix-FIXSIM.cfg", port)),
            // the benchmark measures the path, not the throttles
            editConfigurationFilePut("etc/livestack.risk.cfg", "maxOrdersPerSecond", "1000000"),
            editConfigurationFilePut("etc/livestack.risk.cfg", "maxCancelsPerSecond", "1000000"),
            systemProperty(ORDERS_PROPERTY).value(System.getProperty(ORDERS_PROPERTY, "3000")),
            systemProperty(IN_FLIGHT_PROPERTY).value(System.getProperty(IN_FLIGHT_PROPERTY, "32")),
            systemProperty(ROUNDS_PROPERTY).value(System.getProperty(ROUNDS_PROPERTY, "9")),
            systemProperty(WARMUP_PROPERTY).value(System.getProperty(WARMUP_PROPERTY, "10000")),
            systemProperty(WITHOUT_STORAGE_PROPERTY).value(System.getProperty(WITHOUT_STORAGE_PROPERTY, "false"))));
        String jfr = System.getProperty(JFR_PROPERTY, "");
        if (!jfr.isBlank()) { // a profile of the container JVM, e.g. -Dlivestack.bench.jfr=target/fixload.jfr
            options.add(vmOption("-XX:FlightRecorderOptions=stackdepth=256"));
            options.add(vmOption("-XX:StartFlightRecording=filename=" + new File(jfr).getAbsolutePath()
                    + ",settings=" + System.getProperty(JFR_PROPERTY + ".settings", "profile")));
        }
        String commitInterval = System.getProperty(COMMIT_INTERVAL_PROPERTY, "");
        if (!commitInterval.isBlank()) {
            options.add(editConfigurationFilePut("etc/livestack.storage.cfg", "commitIntervalMillis", commitInterval));
        }
        String waitStrategy = System.getProperty(WAIT_STRATEGY_PROPERTY, "");
        if (!waitStrategy.isBlank()) {
            options.add(editConfigurationFilePut("etc/livestack.runtime.cfg", "waitStrategy", waitStrategy));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void measuresOrderRoundTripsThroughTheChainBesideABareQuickFixInitiator() throws Exception {
        int orders = Integer.getInteger(ORDERS_PROPERTY, 3000);
        int inFlight = Integer.getInteger(IN_FLIGHT_PROPERTY, 32);
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, 9);
        RuntimeDriver chain = new RuntimeDriver(runtime, "itest");
        Await.value("session RUNNING", Await.DEFAULT_TIMEOUT, () -> runtime.status().session(),
                s -> s == SessionState.RUNNING);
        Await.value("FIXSIM LOGGED_ON", Await.DEFAULT_TIMEOUT, () -> chain.venueState(FIXSIM),
                s -> s == VenueSessionState.LOGGED_ON);
        long[] bidAsk = Await.value("a two-sided book at FIXSIM", Await.DEFAULT_TIMEOUT,
                () -> chain.bidAsk(FIXSIM, BTC), b -> b != null);
        long price = bidAsk[0] - 100 * Fixed.parse("0.5");
        ExchangeControl exchange = service(ExchangeControl.class);

        boolean withoutStorage = Boolean.getBoolean(WITHOUT_STORAGE_PROPERTY);
        Bundle storage = bundle(STORAGE_BUNDLE);
        if (withoutStorage && storage != null) {
            storage.stop();
        }
        storageMonitor = withoutStorage ? null : service(StorageMonitor.class);

        Path baselineDir = Path.of(bundleContext.getProperty("karaf.data"), "bench-baseline");
        int latencyOrders = Math.max(200, orders / 3);
        List<Figures> baseline = new ArrayList<>();
        List<Figures> live = new ArrayList<>();
        List<Figures> baselineOneByOne = new ArrayList<>();
        List<Figures> liveOneByOne = new ArrayList<>();
        Map<String, Long> baselineCpu = new TreeMap<>();
        Map<String, Long> liveCpu = new TreeMap<>();
        Usage baselineUsage = Usage.ZERO;
        Usage liveUsage = Usage.ZERO;
        try (FixBaselineClient bare = new FixBaselineClient(baselineDir, exchange.port(), "BASELINE", "FIXSIM",
                "demo")) {
            bare.logOn(Await.DEFAULT_TIMEOUT);
            // warm-up of both paths (JIT, simulator), not reported: both loads, long enough for C2
            int warmup = Integer.getInteger(WARMUP_PROPERTY, 10_000);
            runLiveStack(chain, "warmup", warmup, inFlight, price);
            bare.run("BW", warmup, inFlight, BTC.value(), Fixed.toBigDecimal(price), Fixed.toBigDecimal(QUANTITY),
                    RUN_TIMEOUT);
            runLiveStack(chain, "warmup-1", latencyOrders, 1, price);
            bare.run("BW1", latencyOrders, 1, BTC.value(), Fixed.toBigDecimal(price), Fixed.toBigDecimal(QUANTITY),
                    RUN_TIMEOUT);
            for (int round = 1; round <= rounds; round++) {
                // paired runs, the order alternating per round so that a drift of the machine's load favours
                // neither side; throughput: inFlight orders outstanding (latencies include the queueing)
                boolean baselineFirst = round % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    awaitDurable();
                    Map<String, long[]> before = threadCpu();
                    Usage usage = Usage.now();
                    if ((side == 0) == baselineFirst) {
                        baseline.add(bare.run("B" + round, orders, inFlight, BTC.value(), Fixed.toBigDecimal(price),
                                Fixed.toBigDecimal(QUANTITY), RUN_TIMEOUT));
                        addDelta(baselineCpu, before, threadCpu());
                        baselineUsage = baselineUsage.plus(Usage.now().minus(usage));
                    } else {
                        live.add(runLiveStack(chain, Integer.toString(round), orders, inFlight, price));
                        addDelta(liveCpu, before, threadCpu());
                        liveUsage = liveUsage.plus(Usage.now().minus(usage));
                    }
                }
                // latency: one order at a time, nothing queues
                for (int side = 0; side < 2; side++) {
                    awaitDurable();
                    if ((side == 0) == baselineFirst) {
                        baselineOneByOne.add(bare.run("BL" + round, latencyOrders, 1, BTC.value(),
                                Fixed.toBigDecimal(price), Fixed.toBigDecimal(QUANTITY), RUN_TIMEOUT));
                    } else {
                        liveOneByOne.add(runLiveStack(chain, "latency-" + round, latencyOrders, 1, price));
                    }
                }
            }
        } finally {
            if (withoutStorage && storage != null) {
                storage.start();
            }
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format("FIX load benchmark: IOC orders, FIX 4.4 over loopback to the in-container FIX "
                + "exchange simulator; intake wait strategy %s%s%n", configuredWaitStrategy(),
                withoutStorage ? "; storage bundle STOPPED (diagnosis: records buffered, not written)" : ""));
        out.append(String.format("  %-30s %6s %9s %10s  %-42s %-42s %s%n", "run", "orders", "in flight", "orders/s",
                "order -> NEW ack (us)", "order -> CANCELED (us)", "records durable after the last order (ms)"));
        for (int i = 0; i < rounds; i++) {
            out.append(baseline.get(i).line("baseline (bare QuickFIX/J) " + (i + 1), inFlight));
            out.append(live.get(i).line("Live Stack " + (i + 1), inFlight));
            out.append(baselineOneByOne.get(i).line("baseline (bare QuickFIX/J) " + (i + 1), 1));
            out.append(liveOneByOne.get(i).line("Live Stack " + (i + 1), 1));
        }
        double baseTput = median(baseline, Figures::throughput);
        double liveTput = median(live, Figures::throughput);
        double baseP50 = median(baselineOneByOne, f -> f.ackMicros(0.5));
        double liveP50 = median(liveOneByOne, f -> f.ackMicros(0.5));
        // paired: each round's Live Stack run against the baseline run next to it, then the median over rounds
        List<Double> ratios = new ArrayList<>();
        List<Double> added = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(live.get(i).throughput() / baseline.get(i).throughput());
            added.add(liveOneByOne.get(i).ackMicros(0.5) - baselineOneByOne.get(i).ackMicros(0.5));
        }
        double ratio = medianOf(ratios);
        double addedP50 = medianOf(added);
        out.append(String.format("  medians of %d rounds: throughput (%d in flight) baseline %.0f, Live Stack %.0f "
                + "orders/s; order -> ack p50 (1 in flight) baseline %.1f us, Live Stack %.1f us%n", rounds,
                inFlight, baseTput, liveTput, baseP50, liveP50));
        out.append(String.format("  per round: throughput Live Stack / baseline %s; added p50 (us) %s%n",
                format(ratios, "%.2f"), format(added, "%.0f")));
        out.append(String.format("  Live Stack / baseline throughput = %.2f, median of the rounds (target >= 0.80): "
                + "%s%n", ratio, ratio >= 0.8 ? "met" : "NOT met"));
        out.append(String.format("  added p50 order -> ack latency = %.1f us, median of the rounds (target < 50 us):"
                + " %s%n", addedP50, addedP50 < 50 ? "met" : "NOT met"));
        out.append(String.format("  CPU time per order in the throughput runs, by thread (us; whole JVM, %d cores):%n",
                Runtime.getRuntime().availableProcessors()));
        out.append(cpuTable("baseline", baselineCpu, rounds * (long) orders));
        out.append(cpuTable("Live Stack", liveCpu, rounds * (long) orders));
        out.append(String.format("  The whole container JVM during the throughput runs (with GC and JIT threads, which the table above"
                + " does not list), and the machine (/proc/stat):%n"));
        out.append(baselineUsage.line("baseline", rounds * (long) orders));
        out.append(liveUsage.line("Live Stack", rounds * (long) orders));
        System.out.print(out);
    }

    // ------------------------------------------------------------------------------------------ CPU per thread

    /**
     * What a run used: the container JVM's CPU time (all threads, GC and JIT included), its GC time, and the
     * machine's CPU time split (/proc/stat jiffies: busy, idle, steal; zeros where there is no /proc/stat).
     */
    record Usage(long processCpuNanos, long gcMillis, long busyJiffies, long idleJiffies, long stealJiffies) {
        static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

        static Usage now() {
            long gc = 0;
            for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, b.getCollectionTime());
            }
            long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long busy = 0;
            long idle = 0;
            long steal = 0;
            try {
                // "cpu  user nice system idle iowait irq softirq steal ..."
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    long v = Long.parseLong(f[i]);
                    if (i == 4 || i == 5) {
                        idle += v;
                    } else if (i == 8) {
                        steal += v;
                    } else {
                        busy += v;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not Linux: the machine's split stays unknown (zeros)
            }
            return new Usage(cpu, gc, busy, idle, steal);
        }

        Usage minus(Usage o) {
            return new Usage(processCpuNanos - o.processCpuNanos, gcMillis - o.gcMillis, busyJiffies - o.busyJiffies,
                    idleJiffies - o.idleJiffies, stealJiffies - o.stealJiffies);
        }

        Usage plus(Usage o) {
            return new Usage(processCpuNanos + o.processCpuNanos, gcMillis + o.gcMillis, busyJiffies + o.busyJiffies,
                    idleJiffies + o.idleJiffies, stealJiffies + o.stealJiffies);
        }

        String line(String label, long orders) {
            long all = Math.max(1, busyJiffies + idleJiffies + stealJiffies);
            return String.format("    %-10s JVM CPU %6.1f us/order (GC pauses %.1f us/order); machine busy %.0f %%, idle"
                    + " %.0f %%, steal %.0f %%%n", label, processCpuNanos / 1e3 / orders, gcMillis * 1e3 / orders,
                    100.0 * busyJiffies / all, 100.0 * idleJiffies / all, 100.0 * stealJiffies / all);
        }
    }

    /** CPU time (ns) of every live thread by id, with its name: {id -> [cpu]} keyed "name#id". */
    private static Map<String, long[]> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, long[]> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadName() + "#" + info.getThreadId(), new long[] {t});
                }
            }
        }
        return cpu;
    }

    /** Adds the CPU each thread used between two snapshots, grouped by thread name without trailing numbers. */
    private static void addDelta(Map<String, Long> total, Map<String, long[]> from, Map<String, long[]> to) {
        for (Map.Entry<String, long[]> e : to.entrySet()) {
            long[] start = from.get(e.getKey());
            long used = e.getValue()[0] - (start == null ? 0 : start[0]);
            String name = e.getKey().substring(0, e.getKey().lastIndexOf('#')).replaceAll("[-# ]*\\d+$", "");
            total.merge(name, used, Long::sum);
        }
    }

    private static String cpuTable(String label, Map<String, Long> cpu, long orders) {
        long all = cpu.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder s = new StringBuilder(String.format("    %-10s total %7.1f us/order:", label, all / 1e3 / orders));
        cpu.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> s.append(String.format(" %s %.1f;", e.getKey(), e.getValue() / 1e3 / orders)));
        return s.append(System.lineSeparator()).toString();
    }

    /** waitStrategy of etc/livestack.runtime.cfg as Config Admin has it (absent: the runtime's default). */
    private String configuredWaitStrategy() throws Exception {
        org.osgi.service.cm.Configuration c = configurationAdmin.getConfiguration("livestack.runtime", "?");
        Object value = c.getProperties() == null ? null : c.getProperties().get("waitStrategy");
        return value == null ? "default" : value.toString();
    }

    private Figures runLiveStack(RuntimeDriver chain, String name, int orders, int inFlight, long price)
            throws InterruptedException {
        StrategyId id = StrategyId.of("fix-bench-" + name);
        ClosedLoop strategy = new ClosedLoop(orders, inFlight, price);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Strategy.ID_PROPERTY, id.value());
        props.put("livestack.strategy.kind", "benchmark");
        long tailNanos;
        ServiceRegistration<Strategy> registration = bundleContext.registerService(Strategy.class, strategy, props);
        try {
            Await.until("the benchmark strategy " + id + " started", Await.DEFAULT_TIMEOUT,
                    () -> chain.execute(new Command.StartStrategy(id)).ok());
            assertTrue(id + ": all orders done within " + RUN_TIMEOUT,
                    strategy.done.await(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            tailNanos = awaitDurable();
            chain.execute(new Command.StopStrategy(id));
        } finally {
            registration.unregister();
        }
        assertEquals(id + ": refused intents: " + strategy.refusals, 0, strategy.refusals.size());
        assertEquals(id + ": every order acknowledged", orders, strategy.acks);
        assertEquals(id + ": every order done", orders, strategy.completed);
        return new Figures(id.value(), orders, strategy.lastDone - strategy.firstSubmit, tailNanos, strategy.ackNanos,
                strategy.doneNanos);
    }

    /**
     * Waits until storage has made every record accepted so far durable (backlog 0); how long that took (ns; 0 when
     * the storage bundle is stopped for the diagnosis). Called before every run, so that no run pays for the records
     * of the one before it, and after each Live Stack run, whose throughput counts until its last record is durable.
     */
    private long awaitDurable() {
        if (storageMonitor == null) {
            return 0;
        }
        long start = System.nanoTime();
        Await.value("every record durable (storage backlog 0)", RUN_TIMEOUT, Duration.ofNanos(100_000),
                storageMonitor::status, s -> s.backlog() == 0);
        return System.nanoTime() - start;
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        java.util.Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values, String pattern) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(pattern, v));
        }
        return b.toString();
    }

    private static double median(List<Figures> runs, ToDoubleFunction<Figures> figure) {
        return medianOf(runs.stream().map(figure::applyAsDouble).toList());
    }

    /** The outcome of one run: elapsed time from the first order to the last one done, latencies per order. */
    static final class Figures {
        final String name;
        final int orders;
        final long elapsedNanos;
        final long tailNanos;
        final long[] ackSorted;
        final long[] doneSorted;

        /**
         * @param elapsedNanos from the first order to the last one done
         * @param tailNanos from then until the last record was durable (0: nothing to persist)
         */
        Figures(String name, int orders, long elapsedNanos, long tailNanos, long[] ackNanos, long[] doneNanos) {
            this.name = name;
            this.orders = orders;
            this.elapsedNanos = elapsedNanos;
            this.tailNanos = tailNanos;
            this.ackSorted = ackNanos.clone();
            this.doneSorted = doneNanos.clone();
            Arrays.sort(ackSorted);
            Arrays.sort(doneSorted);
        }

        /** Orders per second, until the last order was done and its records durable. */
        double throughput() {
            return orders / ((elapsedNanos + tailNanos) / 1e9);
        }

        double ackMicros(double quantile) {
            return at(ackSorted, quantile);
        }

        String line(String label, int inFlight) {
            return String.format("  %-30s %6d %9d %10.0f  %-42s %-42s %s%n", label, orders, inFlight, throughput(),
                    figures(ackSorted), figures(doneSorted), tailNanos == 0 ? "" : String.format("%.1f",
                            tailNanos / 1e6));
        }

        private static String figures(long[] sorted) {
            return String.format("p50 %6.0f p90 %6.0f p99 %6.0f max %6.0f", at(sorted, 0.5), at(sorted, 0.9),
                    at(sorted, 0.99), sorted[sorted.length - 1] / 1e3);
        }

        private static double at(long[] sorted, double q) {
            return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e3;
        }
    }

    /**
     * Keeps {@code inFlight} orders in flight until {@code orders} are done; records latencies on the intake clock.
     * Runs on the processing thread only; the test reads the results after {@link #done}.
     */
    static final class ClosedLoop implements Strategy {
        final CountDownLatch done = new CountDownLatch(1);
        final int orders;
        final int inFlight;
        final long[] ackNanos;
        final long[] doneNanos;
        final Map<ClientOrderId, Long> submittedAt = new HashMap<>();
        final Map<RejectReason, Integer> refusals = new TreeMap<>();
        private final long price;
        int sent;
        int acks;
        int completed;
        long firstSubmit;
        long lastDone;

        ClosedLoop(int orders, int inFlight, long price) {
            this.orders = orders;
            this.inFlight = inFlight;
            this.price = price;
            this.ackNanos = new long[orders];
            this.doneNanos = new long[orders];
        }

        @Override
        public void onStart(StrategyContext context) {
            firstSubmit = context.now();
            refill(context);
        }

        @Override
        public void onEvent(Sequenced event, StrategyContext context) {
            if (event.event() instanceof ExecutionReport er && er.venue().equals(FIXSIM)) {
                Long at = submittedAt.get(er.clientOrderId());
                if (at != null) {
                    long latency = event.intakeTimeNanos() - at;
                    if (er.execType() == ExecType.NEW && acks < orders) {
                        ackNanos[acks++] = latency;
                    }
                    if (er.orderStatus().isTerminal()) {
                        submittedAt.remove(er.clientOrderId());
                        doneNanos[completed++] = latency;
                        lastDone = event.intakeTimeNanos();
                        if (completed == orders) {
                            done.countDown();
                        }
                    }
                }
            }
            refill(context);
        }

        @Override
        public void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
            refusals.merge(reason, 1, Integer::sum);
            done.countDown();
        }

        private void refill(StrategyContext context) {
            while (sent < orders && submittedAt.size() < inFlight && refusals.isEmpty()) {
                ClientOrderId id = context.submit(FIXSIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, price,
                        QUANTITY);
                submittedAt.put(id, context.now());
                sent++;
            }
        }
    }
}
