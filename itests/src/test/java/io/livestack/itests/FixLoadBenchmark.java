package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

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
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import io.livestack.itests.support.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;

/**
 * Load benchmark of the FIX path inside the distribution: a strategy registered by the test keeps a fixed number of
 * orders in flight to the FIX exchange simulator (IOC limit orders that do not cross: the venue acknowledges and
 * cancels each), through intake, risk, execution control, the FIX adapter, loopback TCP and back. It prints the
 * throughput and the round-trip latencies, measured on the intake clock (submit event to the acknowledgement's and
 * to the cancel's intake). Not a timed test: it fails only if orders are refused or lost. Not part of the default
 * integration tests (no IT suffix): {@code mvn -B verify -pl itests -Dit.test=FixLoadBenchmark}. 3000 orders, 8 in
 * flight.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FixLoadBenchmark extends LivestackTestSupport {

    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final StrategyId BENCH = StrategyId.of("fix-bench");
    static final int ORDERS = 3000;
    static final int IN_FLIGHT = 8;

    @Inject
    private LiveRuntime runtime;

    @Override
    protected Option[] extraOptions() {
        int port = FixVenueIT.freePort();
        File dir = new File("target/itest-config");
        return new Option[] {
            replaceConfigurationFile("etc/livestack.fixsim.cfg",
                    FixVenueIT.demoConfig(dir, "livestack.fixsim.cfg", port)),
            replaceConfigurationFile("etc/livestack.venue.fix-FIXSIM.cfg",
                    FixVenueIT.demoConfig(dir, "livestack.venue.fix-FIXSIM.cfg", port)),
            // the benchmark measures the path, not the throttles
            editConfigurationFilePut("etc/livestack.risk.cfg", "maxOrdersPerSecond", "1000000"),
            editConfigurationFilePut("etc/livestack.risk.cfg", "maxCancelsPerSecond", "1000000") };
    }

    @Test
    public void measuresOrderRoundTripsThroughTheChainAndTheFixSession() throws Exception {
        RuntimeDriver chain = new RuntimeDriver(runtime, "itest");
        Await.value("session RUNNING", Await.DEFAULT_TIMEOUT, () -> runtime.status().session(),
                s -> s == SessionState.RUNNING);
        Await.value("FIXSIM LOGGED_ON", Await.DEFAULT_TIMEOUT, () -> chain.venueState(FIXSIM),
                s -> s == VenueSessionState.LOGGED_ON);
        long[] bidAsk = Await.value("a two-sided book at FIXSIM", Await.DEFAULT_TIMEOUT,
                () -> chain.bidAsk(FIXSIM, BTC), b -> b != null);
        long price = bidAsk[0] - 100 * Fixed.parse("0.5");

        ClosedLoop strategy = new ClosedLoop(price);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Strategy.ID_PROPERTY, BENCH.value());
        props.put("livestack.strategy.kind", "benchmark");
        ServiceRegistration<Strategy> registration = bundleContext.registerService(Strategy.class, strategy, props);
        try {
            Await.until("the benchmark strategy started", Await.DEFAULT_TIMEOUT,
                    () -> chain.execute(new Command.StartStrategy(BENCH)).ok());
            assertTrue("all orders done within 10 minutes", strategy.done.await(10, TimeUnit.MINUTES));
            chain.execute(new Command.StopStrategy(BENCH));
        } finally {
            registration.unregister();
        }

        double seconds = (strategy.lastDone - strategy.firstSubmit) / 1e9;
        System.out.printf("FIX load benchmark: %d IOC orders, %d in flight, FIXSIM over loopback FIX 4.4%n"
                + "  throughput           %8.0f orders/s (%.1f s)%n"
                + "  submit -> NEW ack    %s%n"
                + "  submit -> CANCELED   %s%n", ORDERS, IN_FLIGHT, ORDERS / seconds, seconds,
                figures(strategy.ackNanos, strategy.acks), figures(strategy.doneNanos, strategy.completed));
        assertEquals("refused intents: " + strategy.refusals, 0, strategy.refusals.size());
        assertEquals("every order acknowledged", ORDERS, strategy.acks);
        assertEquals("every order done", ORDERS, strategy.completed);
    }

    private static String figures(long[] nanos, int count) {
        long[] s = Arrays.copyOf(nanos, count);
        Arrays.sort(s);
        return String.format("p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms", at(s, 0.5), at(s, 0.9),
                at(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    /**
     * Keeps {@link #IN_FLIGHT} orders in flight until {@link #ORDERS} are done; records latencies on the intake clock.
     * Runs on the processing thread only; the test reads the results after {@link #done}.
     */
    static final class ClosedLoop implements Strategy {
        final CountDownLatch done = new CountDownLatch(1);
        final long[] ackNanos = new long[ORDERS];
        final long[] doneNanos = new long[ORDERS];
        final Map<ClientOrderId, Long> submittedAt = new HashMap<>();
        final Map<RejectReason, Integer> refusals = new TreeMap<>();
        private final long price;
        int sent;
        int acks;
        int completed;
        long firstSubmit;
        long lastDone;

        ClosedLoop(long price) {
            this.price = price;
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
                    if (er.execType() == ExecType.NEW && acks < ORDERS) {
                        ackNanos[acks++] = latency;
                    }
                    if (er.orderStatus().isTerminal()) {
                        submittedAt.remove(er.clientOrderId());
                        doneNanos[completed++] = latency;
                        lastDone = event.intakeTimeNanos();
                        if (completed == ORDERS) {
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
            while (sent < ORDERS && submittedAt.size() < IN_FLIGHT && refusals.isEmpty()) {
                ClientOrderId id = context.submit(FIXSIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, price,
                        Fixed.parse("0.01"));
                submittedAt.put(id, context.now());
                sent++;
            }
        }
    }
}
