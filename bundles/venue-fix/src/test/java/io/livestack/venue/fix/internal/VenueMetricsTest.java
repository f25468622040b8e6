package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.er;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static io.livestack.venue.fix.internal.LoopbackHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import io.livestack.testkit.RecordingIntake;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Application;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.field.MsgType;

/**
 * The venue metrics of the FIX adapter: messages in and out counted over a real loopback session (checked against
 * the sequence numbers of both ends), reconnects, the heartbeat lag on a controlled nano clock, and the metrics
 * leaving the registry when the venue goes or changes its id.
 */
class VenueMetricsTest {

    private static final String IN = MetricNames.tagged(MetricNames.VENUE_MESSAGES_IN, "venue", "V1");
    private static final String OUT = MetricNames.tagged(MetricNames.VENUE_MESSAGES_OUT, "venue", "V1");
    private static final String RECONNECTS = MetricNames.tagged(MetricNames.VENUE_RECONNECTS, "venue", "V1");
    private static final String LAG = MetricNames.tagged(MetricNames.VENUE_HEARTBEAT_LAG, "venue", "V1");
    private static final String REJECTED = MetricNames.tagged(MetricNames.VENUE_MESSAGES_REJECTED, "venue", "V1");
    private static final String GARBLED = MetricNames.tagged(MetricNames.VENUE_MESSAGES_GARBLED, "venue", "V1");

