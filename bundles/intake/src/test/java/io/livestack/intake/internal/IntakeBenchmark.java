package io.livestack.intake.internal;

import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TradeTick;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.OrderView;
import io.livestack.intake.internal.Fakes.FakeAdapter;
import io.livestack.intake.internal.Fakes.FakeExecution;
import io.livestack.intake.internal.Fakes.FakeHost;
import io.livestack.intake.internal.Fakes.FakeRisk;
import io.livestack.intake.internal.Fakes.FakeState;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A rough harness, not a test: market data through intake → (trivial) state → a strategy that orders on every
 * 100th tick → risk → execution → a venue stub, with trivial stages so that what is measured is the intake and the
 * loop. Prints throughput (flat out) and tick-to-order latency at a fixed offered rate. Run with
 * {@code java -cp target/classes:target/test-classes:<deps> io.livestack.intake.internal.IntakeBenchmark}.
 */
public final class IntakeBenchmark {

    private static final VenueId VENUE = VenueId.of("SIM");
    private static final InstrumentId[] INSTRUMENTS = new InstrumentId[64];

    static {
        for (int i = 0; i < INSTRUMENTS.length; i++) {
            INSTRUMENTS[i] = InstrumentId.of("I" + i);
        }
    }

    /** Every instrument is listed. */
    private static final java.util.Set<InstrumentId> EVERYTHING = new java.util.AbstractSet<>() {
        @Override
        public boolean contains(Object o) {
            return o instanceof InstrumentId;
        }

        @Override
        public java.util.Iterator<InstrumentId> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    };

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String wait = args.length > 0 ? args[0] : "yielding";
        for (int round = 0; round < 8; round++) {
            loopCost(wait, 60_000);
        }
        throughput(wait, 5_000_000);
        latency(wait, 100_000, 3);
    }

    /**
     * The processing thread alone: the queue is filled while no state stage is bound (distinct instruments, so no
     * conflation), then the state is bound and the time to process everything is taken.
     */
    private static void loopCost(String wait, int events) {
        InstrumentId[] many = new InstrumentId[events];
        for (int i = 0; i < events; i++) {
            many[i] = InstrumentId.of("X" + i);
        }
        try (Bench b = new Bench(wait, 0)) {
            io.livestack.api.state.StateStore state = b.state;
            b.runtime.unbindState(state);
            b.runtime.query(s -> null); // completes exceptionally: just makes the loop notice
            long before = b.processed;
            for (int i = 0; i < events; i++) {
                b.runtime.publish(new TradeTick(VENUE, many[i], i, 100 + (i & 7), 1, Side.BUY));
            }
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long tid = loopThreadId();
            long cpu0 = mx.getThreadCpuTime(tid);
            long start = System.nanoTime();
            b.runtime.bindState(state);
            while (b.processed - before < events) {
                LockSupport.parkNanos(50_000);
            }
            long end = System.nanoTime();
            long cpu = mx.getThreadCpuTime(tid) - cpu0;
            System.out.printf("loop alone (%s): %d market data events (1 order per 100) in %.1f ms wall, %.1f ms CPU of "
                    + "the processing thread: %.0f ns CPU/event (%.2f M events/s per core)%n", wait, events,
                    (end - start) / 1e6, cpu / 1e6, cpu / (double) events, events / (cpu / 1e9) / 1e6);
        }
    }

    /** Stages that do (almost) nothing, so that the loop's own cost shows. */
    private static final class Bench implements AutoCloseable {
        final IntakeRuntime runtime;
        final long[] latencies;
        final FakeState state;
        int latencyCount;
        long orders;
        volatile long processed;

        Bench(String wait, int latencySamples) {
            Map<String, Object> c = new HashMap<>();
            c.put(RuntimeConfig.WAIT_STRATEGY, wait);
            c.put(RuntimeConfig.AUTO_START, "false");
            runtime = new IntakeRuntime(RuntimeConfig.from(c));
            runtime.bindClock(System::nanoTime);
            latencies = new long[latencySamples];
            state = new FakeState() {
                long n;

                @Override
                public void apply(long seq, MarketDataEvent event) {
                    processed = ++n;
                }
            };
            StrategyId sid = StrategyId.of("bench");
            FakeHost host = new FakeHost() {
                long n;

                @Override
                public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
                    if (event.event() instanceof TradeTick t && ++n % 100 == 0) {
                        intents.accept(new SubmitOrder(sid, context.nextClientOrderId(), t.venue(), t.instrument(),
                                Side.BUY, OrderType.LIMIT, TimeInForce.DAY, t.price(), 1));
                    }
                }
            }.running(sid);
            FakeAdapter adapter = new FakeAdapter(VENUE, INSTRUMENTS) {
                @Override
                public void submit(OrderView order) {
                    orders++;
                }

                @Override
                public java.util.Set<InstrumentId> instruments() {
                    return EVERYTHING;
                }
            };
            FakeExecution execution = new FakeExecution() {
                @Override
                public RiskDecision submit(SubmitOrder intent, ProcessingContext context) {
                    long latency = System.nanoTime() - context.now();
                    if (latencyCount < latencies.length) {
                        latencies[latencyCount++] = latency;
                    }
                    context.venue(intent.venue()).submit(null);
                    return RiskDecision.ACCEPT;
                }
            };
            runtime.bindVenue(adapter, adapter.properties());
            runtime.bindRisk(new FakeRisk());
            runtime.bindExecution(execution);
            runtime.bindHost(host);
            runtime.bindState(state);
            runtime.start();
            adapter.onConnect = () -> runtime.publish(new io.livestack.api.event.VenueSessionEvent(VENUE, 0,
                    VenueSessionState.LOGGED_ON, ""));
            try {
                runtime.execute(new io.livestack.api.event.Command.StartSession(), "bench").get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            runtime.close();
        }
    }

    private static void throughput(String wait, int events) {
        try (Bench b = new Bench(wait, 0)) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                b.runtime.publish(new TradeTick(VENUE, INSTRUMENTS[i & 63], i, 100 + (i & 7), 1, Side.BUY));
            }
            long published = System.nanoTime();
            long deadline = published + 30_000_000_000L;
            long conflated;
            while (true) {
                conflated = b.runtime.status().conflated();
                if (b.processed + conflated >= events || System.nanoTime() > deadline) {
                    break;
                }
                LockSupport.parkNanos(100_000);
            }
            long end = System.nanoTime();
            System.out.printf("throughput (%s): %d market data events published in %d ms, processed in %d ms: "
                    + "%.2f M events/s offered, %d applied, %d conflated, %d orders%n", wait, events,
                    (published - start) / 1_000_000, (end - start) / 1_000_000,
                    events / ((end - start) / 1e9) / 1e6, b.processed, conflated, b.orders);
        }
    }

    private static void latency(String wait, int ratePerSecond, int seconds) {
        int events = ratePerSecond * seconds;
        try (Bench b = new Bench(wait, events / 100 + 10)) {
            long interval = 1_000_000_000L / ratePerSecond;
            long next = System.nanoTime();
            for (int i = 0; i < events; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                b.runtime.publish(new TradeTick(VENUE, INSTRUMENTS[i & 63], i, 100, 1, Side.BUY));
                next += interval;
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (b.processed + b.runtime.status().conflated() < events && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            b.runtime.query(s -> null).join();
            long[] l = Arrays.copyOf(b.latencies, b.latencyCount);
            Arrays.sort(l);
            System.out.printf("tick-to-order (%s) at %d events/s: %d orders, p50 %.1f us, p99 %.1f us, "
                    + "p99.9 %.1f us, max %.1f us%n", wait, ratePerSecond, l.length, pct(l, 0.50), pct(l, 0.99),
                    pct(l, 0.999), l.length == 0 ? 0 : l[l.length - 1] / 1e3);
        }
    }

    private static long loopThreadId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(IntakeRuntime.THREAD_NAME)) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no processing thread");
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e3;
    }
}
