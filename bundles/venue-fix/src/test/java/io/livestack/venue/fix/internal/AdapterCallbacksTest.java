package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.FACTORY;
import static io.livestack.venue.fix.internal.Fixtures.er;
import static io.livestack.venue.fix.internal.Fixtures.fillExecType;
import static io.livestack.venue.fix.internal.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.testkit.RecordingIntake;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quickfix.Application;
import quickfix.DoNotSend;
import quickfix.FieldException;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.MsgType;

/**
 * The adapter's QuickFIX/J callbacks driven directly (the session exists but is not connected): inbound messages
 * become events, what we cannot process raises the exception that makes QuickFIX/J answer with the right reject,
 * session and business rejects settle the order they refer to, and mutated messages never crash the adapter.
 */
class AdapterCallbacksTest {

    @TempDir
    Path dir;
    private final RecordingIntake intake = new RecordingIntake();
    private FixVenueAdapter adapter;

    @AfterEach
    void tearDown() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private Application start(FixDialect d) throws IOException {
        Map<String, Object> p = Fixtures.unreachableVenue(d.beginString());
        p.put("username", "trader");
        p.put("password", "s3cret");
        adapter = new FixVenueAdapter(FixVenueSettings.parse(p, dir), intake,
                Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneOffset.UTC), FileStoreFactory::new);
        adapter.start();
        intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.ERROR);
        assertThat(adapter.application()).isNotNull();
        return adapter.application();
    }

    private SessionID id() {
        return adapter.sessionId();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void anInboundExecutionReportIsPublished(FixDialect d) throws Exception {
        Application app = start(d);

        app.fromApp(er(d, '0', '0').wire(2), id());

        assertThat(intake.await(ExecutionReport.class, r -> true).execType()).isEqualTo(ExecType.NEW);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void whatCannotBeProcessedRaisesTheExceptionForTheRightRejectAndPublishesNothing(FixDialect d)
            throws Exception {
        Application app = start(d);
        int before = intake.size();

        Message noClOrdId = er(d, '0', '0').remove(11).wire(2);
        assertThatThrownBy(() -> app.fromApp(noClOrdId, id())).isInstanceOfSatisfying(FieldNotFound.class,
                e -> assertThat(e.field).isEqualTo(11));
        Message tooPrecise = er(d, '0', '0').set(44, "1.123456789").wire(3);
        assertThatThrownBy(() -> app.fromApp(tooPrecise, id())).isInstanceOf(IncorrectTagValue.class);
        Message unknownExecType = er(d, '0', '0').wire(4);
        unknownExecType.setChar(150, 'Z');
        assertThatThrownBy(() -> app.fromApp(unknownExecType, id())).isInstanceOf(IncorrectTagValue.class);
        Message news = d.newMessage(FACTORY, "B");
        news.setString(148, "hello");
        assertThatThrownBy(() -> app.fromApp(news, id())).isInstanceOf(UnsupportedMessageType.class);

        assertThat(intake.events().subList(before, intake.size())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aSessionRejectOfOurNewOrderPublishesARejectedReportSoTheOrderDoesNotHang(FixDialect d) throws Exception {
        Application app = start(d);
        adapter.sentMessages().put(new SentMessages.Sent(5, MsgType.ORDER_SINGLE, "C-9", null, "BTC-USD", '1',
                of(2), of(100)));
        Message reject = d.newMessage(FACTORY, MsgType.REJECT);
        reject.setInt(45, 5);
        reject.setInt(371, 44);
        reject.setString(372, "D");
        reject.setInt(373, 5);
        reject.setString(58, "Value is incorrect");

        app.fromAdmin(Fixtures.wire(d, reject, 8), id());

        ExecutionReport r = intake.await(ExecutionReport.class, e -> e.clientOrderId().value().equals("C-9"));
        assertThat(r.execType()).isEqualTo(ExecType.REJECTED);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(r.orderQuantity()).isEqualTo(of(2));
        assertThat(r.text()).contains("session Reject").contains("RefTagID=44").contains("Value is incorrect");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aBusinessRejectOfOurCancelOrReplaceBecomesACancelReject(FixDialect d) throws Exception {
        Application app = start(d);
        adapter.sentMessages().put(new SentMessages.Sent(6, MsgType.ORDER_CANCEL_REQUEST, "CX-1", "C-1", "BTC-USD",
                '1', of(2), 0));
        adapter.sentMessages().put(new SentMessages.Sent(7, MsgType.ORDER_CANCEL_REPLACE_REQUEST, "R-1", "C-2",
                "BTC-USD", '1', of(2), of(99)));

        app.fromApp(Fixtures.wire(d, bmr(d, "F", 6, null), 9), id());
        app.fromApp(Fixtures.wire(d, bmr(d, "G", null, "R-1"), 10), id());

        OrderCancelRejected cancel = intake.await(OrderCancelRejected.class,
                e -> e.clientOrderId().value().equals("CX-1"));
        assertThat(cancel.replace()).isFalse();
        assertThat(cancel.origClientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        assertThat(cancel.reason()).contains("BusinessMessageReject").contains("BusinessRejectReason=4");
        OrderCancelRejected replace = intake.await(OrderCancelRejected.class,
                e -> e.clientOrderId().value().equals("R-1"));
        assertThat(replace.replace()).isTrue();
    }

    private static Message bmr(FixDialect d, String refMsgType, Integer refSeqNum, String refId) {
        Message m = d.newMessage(FACTORY, MsgType.BUSINESS_MESSAGE_REJECT);
        if (refSeqNum != null) {
            m.setInt(45, refSeqNum);
        }
        m.setString(372, refMsgType);
        if (refId != null) {
            m.setString(379, refId);
        }
        m.setInt(380, 4);
        m.setString(58, "application not available");
        return m;
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aRejectOfAMessageWeNoLongerRememberIsOnlyLogged(FixDialect d) throws Exception {
        Application app = start(d);
        int before = intake.size();
        Message reject = d.newMessage(FACTORY, MsgType.REJECT);
        reject.setInt(45, 12345);

        app.fromAdmin(Fixtures.wire(d, reject, 8), id());

        assertThat(intake.events().subList(before, intake.size())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aMarketDataRequestRejectIsSurfacedWithoutFailing(FixDialect d) throws Exception {
        Application app = start(d);
        Message m = d.newMessage(FACTORY, MsgType.MARKET_DATA_REQUEST_REJECT);
        m.setString(262, "MD-1");
        m.setChar(281, '3');
        m.setString(58, "no permission");

        app.fromApp(Fixtures.wire(d, m, 3), id());

        assertThat(adapter.describe()).contains("MD-1").contains("no permission");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void theLogonCarriesTheCredentialsAndOrdersAreNeverResent(FixDialect d) throws Exception {
        Application app = start(d);
        Message logon = FACTORY.create(d.beginString(), MsgType.LOGON);
        app.toAdmin(logon, id());
        assertThat(logon.getString(553)).isEqualTo("trader");
        assertThat(logon.getString(554)).isEqualTo("s3cret");

        Message resent = new OutboundMapper(d, FACTORY).newOrderSingle(
                order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)), Fixtures.T0);
        resent.getHeader().setInt(34, 3);
        resent.getHeader().setBoolean(43, true);
        assertThatThrownBy(() -> app.toApp(resent, id())).isInstanceOf(DoNotSend.class);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void ordersSentWhileNotLoggedOnAreRejectedAndCancelsRefused(FixDialect d) throws Exception {
        start(d);

        adapter.submit(order("C-1", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)));
        adapter.cancel(order("C-2", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)),
                ClientOrderId.of("CX-2"));

        ExecutionReport rejected = intake.await(ExecutionReport.class, e -> e.clientOrderId().value().equals("C-1"));
        assertThat(rejected.execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rejected.text()).contains("not logged on");
        OrderCancelRejected refused = intake.await(OrderCancelRejected.class, e -> true);
        assertThat(refused.clientOrderId()).isEqualTo(ClientOrderId.of("CX-2"));
        assertThat(refused.origClientOrderId()).isEqualTo(ClientOrderId.of("C-2"));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void thePasswordIsNeverShown(FixDialect d) throws Exception {
        start(d);

        assertThat(adapter.describe()).doesNotContain("s3cret");
        assertThat(adapter.settings().toString()).doesNotContain("s3cret").contains("password=********");
        assertThat(intake.events()).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cret"));
    }

    /**
     * Fuzz: valid execution reports with random fields removed or replaced by garbage. Each either maps to a valid
     * event or raises one of the exceptions QuickFIX/J turns into a Reject / BusinessMessageReject; nothing else.
     */
    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void mutatedExecutionReportsAreMappedOrRejectedButNeverCrashTheAdapter(FixDialect d) throws Exception {
        Application app = start(d);
        Random random = new Random(20250314L + d.ordinal());
        int[] tags = {37, 11, 41, 17, 20, 150, 39, 55, 54, 38, 40, 44, 59, 32, 31, 151, 14, 6, 60, 851, 12, 13, 58};
        String[] garbage = {"", "abc", "-1", "1e5", "1.123456789", "99999999999999999999", "0", "Z", "2", "F", "I",
                "NaN", "1,5", " 1", "C-1 X", "\u00e9", "9".repeat(70)};
        char[][] types = {{'0', '0'}, {fillExecType(d, false), '1'}, {fillExecType(d, true), '2'}, {'4', '4'},
                {'5', '0'}, {'8', '8'}, {'C', 'C'}, {'I', '1'}};
        int mapped = 0;
        int refused = 0;
        for (int i = 0; i < 600; i++) {
            char[] t = types[random.nextInt(types.length)];
            Fixtures.Er er = er(d, t[0], t[1]);
            if (t[0] == fillExecType(d, false) || t[0] == fillExecType(d, true)) {
                er.fill("1", "100", "1", "1", "100");
            }
            Message m = er.m;
            m.getHeader().setInt(34, 100 + i);
            int mutations = 1 + random.nextInt(3);
            for (int k = 0; k < mutations; k++) {
                int tag = tags[random.nextInt(tags.length)];
                if (random.nextBoolean()) {
                    m.removeField(tag);
                } else {
                    m.setString(tag, garbage[random.nextInt(garbage.length)]);
                }
            }
            int before = intake.size();
            try {
                app.fromApp(m, id());
                mapped++;
                List<Event> published = intake.events().subList(before, intake.size());
                assertThat(published).singleElement().isInstanceOf(ExecutionReport.class);
            } catch (FieldNotFound | IncorrectTagValue | IncorrectDataFormat | FieldException
                    | UnsupportedMessageType e) {
                refused++;
                assertThat(intake.size()).isEqualTo(before);
            } catch (RuntimeException e) {
                fail("mutation " + i + " crashed the adapter: " + m.toString().replace('\u0001', '|'), e);
            }
        }
        assertThat(mapped).isPositive();
        assertThat(refused).isPositive();
    }
}