    @TempDir
    Path dir;
    private final MetricRegistry registry = new MetricRegistry();
    private LoopbackHarness h;
    /** The adapter and intake of the tests that drive the callbacks directly (no connection). */
    private FixVenueAdapter adapter;
    private RecordingIntake intake;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
        if (adapter != null) {
            adapter.close();
        }
    }

    private long count(String name) {
        Counter c = registry.getCounters().get(name);
        assertThat(c).as(name).isNotNull();
        return c.getCount();
    }

    private Object lag() {
        Gauge<?> g = registry.getGauges().get(LAG);
        assertThat(g).as(LAG).isNotNull();
        return g.getValue();
    }

    private void startLoopback() throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        h.startAdapter(h.adapterProperties("FIX.4.4"));
        h.adapter.bindMetrics(registry);
        h.awaitLoggedOn(0);
    }

    // ------------------------------------------------------------------------------ over loopback TCP

    @Test
    void countsEveryMessageInAndOutOfAFreshSessionAsTheSequenceNumbersDo() throws Exception {
        startLoopback();
        OrderView o = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        h.awaitReport(o, ExecType.NEW);

        Session ours = h.session();
        Session venueSide = Session.lookupSession(h.exchange.sessionOf(CLIENT));
        // a fresh store: every message either side sent has its own sequence number, starting at 1 (logon, market
        // data request and snapshot, order status/mass status, the order and its ack, ...)
        awaitTrue("messages out == our sequence numbers used",
                () -> count(OUT) == ours.getExpectedSenderNum() - 1);
        awaitTrue("messages in == the venue's sequence numbers used",
                () -> count(IN) == venueSide.getExpectedSenderNum() - 1);
        assertThat(count(IN)).isGreaterThanOrEqualTo(3); // logon, snapshot, ack at least
        assertThat(count(OUT)).isGreaterThanOrEqualTo(3); // logon, market data request, order at least
        assertThat(count(RECONNECTS)).isZero();
        assertThat((Double) lag()).isBetween(0.0, 20.0);

        long outBefore = count(OUT);
        long inBefore = count(IN);
        OrderView another = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.DAY, of(31000), of(1));
        h.awaitReport(another, ExecType.NEW);
        awaitTrue("one more out (the order), one more in (its ack)",
                () -> count(OUT) == outBefore + 1 && count(IN) == inBefore + 1);
    }

    @Test
    void everyLogonAfterTheFirstIsAReconnect() throws Exception {
        startLoopback();
        assertThat(count(RECONNECTS)).isZero();

        // the venue drops us: QuickFIX/J reconnects and logs on again
        int mark = h.intake.size();
        assertThat(h.exchange.dropSession(CLIENT)).isTrue();
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.LOGGED_OUT, mark);
        h.awaitLoggedOn(mark);
        assertThat(count(RECONNECTS)).isEqualTo(1);

        // the operator's disconnect and connect
        mark = h.intake.size();
        h.adapter.disconnect();
        h.adapter.connect();
        VenueSessionEvent out = h.intake.awaitState(VenueSessionState.LOGGED_OUT, mark);
        h.awaitLoggedOn(h.intake.events().indexOf(out));
        assertThat(count(RECONNECTS)).isEqualTo(2);
    }

    @Test
    void closingTheVenueRemovesItsMetrics() throws Exception {
        startLoopback();
        registry.counter("livestack.orders.sent{venue=V1,strategy=s1}").inc();
        assertThat(registry.getNames()).contains(IN, OUT, RECONNECTS, LAG);

        h.adapter.close();

        assertThat(registry.getNames()).doesNotContain(IN, OUT, RECONNECTS, LAG)
                .contains("livestack.orders.sent{venue=V1,strategy=s1}");
        h.adapter.bindMetrics(registry); // a late bind after close registers nothing
        assertThat(registry.getNames()).doesNotContain(IN, OUT, RECONNECTS, LAG);
    }

    @Test
    void anotherVenueIdMovesTheMetricsAndTheRegistryGoingTakesThemAlong() throws Exception {
        startLoopback();
        long inSoFar = count(IN);
        assertThat(inSoFar).isPositive();

        int mark = h.intake.size();
        Map<String, Object> renamed = h.adapterProperties("FIX.4.4");
        renamed.put("venue", "V2");
        h.adapter.reconfigure(FixVenueSettings.parse(renamed, dir));
        h.intake.await(VenueSessionEvent.class,
                e -> e.venue().value().equals("V2") && e.state() == VenueSessionState.LOGGED_ON, mark);

        assertThat(registry.getNames()).doesNotContain(IN, OUT, RECONNECTS, LAG);
        String in2 = MetricNames.tagged(MetricNames.VENUE_MESSAGES_IN, "venue", "V2");
        String reconnects2 = MetricNames.tagged(MetricNames.VENUE_RECONNECTS, "venue", "V2");
        assertThat(registry.getNames()).contains(in2, reconnects2,
                MetricNames.tagged(MetricNames.VENUE_MESSAGES_OUT, "venue", "V2"),
                MetricNames.tagged(MetricNames.VENUE_HEARTBEAT_LAG, "venue", "V2"));
        assertThat(registry.getCounters().get(in2).getCount()).isPositive();
        assertThat(registry.getCounters().get(reconnects2).getCount()).as("V2's first logon").isZero();

        h.adapter.unbindMetrics(registry);
        assertThat(registry.getNames()).noneMatch(n -> n.startsWith("livestack.venue."));
    }

    // ------------------------------------------------------------------------------ callbacks, controlled clock

    @Test
    void heartbeatLagHasNoValueBeforeTheFirstMessageGrowsInSilenceAndResetsOnAMessage() throws Exception {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Application app = startUnconnected(nanos);
        adapter.bindMetrics(registry);

        assertThat(lag()).as("never received anything").isNull();

        app.fromApp(er(FixDialect.FIX44, '0', '0').wire(2), adapter.sessionId());
        assertThat(lag()).isEqualTo(0.0);
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_500));
        assertThat(lag()).isEqualTo(2.5);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(lag()).isEqualTo(32.5);

        app.fromAdmin(heartbeat(), adapter.sessionId());
        assertThat(lag()).isEqualTo(0.0);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(lag()).isEqualTo(1.0);

        assertThat(count(IN)).isEqualTo(2);
        assertThat(intake.all(ExecutionReport.class)).hasSize(1);
    }

    @Test
    void messagesThatMustNotGoOutAreNotCountedAsSent() throws Exception {
        Application app = startUnconnected(new AtomicLong());
        adapter.bindMetrics(registry);

        Message order = FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.ORDER_SINGLE);
        try {
            app.toApp(order, adapter.sessionId());
        } catch (quickfix.DoNotSend expected) {
            // not logged on: QuickFIX/J does not send it
        }
        app.toAdmin(heartbeat(), adapter.sessionId());

        assertThat(count(OUT)).isEqualTo(1);
    }

    @Test
    void everyRejectAndBusinessMessageRejectWeSendCountsAsARefusedMessage() throws Exception {
        Application app = startUnconnected(new AtomicLong());
        adapter.bindMetrics(registry);

        app.toAdmin(FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.REJECT), adapter.sessionId());
        app.toApp(FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.BUSINESS_MESSAGE_REJECT),
                adapter.sessionId());
        app.toAdmin(heartbeat(), adapter.sessionId());

        assertThat(count(REJECTED)).isEqualTo(2);
        assertThat(count(OUT)).isEqualTo(3);
        assertThat(count(GARBLED)).isZero();
    }

    @Test
    void theSessionLogsGarbledMessageEventsCountAsGarbled() {
        AtomicLong garbled = new AtomicLong();
        java.util.List<String> written = new java.util.ArrayList<>();
        quickfix.Log log = GarbledCountingLog.factory(sessionId -> new quickfix.Log() {
            @Override
            public void clear() {
            }

            @Override
            public void onIncoming(String message) {
            }

            @Override
            public void onOutgoing(String message) {
            }

            @Override
            public void onEvent(String text) {
            }

            @Override
            public void onErrorEvent(String text) {
                written.add(text);
            }
        }, garbled::incrementAndGet).create(null);

        // QuickFIX/J 2.3.2's texts (AbstractIoHandler, Session) for a message it ignores as garbled
        log.onErrorEvent("Invalid message: Expected CheckSum=12, Received CheckSum=13 in 8=FIX.4.4...");
        log.onErrorEvent("Skipping invalid message: quickfix.InvalidMessage: Bad tag format: ...");
        log.onErrorEvent("Reject sent for message 7: Value is incorrect (out of range) for this tag:54");

        assertThat(garbled.get()).isEqualTo(2);
        assertThat(written).hasSize(3);
    }

    private Application startUnconnected(AtomicLong nanos) throws IOException {
        RecordingIntake intake = new RecordingIntake();
        adapter = new FixVenueAdapter(FixVenueSettings.parse(Fixtures.unreachableVenue("FIX.4.4"), dir), intake, Clock.systemUTC(),
                FileStoreFactory::new, nanos::get);
        adapter.start();
        intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.ERROR);
        this.intake = intake;
        return adapter.application();
    }

    private static Message heartbeat() {
        return FixDialect.FIX44.newMessage(Fixtures.FACTORY, MsgType.HEARTBEAT);
    }
}
