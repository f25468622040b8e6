package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.Fixtures.BTC;
import static io.livestack.venue.fix.internal.Fixtures.FACTORY;
import static io.livestack.venue.fix.internal.Fixtures.VENUE;
import static io.livestack.venue.fix.internal.Fixtures.er;
import static io.livestack.venue.fix.internal.Fixtures.fillExecType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.field.MsgType;

/** Every inbound mapping, for each FIX version: real messages of that version in, runtime events out. */
class InboundMapperTest {

    private static InboundMapper mapper(FixDialect d) {
        return new InboundMapper(VENUE, d);
    }

    private static ExecutionReport map(FixDialect d, Fixtures.Er er) throws Exception {
        return mapper(d).executionReport(er.wire(7));
    }

    /** Found by the FIX fuzzer (FixFuzzIT): a 64 KiB Text made every later record of the order unwritable. */
    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aVenuesTextIsCutToABoundedLengthThatSaysHowLongItWas(FixDialect d) throws Exception {
        Fixtures.Er huge = er(d, fillExecType(d, false), '1').fill("0.5", "30000.5", "0.5", "1.5", "30000.5");
        huge.m.setString(58, "x".repeat(65_536));
        Fixtures.Er short_ = er(d, '0', '0');
        short_.m.setString(58, "y".repeat(InboundMapper.MAX_TEXT));

        String cut = map(d, huge).text();
        assertThat(cut).startsWith("x".repeat(InboundMapper.MAX_TEXT) + "...")
                .endsWith("(65536 characters from the venue)").hasSizeLessThan(InboundMapper.MAX_TEXT + 50);
        assertThat(map(d, huge).lastQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(map(d, short_).text()).isEqualTo("y".repeat(InboundMapper.MAX_TEXT));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void newAcknowledgementBecomesNew(FixDialect d) throws Exception {
        ExecutionReport r = map(d, er(d, '0', '0'));

        assertThat(r.venue()).isEqualTo(VENUE);
        assertThat(r.execType()).isEqualTo(ExecType.NEW);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        assertThat(r.origClientOrderId()).isNull();
        assertThat(r.venueOrderId().value()).isEqualTo("VO-1");
        assertThat(r.execId().value()).isEqualTo("EX-1");
        assertThat(r.instrument()).isEqualTo(BTC);
        assertThat(r.side()).isEqualTo(Side.BUY);
        assertThat(r.orderQuantity()).isEqualTo(of(2));
        assertThat(r.price()).isEqualTo(Fixed.parse("30000.5"));
        assertThat(r.leavesQuantity()).isEqualTo(of(2));
        assertThat(r.cumulativeQuantity()).isZero();
        assertThat(r.lastQuantity()).isZero();
        assertThat(r.possibleDuplicate()).isFalse();
        assertThat(r.sourceTimeNanos()).isEqualTo(InboundMapper.epochNanos(Fixtures.T0));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void partialFillBecomesATradeWithLastAndCumulativeQuantities(FixDialect d) throws Exception {
        Fixtures.Er er = er(d, fillExecType(d, false), '1').fill("0.5", "30000.5", "0.5", "1.5", "30000.5");
        if (!d.isFix42()) {
            er.set(851, "2");
        }

        ExecutionReport r = map(d, er);

        assertThat(r.execType()).isEqualTo(ExecType.TRADE);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(r.lastQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(r.lastPrice()).isEqualTo(Fixed.parse("30000.5"));
        assertThat(r.cumulativeQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(r.leavesQuantity()).isEqualTo(Fixed.parse("1.5"));
        assertThat(r.averagePrice()).isEqualTo(Fixed.parse("30000.5"));
        assertThat(r.liquidity()).isEqualTo(d.isFix42() ? LiquidityFlag.UNKNOWN : LiquidityFlag.TAKER);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void completeFillBecomesATradeAndFilled(FixDialect d) throws Exception {
        Fixtures.Er er = er(d, fillExecType(d, true), '2').fill("2", "30000", "2", "0", "30000.12345678");
        if (!d.isFix42()) {
            er.set(851, "1");
        }

        ExecutionReport r = map(d, er);

        assertThat(r.execType()).isEqualTo(ExecType.TRADE);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.leavesQuantity()).isZero();
        assertThat(r.averagePrice()).isEqualTo(Fixed.parse("30000.12345678"));
        assertThat(r.liquidity()).isEqualTo(d.isFix42() ? LiquidityFlag.UNKNOWN : LiquidityFlag.MAKER);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void anAveragePriceWithMoreDecimalsIsRoundedNotRefused(FixDialect d) throws Exception {
        ExecutionReport r = map(d, er(d, fillExecType(d, false), '1')
                .fill("1", "100", "1.5", "0.5", "100.333333333333"));

        assertThat(r.averagePrice()).isEqualTo(Fixed.parse("100.33333333"));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void canceledCarriesTheCancelRequestsIdsAndNothingLeft(FixDialect d) throws Exception {
        ExecutionReport r = map(d, er(d, '4', '4').set(11, "CX-1").set(41, "C-1").set(151, "0").set(14, "0.5")
                .set(6, "30000"));

        assertThat(r.execType()).isEqualTo(ExecType.CANCELED);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("CX-1"));
        assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        assertThat(r.leavesQuantity()).isZero();
        assertThat(r.cumulativeQuantity()).isEqualTo(Fixed.parse("0.5"));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void replacedKeepsTheOrderLiveEvenWhereFix42SaysOrdStatusReplaced(FixDialect d) throws Exception {
        char ordStatus = d.isFix42() ? '5' : '0';

        ExecutionReport r = map(d, er(d, '5', ordStatus).set(11, "R-1").set(41, "C-1").set(38, "3")
                .set(44, "29999").set(151, "3"));

        assertThat(r.execType()).isEqualTo(ExecType.REPLACED);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("R-1"));
        assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        assertThat(r.orderQuantity()).isEqualTo(of(3));
        assertThat(r.price()).isEqualTo(of(29999));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void replacedAfterAPartialFillIsPartiallyFilled(FixDialect d) throws Exception {
        char ordStatus = d.isFix42() ? '5' : '1';

        ExecutionReport r = map(d, er(d, '5', ordStatus).set(11, "R-1").set(41, "C-1").set(38, "3").set(14, "1")
                .set(151, "2").set(6, "30000"));

        assertThat(r.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void rejectedCarriesTheReason(FixDialect d) throws Exception {
        ExecutionReport r = map(d, er(d, '8', '8').set(37, "NONE").set(151, "0").set(103, "1"));

        assertThat(r.execType()).isEqualTo(ExecType.REJECTED);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(r.text()).isEqualTo("OrdRejReason=1");

        ExecutionReport withText = map(d, er(d, '8', '8').set(151, "0").set(58, "price band"));
        assertThat(withText.text()).isEqualTo("price band");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void expiredPendingAndRestatedTypesMapOneToOne(FixDialect d) throws Exception {
        assertThat(map(d, er(d, 'C', 'C').set(151, "0"))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.EXPIRED);
        });
        assertThat(map(d, er(d, 'A', 'A'))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.PENDING_NEW);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.PENDING_NEW);
        });
        assertThat(map(d, er(d, '6', '6').set(11, "CX-1").set(41, "C-1"))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.PENDING_CANCEL);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.PENDING_CANCEL);
        });
        assertThat(map(d, er(d, 'E', 'E').set(11, "R-1").set(41, "C-1"))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.PENDING_REPLACE);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.PENDING_REPLACE);
        });
        assertThat(map(d, er(d, 'D', '0').set(378, "1"))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.RESTATED);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
        });
        assertThat(map(d, er(d, '3', '3').set(151, "0"))).satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.RESTATED);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.EXPIRED);
        });
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void statusAnswersBecomeOrderStatusWithAnExecIdUniquePerMessage(FixDialect d) throws Exception {
        Fixtures.Er er = d.isFix42()
                ? er(d, '1', '1').set(20, "3").set(14, "0.5").set(151, "1.5").set(6, "30000")
                : er(d, 'I', '1').set(14, "0.5").set(151, "1.5").set(6, "30000");
        er.set(17, "0");

        ExecutionReport r = mapper(d).executionReport(er.wire(12));

        assertThat(r.execType()).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(r.lastQuantity()).isZero();
        assertThat(r.cumulativeQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(r.execId().value()).isEqualTo("0@12");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void anUnknownOrderStatusAnswerSaysRejected(FixDialect d) throws Exception {
        Fixtures.Er er = (d.isFix42() ? er(d, '8', '8').set(20, "3") : er(d, 'I', '8')).set(37, "NONE")
                .set(151, "0").set(103, "5");

        ExecutionReport r = map(d, er);

        assertThat(r.execType()).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(r.orderStatus()).isEqualTo(OrderStatus.REJECTED);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void possDupAndPossResendAreFlagged(FixDialect d) throws Exception {
        Message m = er(d, '0', '0').wire(3);
        m.getHeader().setBoolean(43, true);
        assertThat(mapper(d).executionReport(m).possibleDuplicate()).isTrue();

        Message resend = er(d, '0', '0').wire(4);
        resend.getHeader().setBoolean(97, true);
        assertThat(mapper(d).executionReport(resend).possibleDuplicate()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void anAbsoluteCommissionBecomesTheFee(FixDialect d) throws Exception {
        Fixtures.Er er = er(d, fillExecType(d, true), '2').fill("2", "30000", "2", "0", "30000").set(12, "1.25")
                .set(13, "3");

        ExecutionReport r = map(d, er);

        assertThat(r.fee()).isEqualTo(Fixed.parse("1.25"));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aTradeCancelIsABustNamingTheExecution(FixDialect d) throws Exception {
        Fixtures.Er er = d.isFix42() ? er(d, '1', '0').set(20, "1") : er(d, 'H', '0');

        ExecutionReport r = map(d, er.set(19, "EX-0"));

        assertThat(r.execType()).isEqualTo(ExecType.TRADE_CANCEL);
        assertThat(r.execRefId().value()).isEqualTo("EX-0");
        assertThat(r.text()).contains("trade cancel").contains("EX-0");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aTradeCorrectionCarriesTheCorrectedQuantityAndPrice(FixDialect d) throws Exception {
        Fixtures.Er er = (d.isFix42() ? er(d, '2', '2').set(20, "2") : er(d, 'G', '2'))
                .fill("1.5", "29990", "2", "0", "29995").set(19, "EX-0");

        ExecutionReport r = map(d, er);

        assertThat(r.execType()).isEqualTo(ExecType.TRADE_CORRECT);
        assertThat(r.execRefId().value()).isEqualTo("EX-0");
        assertThat(r.lastQuantity()).isEqualTo(Fixed.parse("1.5"));
        assertThat(r.lastPrice()).isEqualTo(Fixed.parse("29990"));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aBustWithoutExecRefIdIsRefused(FixDialect d) throws Exception {
        Message m = (d.isFix42() ? er(d, '1', '0').set(20, "1") : er(d, 'H', '0')).wire(6);

        assertThatThrownBy(() -> mapper(d).executionReport(m)).isInstanceOf(quickfix.FieldNotFound.class);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aPriceWithTooManyDecimalsIsAnIncorrectValue(FixDialect d) throws Exception {
        Message m = er(d, fillExecType(d, false), '1').fill("1", "30000.123456789", "1", "1", "30000").wire(5);

        assertThatThrownBy(() -> mapper(d).executionReport(m)).isInstanceOfSatisfying(IncorrectTagValue.class,
                e -> assertThat(e.getField()).isEqualTo(31));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aReportWithoutClOrdIdIsMissingAField(FixDialect d) throws Exception {
        Message m = er(d, '0', '0').remove(11).wire(5);

        assertThatThrownBy(() -> mapper(d).executionReport(m)).isInstanceOfSatisfying(FieldNotFound.class,
                e -> assertThat(e.field).isEqualTo(11));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aTradeWithoutLastQuantityIsRefused(FixDialect d) throws Exception {
        Message m = er(d, fillExecType(d, false), '1').fill("0", "30000", "1", "1", "30000").wire(5);

        assertThatThrownBy(() -> mapper(d).executionReport(m)).isInstanceOfSatisfying(IncorrectTagValue.class,
                e -> assertThat(e.getField()).isEqualTo(32));
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void cancelRejectSaysWhetherACancelOrAReplaceWasRefusedAndWhy(FixDialect d) throws Exception {
        for (String responseTo : List.of("1", "2")) {
            Message m = d.newMessage(FACTORY, MsgType.ORDER_CANCEL_REJECT);
            m.setString(37, "VO-1");
            m.setString(11, "CX-1");
            m.setString(41, "C-1");
            m.setChar(39, '0');
            m.setString(434, responseTo);
            m.setInt(102, 0);
            m.setString(58, "too late");

            OrderCancelRejected r = mapper(d).cancelReject(Fixtures.wire(d, m, 9));

            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("CX-1"));
            assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
            assertThat(r.venueOrderId().value()).isEqualTo("VO-1");
            assertThat(r.replace()).isEqualTo(responseTo.equals("2"));
            assertThat(r.reason()).contains("CxlRejReason=0").contains("too late to cancel").contains("too late");
        }
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void snapshotBecomesASortedBookSnapshotAndTradeTicks(FixDialect d) throws Exception {
        Message m = d.newMessage(FACTORY, MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH);
        m.setString(262, "MD-1");
        m.setString(55, "BTC-USD");
        addEntry(d, m, '0', "99", "1");
        addEntry(d, m, '0', "100", "2");
        addEntry(d, m, '1', "102", "3");
        addEntry(d, m, '1', "101", "4");
        addEntry(d, m, '2', "100.5", "0.1");
        addEntry(d, m, '4', "98", null);

        List<MarketDataEvent> events = mapper(d).snapshot(Fixtures.wire(d, m, 2), id -> null);

        assertThat(events).hasSize(2);
        BookSnapshot s = (BookSnapshot) events.get(0);
        assertThat(s.instrument()).isEqualTo(BTC);
        assertThat(s.bids()).containsExactly(new BookLevel(of(100), of(2)), new BookLevel(of(99), of(1)));
        assertThat(s.asks()).containsExactly(new BookLevel(of(101), of(4)), new BookLevel(of(102), of(3)));
        assertThat(events.get(1)).isEqualTo(new TradeTick(VENUE, BTC, s.sourceTimeNanos(), Fixed.parse("100.5"),
                Fixed.parse("0.1"), null));
    }

    private static void addEntry(FixDialect d, Message m, char type, String px, String size) {
        Group g = d.newGroup(FACTORY, MsgType.MARKET_DATA_SNAPSHOT_FULL_REFRESH, 268, 269);
        g.setChar(269, type);
        g.setString(270, px);
        if (size != null) {
            g.setString(271, size);
        }
        m.addGroup(g);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void incrementalBecomesOneDeltaPerInstrumentAndTradeTicks(FixDialect d) throws Exception {
        Message m = d.newMessage(FACTORY, MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        m.setString(262, "MD-1");
        addUpdate(d, m, '0', '0', "BTC-USD", "100", "2");
        addUpdate(d, m, '1', '1', null, "101", "5");
        addUpdate(d, m, '2', '0', "ETH-USD", "2000", null);
        addUpdate(d, m, '0', '2', "BTC-USD", "100.5", "0.25");

        List<MarketDataEvent> events = mapper(d).incremental(Fixtures.wire(d, m, 3), id -> null);

        assertThat(events).hasSize(3);
        BookDelta btc = (BookDelta) events.get(0);
        assertThat(btc.instrument()).isEqualTo(BTC);
        assertThat(btc.changes()).containsExactly(new LevelChange(Side.BUY, of(100), of(2)),
                new LevelChange(Side.SELL, of(101), of(5)));
        BookDelta eth = (BookDelta) events.get(1);
        assertThat(eth.instrument()).isEqualTo(InstrumentId.of("ETH-USD"));
        assertThat(eth.changes()).containsExactly(new LevelChange(Side.BUY, of(2000), 0));
        assertThat(events.get(2)).isInstanceOfSatisfying(TradeTick.class, t -> {
            assertThat(t.price()).isEqualTo(Fixed.parse("100.5"));
            assertThat(t.quantity()).isEqualTo(Fixed.parse("0.25"));
        });
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void incrementalEntriesWithoutSymbolUseTheSubscriptionsInstrument(FixDialect d) throws Exception {
        Message m = d.newMessage(FACTORY, MsgType.MARKET_DATA_INCREMENTAL_REFRESH);
        m.setString(262, "MD-7");
        addUpdate(d, m, '0', '0', null, "100", "2");

        List<MarketDataEvent> events = mapper(d).incremental(Fixtures.wire(d, m, 3),
                Map.of("MD-7", "BTC-USD")::get);

        assertThat(events).singleElement().isInstanceOfSatisfying(BookDelta.class,
                b -> assertThat(b.instrument()).isEqualTo(BTC));
        assertThatThrownBy(() -> mapper(d).incremental(m, id -> null)).isInstanceOf(FieldNotFound.class);
    }

    private static void addUpdate(FixDialect d, Message m, char action, char type, String symbol, String px,
            String size) {
        Group g = d.newGroup(FACTORY, MsgType.MARKET_DATA_INCREMENTAL_REFRESH, 268, 279);
        g.setChar(279, action);
        g.setChar(269, type);
        if (symbol != null) {
            g.setString(55, symbol);
        }
        g.setString(270, px);
        if (size != null) {
            g.setString(271, size);
        }
        m.addGroup(g);
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void marketDataRequestRejectNamesTheRequestTheInstrumentAndTheReason(FixDialect d) throws Exception {
        Message m = d.newMessage(FACTORY, MsgType.MARKET_DATA_REQUEST_REJECT);
        m.setString(262, "MD-9");
        m.setChar(281, '0');
        m.setString(58, "unknown symbol");

        String text = mapper(d).marketDataReject(Fixtures.wire(d, m, 4), Map.of("MD-9", "XYZ")::get);

        assertThat(text).contains("MD-9").contains("XYZ").contains("MDReqRejReason=0").contains("unknown symbol");
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void aRefusedNewOrderBecomesARejectedReportAndARefusedCancelOrReplaceACancelReject(FixDialect d) {
        InboundMapper mapper = mapper(d);

        ExecutionReport rejected = (ExecutionReport) mapper.rejectionOf(
                new SentMessages.Sent(15, "D", "C-1", null, "BTC-USD", '2', of(3), of(100)), "session Reject", 77);
        assertThat(rejected.execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rejected.orderStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.clientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        assertThat(rejected.side()).isEqualTo(Side.SELL);
        assertThat(rejected.orderQuantity()).isEqualTo(of(3));
        assertThat(rejected.text()).isEqualTo("session Reject");
        assertThat(rejected.execId().value()).isEqualTo("LS-R15-C-1");

        OrderCancelRejected cancel = (OrderCancelRejected) mapper.rejectionOf(
                new SentMessages.Sent(16, "F", "CX-1", "C-1", "BTC-USD", '1', of(3), 0), "BMR", 78);
        assertThat(cancel.replace()).isFalse();
        assertThat(cancel.clientOrderId()).isEqualTo(ClientOrderId.of("CX-1"));
        assertThat(cancel.origClientOrderId()).isEqualTo(ClientOrderId.of("C-1"));
        OrderCancelRejected replace = (OrderCancelRejected) mapper.rejectionOf(
                new SentMessages.Sent(17, "G", "R-1", "C-1", "BTC-USD", '1', of(3), of(1)), "BMR", 79);
        assertThat(replace.replace()).isTrue();

        assertThat(mapper.rejectionOf(new SentMessages.Sent(18, "V", "MD-1", null, "BTC-USD", ' ', 0, 0), "x", 1))
                .isNull();
    }

    @ParameterizedTest
    @EnumSource(FixDialect.class)
    void syntheticExecIdsStayWithinTheIdLimit(FixDialect d) {
        String longId = "C".repeat(64);
        assertThat(InboundMapper.syntheticExecId("NS", longId).value()).hasSizeLessThanOrEqualTo(64);
        assertThat(InboundMapper.syntheticExecId("NS", longId))
                .isNotEqualTo(InboundMapper.syntheticExecId("NS", "C".repeat(63) + "D"));
    }
}
