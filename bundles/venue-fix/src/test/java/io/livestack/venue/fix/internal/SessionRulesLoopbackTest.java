package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.telemetry.MetricNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.MessageStore;
import quickfix.MessageStoreFactory;
import quickfix.SessionSettings;
import quickfix.field.MsgSeqNum;
import quickfix.field.ResetSeqNumFlag;

/**
 * A venue's session rules over loopback TCP against the simulator, FIX 4.2 and 4.4: extra fields reach the venue,
 * a logon outside the schedule waits and says when the next session starts, a sequence reset at a new session is
 * accepted and recorded while one in the middle of a session is an alert (and does not make the adapter read the
 * journal's mark of the old numbering as one of the new), and ResetSeqNumFlag on the Logon when configured.
 */
class SessionRulesLoopbackTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    @TempDir
    Path dir;
    private LoopbackHarness h;
    private final MetricRegistry registry = new MetricRegistry();

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private long resets(boolean expected) {
        Counter c = registry.getCounters().get(MetricNames.tagged(MetricNames.VENUE_SEQUENCE_RESETS, "venue", "V1",
                "expected", Boolean.toString(expected)));
        return c == null ? -1 : c.getCount();
    }

    /** A new adapter of the harness (its listener reconciles the current one), metrics bound before it starts. */
    private FixVenueAdapter startAdapter(Map<String, Object> properties,
            Function<SessionSettings, MessageStoreFactory> stores) {
        if (h.adapter == null) {
            h.startAdapter(properties, stores); // registers the harness's listener once
            h.adapter.bindMetrics(registry);
            return h.adapter;
        }
        FixVenueAdapter adapter = new FixVenueAdapter(FixVenueSettings.parse(properties, dir), h.intake,
                Clock.systemUTC(), stores);
        adapter.bindMetrics(registry);
        h.adapter = adapter;
        adapter.start();
        return adapter;
    }

    private Map<String, Object> dailyAround(String beginString, Instant now, ZoneId zone, Duration startIn,
            Duration endIn) {
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("schedule", "daily");
        p.put("startTime", LocalTime.ofInstant(now.plus(startIn), zone).format(HH_MM));
        p.put("endTime", LocalTime.ofInstant(now.plus(endIn), zone).format(HH_MM));
        p.put("timeZone", zone.getId());
        return p;
    }

    // ------------------------------------------------------------------------------------------ (a) extra fields

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void extraFieldsReachTheVenueThatRequiresThem(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("requiredFields", "D.1,header.50,A.9001"));
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("fields.D.1", "ACC-123");
        p.put("fields.header.50", "DESK1");
        p.put("fields.A.9001.secret", "logon-token-4711");
        startAdapter(p, FileStoreFactory::new);
        h.awaitLoggedOn(0);

        OrderView order = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));

        assertThat(h.awaitReport(order, ExecType.NEW).orderStatus()).isNotNull();
        Message logon = h.exchange.lastLogon(CLIENT);
        assertThat(logon.getString(9001)).isEqualTo("logon-token-4711");
        assertThat(logon.getHeader().getString(50)).isEqualTo("DESK1");
        assertThat(h.adapter.describe()).contains("D 1=ACC-123", "header 50=DESK1", "A 9001=********")
                .doesNotContain("logon-token-4711");
        h.close();
        h = null;
        assertThat(filesContaining(dir.resolve("adapter-log"), "logon-token-4711")).isEmpty();
        assertThat(filesContaining(dir.resolve("adapter"), "logon-token-4711")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void withoutTheRequiredFieldsTheVenueRejectsOrders(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("requiredFields", "D.1,header.50"));
        startAdapter(h.adapterProperties(beginString), FileStoreFactory::new);
        h.awaitLoggedOn(0);

        OrderView order = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));

        ExecutionReport rejected = h.awaitReport(order, ExecType.REJECTED);
        assertThat(rejected.text()).contains("BusinessMessageReject", "BusinessRejectReason=5");
        assertThat(h.exchange.openOrders(CLIENT)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ (b) schedule

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void aLogonOutsideTheScheduleWaitsAndSaysWhenTheNextSessionStarts(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant now = Instant.now();
        // a session from two to three hours from now: now is outside it, the next one starts in two hours
        Map<String, Object> p = dailyAround(beginString, now, paris, Duration.ofHours(2), Duration.ofHours(3));
        ZonedDateTime nextStart = now.plus(Duration.ofHours(2)).atZone(paris).truncatedTo(ChronoUnit.MINUTES);

        startAdapter(p, FileStoreFactory::new);

        VenueSessionEvent waiting = h.intake.awaitState(VenueSessionState.DISCONNECTED, 0);
        assertThat(waiting.detail()).startsWith("outside the session schedule")
                .endsWith("next session starts " + nextStart);
        assertThat(h.adapter.describe()).contains("next session starts " + nextStart);
        assertThat(h.exchange.lastLogon(CLIENT)).isNull();
        assertThat(h.intake.all(VenueSessionEvent.class)).extracting(VenueSessionEvent::state)
                .doesNotContain(VenueSessionState.CONNECTING, VenueSessionState.RECONCILING);
    }

    // ------------------------------------------------------------------------------------------ (c) resets

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void aResetByTheVenueAtANewSessionIsAcceptedAndRecorded(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Instant now = Instant.now();
        Map<String, Object> p = dailyAround(beginString, now, ZoneId.of("UTC"), Duration.ofHours(-1),
                Duration.ofHours(1));
        startAdapter(p, FileStoreFactory::new);
        h.awaitLoggedOn(0);
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(resting, ExecType.NEW);
        assertThat(h.session().getExpectedSenderNum()).isGreaterThan(3);
        h.adapter.close(); // its metrics leave the registry: the next adapter counts from zero

        // overnight: the venue starts a new session, and our store is from yesterday's
        assertThat(h.exchange.newSession(CLIENT)).isTrue();
        int mark = h.intake.size();
        startAdapter(p, yesterdaysStore());

        VenueSessionEvent reconciling = h.intake.awaitState(VenueSessionState.RECONCILING, mark);
        assertThat(reconciling.detail()).contains("sequence numbers reset to 1: a new session of the schedule");
        h.awaitLoggedOn(mark);
        assertThat(h.exchange.lastLogon(CLIENT).getHeader().getInt(MsgSeqNum.FIELD)).isEqualTo(1);
        assertThat(resets(true)).isEqualTo(1);
        assertThat(resets(false)).isZero();
        OrderView next = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29001), of(1));
        assertThat(h.awaitReport(next, ExecType.NEW).venueSeq()).isLessThan(10);
        assertThat(h.adapter.describe()).contains("last reset: sequence numbers reset to 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void anUnexpectedResetRaisesTheAlertAndTheJournalsOldMarkIsNotReadAsANewNumber(String beginString)
            throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> p = h.adapterProperties(beginString); // non-stop, resetPolicy never
        startAdapter(p, FileStoreFactory::new);
        h.awaitLoggedOn(0);
        for (int i = 0; i < 3; i++) {
            h.awaitReport(h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000 - i), of(1)), ExecType.NEW);
        }
        long markBeforeReset = lastReportSeq();
        int mark = h.intake.size();

        assertThat(h.exchange.newSession(CLIENT)).isTrue(); // a Logon with 141=Y in the middle of the session

        VenueSessionEvent alert = h.intake.await(VenueSessionEvent.class,
                e -> e.detail().contains("unexpected sequence reset"), mark);
        assertThat(alert.detail()).contains("ResetSeqNumFlag=Y in the middle of the session");
        assertThat(resets(false)).isEqualTo(1);
        h.awaitLoggedOn(mark);
        OrderView afterReset = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(31000), of(1));
        ExecutionReport ack = h.awaitReport(afterReset, ExecType.NEW);

        // a crash before the new session's reports reached the journal: its mark is still the old numbering's
        h.intake.lastJournaledVenueSeq(markBeforeReset);
        h.adapter.close();
        int restart = h.intake.size();
        startAdapter(p, FileStoreFactory::new);

        ExecutionReport resent = h.intake.await(ExecutionReport.class,
                r -> r.clientOrderId().equals(afterReset.clientOrderId()) && r.execType() == ExecType.NEW,
                restart);
        assertThat(resent.possibleDuplicate()).isTrue();
        assertThat(resent.execId()).isEqualTo(ack.execId());
        h.awaitLoggedOn(restart);
    }

    // ------------------------------------------------------------------------------------------ (d) 141=Y

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void resetSeqNumFlagGoesOnEveryLogonWithResetOnLogon(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("resetPolicy", "logon");
        startAdapter(p, FileStoreFactory::new);
        h.awaitLoggedOn(0);
        h.awaitReport(h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1)), ExecType.NEW);

        assertFreshLogon(h.exchange.lastLogon(CLIENT));
        int mark = h.intake.size();
        h.exchange.dropSession(CLIENT);
        h.awaitLoggedOn(mark);

        assertFreshLogon(h.exchange.lastLogon(CLIENT));
        assertThat(resets(true)).isEqualTo(2);
        assertThat(resets(false)).isZero();
    }

    private static void assertFreshLogon(Message logon) throws Exception {
        assertThat(logon.getBoolean(ResetSeqNumFlag.FIELD)).isTrue();
        assertThat(logon.getHeader().getInt(MsgSeqNum.FIELD)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The MsgSeqNum of the last report published so far. */
    private long lastReportSeq() {
        long seq = -1;
        for (Event e : h.intake.events()) {
            if (e instanceof ExecutionReport r && r.venueSeq() > 0) {
                seq = r.venueSeq();
            } else if (e instanceof OrderCancelRejected r && r.venueSeq() > 0) {
                seq = r.venueSeq();
            }
        }
        return seq;
    }

    /** The durable store, but created yesterday (until QuickFIX/J resets it): the next logon is a new session. */
    private static Function<SessionSettings, MessageStoreFactory> yesterdaysStore() {
        return settings -> sessionId -> new ForwardingMessageStore(new FileStoreFactory(settings).create(sessionId)) {
            private volatile boolean reset;

            @Override
            public Date getCreationTime() throws IOException {
                return reset ? delegate.getCreationTime()
                        : Date.from(delegate.getCreationTime().toInstant().minus(Duration.ofDays(1)));
            }

            @Override
            public void reset() throws IOException {
                reset = true;
                delegate.reset();
            }
        };
    }

    private static java.util.List<Path> filesContaining(Path root, String text) throws IOException {
        if (!Files.exists(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(text);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
