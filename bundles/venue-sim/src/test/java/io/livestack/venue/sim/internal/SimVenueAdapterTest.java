package io.livestack.venue.sim.internal;

import static io.livestack.venue.sim.internal.SimFixtures.BTC;
import static io.livestack.venue.sim.internal.SimFixtures.SIM;
import static io.livestack.venue.sim.internal.SimFixtures.limit;
import static io.livestack.venue.sim.internal.SimFixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.telemetry.MetricNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimVenueAdapterTest {

    private static final long WAIT_SECONDS = 5;

    /** Collects published events; can hold the publishing (venue) thread at a gate. */
    private static final class FakeIntake implements EventIntake {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Set<String> threads = new CopyOnWriteArraySet<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public void publish(Event event) {
            threads.add(Thread.currentThread().getName());
            try {
                gate.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add(event);
        }

        @Override
        public boolean offer(Event event, long timeout, TimeUnit unit) {
            publish(event);
            return true;
        }

        @Override
        public int queueDepth() {
            return events.size();
        }
    }

    private final FakeIntake intake = new FakeIntake();
    private ScheduledExecutorService executor;
    private SimVenueAdapter adapter;

    private SimVenueAdapter adapter(long reconcileTimeoutMillis) {
        return adapter(reconcileTimeoutMillis, System::nanoTime);
    }

    private SimVenueAdapter adapter(long reconcileTimeoutMillis, LongSupplier nanoClock) {
        SimVenueSettings settings = new SimVenueSettings(SIM, Map.of(BTC, Fixed.of(100)), Fixed.parse("0.01"), 2, 50,
                60_000, 3, Fixed.of(1), 1, 9, 1_000, reconcileTimeoutMillis);
        executor = SimVenueAdapter.newExecutor(SIM);
        long[] clock = { 0 };
        adapter = new SimVenueAdapter(settings, intake, () -> ++clock[0], executor, "T", nanoClock);
        return adapter;
    }

    @AfterEach
    void stop() {
        intake.gate.countDown();
        if (adapter != null) {
            adapter.close();
        }
    }

    /** Waits for the first event matching; returns it with everything before it. */
    private List<Event> until(Predicate<Event> wanted) throws InterruptedException {
        List<Event> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Event event = intake.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            seen.add(event);
            if (wanted.test(event)) {
                return seen;
            }
        }
        throw new AssertionError("no matching event within " + WAIT_SECONDS + " s; saw " + seen);
    }

    private static Predicate<Event> session(VenueSessionState state) {
        return e -> e instanceof VenueSessionEvent s && s.state() == state;
    }

    private void logOn() throws InterruptedException {
        adapter.connect();
        until(session(VenueSessionState.RECONCILING));
        adapter.reconcile(List.of());
        until(session(VenueSessionState.LOGGED_ON));
    }

    @Test
    void connectGoesThroughConnectingAndReconcilingToLoggedOnThenDisconnectLogsOut() throws Exception {
        adapter(0);
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.DISCONNECTED);

        adapter.connect();
        List<Event> first = until(session(VenueSessionState.RECONCILING));
        assertThat(first).extracting(e -> ((VenueSessionEvent) e).state()).containsExactly(
                VenueSessionState.CONNECTING, VenueSessionState.RECONCILING);
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.RECONCILING);

        adapter.reconcile(List.of());
        List<Event> logon = until(session(VenueSessionState.LOGGED_ON));
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);
        assertThat(logon).as("the book goes out just before LOGGED_ON").hasSize(2).first()
                .isInstanceOf(BookSnapshot.class);

        adapter.disconnect();
        until(session(VenueSessionState.LOGGED_OUT));
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_OUT);
    }

    @Test
    void connectRightAfterDisconnectLogsOutThenLogsOnAgainKeepingTheRestingOrders() throws Exception {
        adapter(0);
        logOn();
        adapter.submit(limit("R1", Side.BUY, "99", "1"));
        List<Event> acked = until(e -> e instanceof ExecutionReport r && r.execType() == ExecType.NEW);
        ExecutionReport ack = (ExecutionReport) acked.get(acked.size() - 1);

        // the runtime's session stop then session start: both calls at once
        adapter.disconnect();
        adapter.connect();
        List<Event> events = until(session(VenueSessionState.RECONCILING));
        assertThat(events).filteredOn(VenueSessionEvent.class::isInstance)
                .extracting(e -> ((VenueSessionEvent) e).state()).containsExactly(VenueSessionState.LOGGED_OUT,
                        VenueSessionState.CONNECTING, VenueSessionState.RECONCILING);
        adapter.reconcile(List.of(SimFixtures.acknowledged(limit("R1", Side.BUY, "99", "1"),
                ack.venueOrderId().value(), OrderStatus.NEW, "0")));
        events = until(session(VenueSessionState.LOGGED_ON));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ExecutionReport.class, r -> {
            assertThat(r.execType()).isEqualTo(ExecType.ORDER_STATUS);
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("R1"));
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
        }));
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);

        adapter.submit(limit("R2", Side.BUY, "98", "1"));
        until(e -> e instanceof ExecutionReport r && r.execType() == ExecType.NEW
                && r.clientOrderId().equals(ClientOrderId.of("R2")));
    }

    @Test
    void reconciliationAnswersWithTheStatusOfTheOpenOrdersBeforeLoggingOn() throws Exception {
        adapter(0);
        adapter.connect();
        until(session(VenueSessionState.RECONCILING));

        adapter.reconcile(List.of(limit("OLD", Side.BUY, "99", "1")));

        List<Event> events = until(session(VenueSessionState.LOGGED_ON));
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isInstanceOf(BookSnapshot.class);
        assertThat(events.get(0)).isInstanceOfSatisfying(ExecutionReport.class, r -> {
            assertThat(r.execType()).isEqualTo(ExecType.ORDER_STATUS);
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("OLD"));
        });
    }

    @Test
    void logsOnAnywayWhenNobodyAsksForReconciliation() throws Exception {
        adapter(50);
        adapter.connect();
        List<Event> events = until(session(VenueSessionState.LOGGED_ON));
        assertThat(((VenueSessionEvent) events.get(events.size() - 1)).detail())
                .contains("no reconciliation requested");
    }

    @Test
    void refusesOrdersCancelsAndReplacesWhileNotLoggedOn() throws Exception {
        adapter(0);
        adapter.submit(limit("X1", Side.BUY, "99", "1"));
        adapter.cancel(limit("X1", Side.BUY, "99", "1"), ClientOrderId.of("X2"));
        adapter.replace(limit("X1", Side.BUY, "99", "1"), ClientOrderId.of("X3"), Fixed.of(98), Fixed.of(1));

        List<Event> events = until(e -> e instanceof OrderCancelRejected r && r.replace());
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOfSatisfying(ExecutionReport.class, r -> {
            assertThat(r.execType()).isEqualTo(ExecType.REJECTED);
            assertThat(r.text()).contains("not logged on");
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(OrderCancelRejected.class,
                r -> assertThat(r.replace()).isFalse());
    }

    @Test
    void tradesOnceLoggedOn() throws Exception {
        adapter(0);
        logOn();

        adapter.submit(order("X1", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, "100.01", "2"));

        List<Event> events = until(e -> e instanceof ExecutionReport r && r.execType() == ExecType.CANCELED);
        assertThat(events.stream().filter(ExecutionReport.class::isInstance).map(ExecutionReport.class::cast))
                .extracting(ExecutionReport::execType)
                .containsExactly(ExecType.NEW, ExecType.TRADE, ExecType.CANCELED);
    }

    @Test
    void publishesMarketDataOnlyWhileLoggedOn() throws Exception {
        adapter(0);
        adapter.stepNow().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(intake.events).as("disconnected: no market data").isEmpty();

        logOn();
        intake.events.clear();
        adapter.stepNow().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(intake.events).hasAtLeastOneElementOfType(TradeTick.class)
                .allMatch(e -> e instanceof TradeTick || e instanceof BookDelta);

        adapter.disconnect();
        until(session(VenueSessionState.LOGGED_OUT));
        adapter.stepNow().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(intake.events).noneMatch(MarketDataEvent.class::isInstance);
    }

    @Test
    void itsMethodsReturnAtOnceWhileTheVenueThreadIsBusyAndItPublishesOnlyFromThatThread() throws Exception {
        adapter(0);
        intake.gate = new CountDownLatch(1);
        adapter.connect(); // the venue thread now blocks publishing CONNECTING

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            adapter.submit(limit("X1", Side.BUY, "99", "1"));
            adapter.cancel(limit("X1", Side.BUY, "99", "1"), ClientOrderId.of("X2"));
            adapter.replace(limit("X1", Side.BUY, "99", "1"), ClientOrderId.of("X3"), Fixed.of(98), Fixed.of(1));
            adapter.reconcile(List.of());
            adapter.disconnect();
            assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.CONNECTING);
        });
        assertThat(intake.events).isEmpty();

        intake.gate.countDown();
        until(session(VenueSessionState.LOGGED_OUT));
        assertThat(intake.threads).containsExactly("livestack-venue-sim-SIM");
    }

    @Test
    void closingLogsOutThenStopsTheVenueThreadAndLaterCallsAreDroppedQuietly() throws Exception {
        adapter(0);
        logOn();

        adapter.close();

        assertThat(intake.events).last().isInstanceOfSatisfying(VenueSessionEvent.class,
                e -> assertThat(e.state()).isEqualTo(VenueSessionState.LOGGED_OUT));
        assertThat(adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_OUT);
        assertThat(executor.isTerminated()).isTrue();
        adapter.submit(limit("X1", Side.BUY, "99", "1"));
        adapter.connect();
        assertThatThrownBy(() -> adapter.stepNow()).isInstanceOf(
                java.util.concurrent.RejectedExecutionException.class);
        adapter = null;
    }

    @Test
    void closingADisconnectedVenuePublishesNothing() {
        adapter(0);
        adapter.close();
        assertThat(intake.events).isEmpty();
        assertThat(executor.isTerminated()).isTrue();
        adapter = null;
    }

    // ------------------------------------------------------------------------------------------ metrics

    private static final String IN = MetricNames.tagged(MetricNames.VENUE_MESSAGES_IN, "venue", "SIM");
    private static final String OUT = MetricNames.tagged(MetricNames.VENUE_MESSAGES_OUT, "venue", "SIM");
    private static final String RECONNECTS = MetricNames.tagged(MetricNames.VENUE_RECONNECTS, "venue", "SIM");
    private static final String LAG = MetricNames.tagged(MetricNames.VENUE_HEARTBEAT_LAG, "venue", "SIM");

    private static long count(MetricRegistry registry, String name) {
        assertThat(registry.getCounters()).containsKey(name);
        return registry.getCounters().get(name).getCount();
    }

    private static Object lag(MetricRegistry registry) {
        assertThat(registry.getGauges()).containsKey(LAG);
        return registry.getGauges().get(LAG).getValue();
    }

    @Test
    void countsWhatTheVenueSendsAsMessagesInRequestsAsMessagesOutAndLaterLogonsAsReconnects() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        adapter(0).bindMetrics(registry);
        List<Event> seen = new ArrayList<>();
        adapter.connect();
        seen.addAll(until(session(VenueSessionState.RECONCILING)));
        adapter.reconcile(List.of());
        seen.addAll(until(session(VenueSessionState.LOGGED_ON)));
        adapter.submit(order("X1", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, "100.01", "2"));
        seen.addAll(until(e -> e instanceof ExecutionReport r && r.execType() == ExecType.CANCELED));
        executor.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS); // the venue thread is done with the order
        intake.events.drainTo(seen);

        long reports = seen.stream().filter(e -> !(e instanceof VenueSessionEvent)).count();
        assertThat(reports).as("snapshot, NEW, TRADE, CANCELED, ...").isGreaterThanOrEqualTo(4);
        assertThat(count(registry, IN)).isEqualTo(reports);
        assertThat(count(registry, OUT)).as("the reconciliation and the order").isEqualTo(2);
        assertThat(count(registry, RECONNECTS)).isZero();

        adapter.disconnect();
        adapter.connect();
        until(session(VenueSessionState.RECONCILING));
        adapter.reconcile(List.of());
        until(session(VenueSessionState.LOGGED_ON));
        assertThat(count(registry, RECONNECTS)).isEqualTo(1);
        assertThat(count(registry, OUT)).isEqualTo(3);
    }

    @Test
    void heartbeatLagHasNoValueBeforeTheFirstLogonIsZeroWhileUpAndGrowsOnceDown() throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000L);
        MetricRegistry registry = new MetricRegistry();
        adapter(0, nanos::get).bindMetrics(registry);
        assertThat(lag(registry)).isNull();

        logOn();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(90));
        assertThat(lag(registry)).as("an in-process venue cannot go silent").isEqualTo(0.0);

        adapter.disconnect();
        until(session(VenueSessionState.LOGGED_OUT));
        assertThat(lag(registry)).isEqualTo(0.0);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(7_500));
        assertThat(lag(registry)).isEqualTo(7.5);

        logOn();
        assertThat(lag(registry)).isEqualTo(0.0);
    }

    @Test
    void itsMetricsLeaveTheRegistryWhenTheRegistryGoesAndWhenTheVenueCloses() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        adapter(0).bindMetrics(registry);
        assertThat(registry.getNames()).contains(IN, OUT, RECONNECTS, LAG);
        adapter.unbindMetrics(registry);
        assertThat(registry.getNames()).isEmpty();

        adapter.bindMetrics(registry);
        logOn();
        registry.counter("livestack.orders.sent{venue=SIM,strategy=s}").inc();
        adapter.close();

        assertThat(registry.getNames()).containsExactly("livestack.orders.sent{venue=SIM,strategy=s}");
        adapter.bindMetrics(registry);
        assertThat(registry.getNames()).as("nothing comes back after close").hasSize(1);
        adapter = null;
    }

    @Test
    void describesItselfAsASimulatedVenueWithItsInstruments() {
        adapter(0);
        assertThat(adapter.venueId()).isEqualTo(SIM);
        assertThat(adapter.instruments()).containsExactly(BTC);
        assertThat(adapter.kind()).isEqualTo("sim");
        assertThat(adapter.describe()).contains("BTC-USD from 100").contains("seed 9");
    }
}
