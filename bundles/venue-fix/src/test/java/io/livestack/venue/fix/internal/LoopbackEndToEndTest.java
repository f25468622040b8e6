package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static io.livestack.venue.fix.internal.LoopbackHarness.SYMBOL;
import static io.livestack.venue.fix.internal.LoopbackHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import quickfix.Message;
import quickfix.Session;

/**
 * The venue adapter against the FIX exchange simulator over real loopback TCP (plain JUnit, no Karaf), for each FIX
 * version: logon, market data, orders with acks, fills, cancels and replaces, venue refusals, a dropped session
 * restored with no fill lost or applied twice, malformed venue messages, reconfiguration.
 */
class LoopbackEndToEndTest {

    @TempDir
    Path dir;
    private LoopbackHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private LoopbackHarness start(String beginString, Map<String, Object> adapterOverrides) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> p = h.adapterProperties(beginString);
        p.putAll(adapterOverrides);
        h.startAdapter(p);
        h.awaitLoggedOn(0);
        return h;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4", "FIXT.1.1"})
    void tradesOverLoopbackWithAcksFillsCancelsReplacesAndMarketData(String beginString) throws Exception {
        start(beginString, Map.of());

        BookSnapshot snapshot = h.intake.await(BookSnapshot.class, s -> s.instrument().value().equals(SYMBOL));
        assertThat(snapshot.bids()).containsExactly(new BookLevel(Fixed.parse("29999.5"), of(1)),
                new BookLevel(of(29999), of(2)), new BookLevel(Fixed.parse("29998.5"), of(3)));
        assertThat(snapshot.asks().get(0)).isEqualTo(new BookLevel(Fixed.parse("30000.5"), of(1)));

        // a resting order: acknowledged, replaced, canceled
        OrderView buy = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29990), of(1));
        ExecutionReport ack = h.awaitReport(buy, ExecType.NEW);
        assertThat(ack.orderStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(ack.venueOrderId()).isNotNull();
        assertThat(ack.leavesQuantity()).isEqualTo(of(1));
        ClientOrderId replaceId = h.replace(buy, of(29995), of(2));
        ExecutionReport replaced = h.awaitReport(replaceId, ExecType.REPLACED);
        assertThat(replaced.origClientOrderId()).isEqualTo(buy.clientOrderId());
        assertThat(replaced.orderStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(replaced.price()).isEqualTo(of(29995));
        assertThat(replaced.orderQuantity()).isEqualTo(of(2));
        assertThat(replaced.venueOrderId()).isEqualTo(ack.venueOrderId());
        ClientOrderId cancelId = h.cancel(buy);
        ExecutionReport canceled = h.awaitReport(cancelId, ExecType.CANCELED);
        assertThat(canceled.origClientOrderId()).isEqualTo(replaceId);
        assertThat(canceled.leavesQuantity()).isZero();

        // an IOC that takes the maker's offer: a fill, a trade print and the offer shrinking in the book
        int mark = h.intake.size();
        OrderView ioc = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(30001), Fixed.parse("0.5"));
        ExecutionReport fill = h.awaitReport(ioc, ExecType.TRADE);
        assertThat(fill.lastPrice()).isEqualTo(Fixed.parse("30000.5"));
        assertThat(fill.lastQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(fill.orderStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(fill.liquidity()).isEqualTo(beginString.equals("FIX.4.2") ? LiquidityFlag.UNKNOWN
                : LiquidityFlag.TAKER);
        h.intake.await(TradeTick.class, t -> t.price() == Fixed.parse("30000.5")
                && t.quantity() == Fixed.parse("0.5"), mark);
        h.intake.await(BookDelta.class, d -> d.changes().contains(
                new LevelChange(Side.SELL, Fixed.parse("30000.5"), Fixed.parse("0.5"))), mark);

        // a market order sweeping two bid levels
        OrderView market = h.submit(Side.SELL, OrderType.MARKET, TimeInForce.DAY, 0, Fixed.parse("2.5"));
        awaitTrue("market order filled", () -> h.tracker.view(market.clientOrderId()).status()
                == OrderStatus.FILLED);
        List<ExecutionReport> marketFills = h.tracker.uniqueFills().stream()
                .filter(r -> r.clientOrderId().equals(market.clientOrderId())).toList();
        assertThat(marketFills).extracting(ExecutionReport::lastPrice)
                .containsExactly(Fixed.parse("29999.5"), of(29999));
        assertThat(marketFills.get(1).averagePrice()).isEqualTo(Fixed.parse("29999.2"));

        // the venue's refusals
        OrderView offTick = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.parse("29990.25"), of(1));
        assertThat(h.awaitReport(offTick, ExecType.REJECTED).text()).contains("tick");
        h.adapter.cancel(Fixtures.order("NOPE", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)),
                ClientOrderId.of("X-NOPE"));
        OrderCancelRejected cancelReject = h.intake.await(OrderCancelRejected.class,
                r -> r.clientOrderId().value().equals("X-NOPE"));
        assertThat(cancelReject.reason()).contains("unknown order");

        // end of day
        OrderView day = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29900), of(1));
        OrderView gtc = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29901), of(1));
        h.awaitReport(gtc, ExecType.NEW);
        h.exchange.expireDayOrders();
        assertThat(h.awaitReport(day, ExecType.EXPIRED).orderStatus()).isEqualTo(OrderStatus.EXPIRED);

        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);
        assertThat(h.adapter.describe()).contains(beginString).contains("LOGGED_ON").doesNotContain("=pw");
    }

    @ParameterizedTest
    @CsvSource({"FIX.4.2, false", "FIX.4.4, true", "FIXT.1.1, false"})
    void aDroppedSessionIsRestoredWithNoFillLostOrDuplicatedAndSequenceNumbersContinue(String beginString,
            boolean massStatus) throws Exception {
        start(beginString, Map.of("massStatus", massStatus));
        OrderView b1 = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29990), of(1));
        OrderView b2 = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29980), of(1));
        OrderView b3 = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29970), of(1));
        OrderView s1 = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(30010), of(1));
        for (OrderView o : List.of(b1, b2, b3, s1)) {
            h.awaitReport(o, ExecType.NEW);
        }
        OrderView early = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(30001), of(1));
        h.awaitReport(early, ExecType.TRADE);
        int seqOut = h.session().getExpectedSenderNum();
        int seqIn = h.session().getExpectedTargetNum();
        List<String> fillsBefore = h.exchange.fillExecIds(CLIENT);

        // the venue drops the connection; while we are away its market maker sweeps three of our orders
        int mark = h.intake.size();
        assertThat(h.exchange.dropSession(CLIENT)).isTrue();
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.LOGGED_OUT
                && e.detail().contains("connection lost"), mark);
        h.exchange.quote(SYMBOL, List.of(new long[] {of(30015), of(1)}),
                List.of(new long[] {of(29975), Fixed.parse("1.5")}));
        List<String> awayFills = new ArrayList<>(h.exchange.fillExecIds(CLIENT));
        awayFills.removeAll(fillsBefore);
        assertThat(awayFills).hasSize(3);

        // we reconnect, the venue resends what we missed, reconciliation answers, trading resumes
        VenueSessionEvent loggedOn = h.awaitLoggedOn(mark);
        // (with mass status, the orders the venue closed while we were away are answered by the resent reports that
        // closed them, or, when those came before the reconciliation began, by the per-order requests that follow)
        assertThat(loggedOn.detail()).contains("reconciled 4 of 4 open orders");
        List<String> venueFills = h.exchange.fillExecIds(CLIENT);
        awaitTrue("every fill the venue reported arrived", () -> h.tracker.uniqueFills().stream()
                .map(r -> r.execId().value()).collect(Collectors.toSet()).containsAll(venueFills));
        assertThat(h.tracker.uniqueFills()).extracting(r -> r.execId().value())
                .containsExactlyInAnyOrderElementsOf(venueFills);
        List<ExecutionReport> awayReports = h.intake.all(ExecutionReport.class).stream()
                .filter(r -> awayFills.contains(r.execId().value())).toList();
        assertThat(awayReports).isNotEmpty().allMatch(ExecutionReport::possibleDuplicate);
        assertThat(h.tracker.duplicateFills()).allMatch(ExecutionReport::possibleDuplicate);
        assertThat(h.tracker.view(b1.clientOrderId()).filledQuantity()).isEqualTo(of(1));
        assertThat(h.tracker.view(b2.clientOrderId()).filledQuantity()).isEqualTo(Fixed.parse("0.5"));
        assertThat(h.tracker.view(b3.clientOrderId()).filledQuantity()).isZero();
        assertThat(h.tracker.view(s1.clientOrderId()).filledQuantity()).isEqualTo(of(1));
        assertThat(h.tracker.view(early.clientOrderId()).filledQuantity()).isEqualTo(of(1));
        ExecutionReport b3Status = h.intake.await(ExecutionReport.class, r -> r.execType() == ExecType.ORDER_STATUS
                && r.clientOrderId().equals(b3.clientOrderId()), mark);
        assertThat(b3Status.orderStatus()).isEqualTo(OrderStatus.NEW);
        ExecutionReport b2Status = h.intake.await(ExecutionReport.class, r -> r.execType() == ExecType.ORDER_STATUS
                && r.clientOrderId().equals(b2.clientOrderId()), mark);
        assertThat(b2Status.orderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(b2Status.cumulativeQuantity()).isEqualTo(Fixed.parse("0.5"));

        Session session = h.session();
        assertThat(session.getExpectedSenderNum()).isGreaterThan(seqOut);
        assertThat(session.getExpectedTargetNum()).isGreaterThan(seqIn + 3);
        Session venueSide = Session.lookupSession(h.exchange.sessionOf(CLIENT));
        awaitTrue("the venue expects our next sequence number (no gap, no reset)",
                () -> venueSide.getExpectedTargetNum() == session.getExpectedSenderNum());

        OrderView after = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        assertThat(h.awaitReport(after, ExecType.NEW).orderStatus()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void afterACrashTheVenueResendsWhatTheJournalNeverSawAndTheLogonWaitsForTheRecovery() throws Exception {
        start("FIX.4.4", Map.of());
        OrderView journaled = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(30001), of(1));
        ExecutionReport seen = h.awaitReport(journaled, ExecType.TRADE);
        assertThat(seen.venueSeq()).isPositive();
        OrderView lost = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(30001), of(1));
        ExecutionReport neverJournaled = h.awaitReport(lost, ExecType.TRADE);
        assertThat(neverJournaled.venueSeq()).isGreaterThan(seen.venueSeq());
        // QuickFIX/J counts a message as received once the application callback has returned
        awaitTrue("the session store has the last fill as received",
                () -> h.session().getExpectedTargetNum() > neverJournaled.venueSeq());

        // the process dies: QuickFIX/J's store has every report as received, the journal only up to the first fill
        h.adapter.close();
        h.intake.lastJournaledVenueSeq(EventIntake.RECOVERING);
        int mark = h.intake.size();
        h.startAdapter(h.adapterProperties("FIX.4.4"));
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.CONNECTING
                && e.detail().contains("waiting for the runtime's recovery"), mark);
        assertThat(h.intake.events().subList(mark, h.intake.size())).as("no logon before the recovery")
                .noneMatch(e -> e instanceof VenueSessionEvent v && v.state() == VenueSessionState.RECONCILING);

        h.intake.lastJournaledVenueSeq(seen.venueSeq()); // recovered
        h.awaitLoggedOn(mark);
        ExecutionReport resent = h.intake.await(ExecutionReport.class,
                r -> r.execId().equals(neverJournaled.execId()), mark);
        assertThat(resent.possibleDuplicate()).isTrue();
        assertThat(resent.venueSeq()).isEqualTo(neverJournaled.venueSeq());
        assertThat(h.intake.all(ExecutionReport.class).stream()
                .filter(r -> r.execId().equals(seen.execId())).count())
                .as("what the journal holds is not asked again").isEqualTo(1);
    }

    @Test
    void afterAPowerLossAnOrderSentWhoseInputTheJournalLostIsBookedFromTheStoreWithItsStrategyBeforeTheLogon()
            throws Exception {
        start("FIX.4.4", Map.of());
        OrderView kept = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(kept, ExecType.NEW);
        OrderView lost = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(31000), Fixed.parse("0.25"));
        h.awaitReport(lost, ExecType.NEW);

        // the machine loses power: the journal kept the first order's input, not the second's
        h.adapter.close();
        h.intake.lastJournaledVenueSeq(EventIntake.RECOVERING);
        h.intake.sentButNotJournaled(id -> id.equals(lost.clientOrderId()));
        int mark = h.intake.size();
        h.startAdapter(h.adapterProperties("FIX.4.4"));
        h.intake.lastJournaledVenueSeq(-1); // recovered
        h.awaitLoggedOn(mark);

        List<io.livestack.api.event.Event> after = h.intake.events().subList(mark, h.intake.size());
        List<io.livestack.api.event.SentOrderRecovered> recovered = after.stream()
                .filter(e -> e instanceof io.livestack.api.event.SentOrderRecovered)
                .map(e -> (io.livestack.api.event.SentOrderRecovered) e).toList();
        assertThat(recovered).singleElement().satisfies(r -> {
            assertThat(r.clientOrderId()).isEqualTo(lost.clientOrderId());
            assertThat(r.strategy()).isEqualTo(lost.strategy());
            assertThat(r.instrument()).isEqualTo(lost.instrument());
            assertThat(r.side()).isEqualTo(Side.SELL);
            assertThat(r.type()).isEqualTo(OrderType.LIMIT);
            assertThat(r.timeInForce()).isEqualTo(TimeInForce.GTC);
            assertThat(r.price()).isEqualTo(of(31000));
            assertThat(r.quantity()).isEqualTo(Fixed.parse("0.25"));
            assertThat(r.venue()).isEqualTo(lost.venue());
        });
        int found = after.indexOf(recovered.get(0));
        int loggedOn = -1;
        for (int i = 0; i < after.size(); i++) {
            if (after.get(i) instanceof VenueSessionEvent v && v.state() == VenueSessionState.RECONCILING) {
                loggedOn = i;
                break;
            }
        }
        assertThat(found).as("published before the logon (before the venue's reports)").isLessThan(loggedOn);
    }

    @Test
    void malformedOrUnexpectedVenueMessagesAreRejectedAsFixPrescribesAndTheSessionKeepsRunning() throws Exception {
        start("FIX.4.4", Map.of());
        FixDialect d = FixDialect.FIX44;
        int before = h.intake.size();

        Message noClOrdId = Fixtures.er(d, '0', '0').set(17, "BAD-1").remove(11).m;
        Message tooPrecise = Fixtures.er(d, '0', '0').set(17, "BAD-2").set(44, "30000.123456789").m;
        Message news = d.newMessage(Fixtures.FACTORY, "B");
        news.setString(148, "unexpected news");
        quickfix.Group line = d.newGroup(Fixtures.FACTORY, "B", 33, 58);
        line.setString(58, "hello");
        news.addGroup(line);
        Message noExecId = Fixtures.er(d, '0', '0').remove(17).m;
        for (Message m : List.of(noClOrdId, tooPrecise, news, noExecId)) {
            h.exchange.sendToClient(CLIENT, m);
        }

        awaitTrue("four rejects at the venue", () -> h.exchange.receivedRejects().size() >= 4);
        List<Message> rejects = h.exchange.receivedRejects();
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.getHeader().getString(35)).isEqualTo("j");
            assertThat(r.getInt(380)).isEqualTo(5);
            assertThat(r.getString(58)).contains("11");
        });
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.getHeader().getString(35)).isEqualTo("3");
            assertThat(r.getInt(371)).isEqualTo(44);
            assertThat(r.getInt(373)).isEqualTo(5);
        });
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.getHeader().getString(35)).isEqualTo("j");
            assertThat(r.getInt(380)).isEqualTo(3);
            assertThat(r.getString(372)).isEqualTo("B");
        });
        assertThat(rejects).anySatisfy(r -> {
            assertThat(r.getHeader().getString(35)).isEqualTo("3");
            assertThat(r.getInt(371)).isEqualTo(17);
            assertThat(r.getInt(373)).isEqualTo(1);
        });
        assertThat(h.intake.events().subList(before, h.intake.size()))
                .noneMatch(e -> e instanceof ExecutionReport);

        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);
        OrderView o = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        h.awaitReport(o, ExecType.NEW);
    }

    @Test
    void aChangedConfigurationRestartsTheSessionAndSequenceNumbersContinue() throws Exception {
        start("FIX.4.4", Map.of());
        int seqOut = h.session().getExpectedSenderNum();
        int mark = h.intake.size();

        Map<String, Object> changed = h.adapterProperties("FIX.4.4");
        changed.put("heartbeatInterval", "10");
        h.adapter.reconfigure(FixVenueSettings.parse(changed, dir));

        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.LOGGED_OUT
                && e.detail().contains("configuration changed"), mark);
        h.awaitLoggedOn(mark);
        assertThat(h.adapter.settings().heartbeatSeconds()).isEqualTo(10);
        assertThat(h.session().getExpectedSenderNum()).isGreaterThan(seqOut);

        mark = h.intake.size();
        h.adapter.close();
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.LOGGED_OUT
                && e.detail().contains("venue removed"), mark);
        awaitTrue("the venue saw the logout", () -> h.exchange.loggedOnClients().isEmpty());
    }

    @Test
    void aWrongPasswordIsAnErrorAndRetried() throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> p = h.adapterProperties("FIX.4.4");
        p.put("password", "wrong");
        h.startAdapter(p);

        VenueSessionEvent error = h.intake.await(VenueSessionEvent.class,
                e -> e.state() == VenueSessionState.ERROR && e.detail().contains("logon"));
        assertThat(error.detail()).contains("invalid username or password").doesNotContain("wrong");
        assertThat(h.adapter.sessionState()).isNotEqualTo(VenueSessionState.LOGGED_ON);
    }

    @Test
    void thePasswordNeverReachesTheMessageLogOrTheStore() throws Exception {
        start("FIX.4.4", Map.of());
        OrderView o = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        h.awaitReport(o, ExecType.NEW);
        h.adapter.close();

        String written = read(dir.resolve("adapter-log")) + read(dir.resolve("adapter"));
        assertThat(written).contains("553=trader").contains("554=********").doesNotContain("554=pw");
        assertThat(read(dir.resolve("sim"))).doesNotContain("554=pw");
    }

    private static String read(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
