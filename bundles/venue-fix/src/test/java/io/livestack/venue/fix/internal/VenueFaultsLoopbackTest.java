package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter against a simulator that behaves like venues nobody here wrote, over loopback TCP, FIX 4.2 and 4.4:
 * status requests refused (fail closed: RECONCILE_FAILED until an operator resolves it), trades busted and
 * corrected, exec ids that start over after the venue restarts.
 */
class VenueFaultsLoopbackTest {

    @TempDir
    Path dir;
    private LoopbackHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private LoopbackHarness start(String beginString, Map<String, String> exchange) throws Exception {
        h = new LoopbackHarness(dir).startExchange(exchange);
        h.startAdapter(h.adapterProperties(beginString));
        h.awaitLoggedOn(0);
        return h;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void aVenueThatRefusesStatusRequestsStaysNotReadyUntilAnOperatorResolvesIt(String beginString) throws Exception {
        start(beginString, Map.of("refuseStatusRequests", "true"));
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(resting, ExecType.NEW);
        int mark = h.intake.size();

        h.exchange.dropSession(CLIENT); // the adapter reconnects and must reconcile the resting order

        VenueSessionEvent failed = h.intake.awaitState(VenueSessionState.RECONCILE_FAILED, mark);
        assertThat(failed.detail()).contains("1 order(s) in doubt").contains(resting.currentClientOrderId().value())
                .contains("livestack:venue-resolve");
        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.RECONCILE_FAILED);
        assertThat(stateAfter(mark)).doesNotContain(VenueSessionState.LOGGED_ON);

        int before = h.intake.size();
        h.adapter.resolveReconciliation("alice", false);

        VenueSessionEvent resolved = h.awaitLoggedOn(before);
        assertThat(resolved.detail()).contains("resolved by alice").contains("accepted as reconciled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void aCancelTheVenueLeavesUnansweredGetsItsOrdersStatusOnRequest(String beginString) throws Exception {
        start(beginString, Map.of("silentOn", "cancel"));
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(resting, ExecType.NEW);
        int mark = h.intake.size();
        h.cancel(resting);

        h.adapter.requestStatus(h.tracker.view(resting.clientOrderId())); // as execution control does when stuck

        ExecutionReport status = h.intake.await(ExecutionReport.class, r -> r.execType() == ExecType.ORDER_STATUS
                && r.clientOrderId().equals(resting.currentClientOrderId()), mark);
        assertThat(status.orderStatus()).as("the venue still has it working: the cancel was never taken")
                .isEqualTo(io.livestack.api.model.OrderStatus.NEW);
        assertThat(h.intake.events().subList(mark, h.intake.size())).noneMatch(e -> e instanceof ExecutionReport r
                && r.execType() == ExecType.CANCELED);
        assertThat(h.adapter.sessionState()).as("one order's status is no reconciliation")
                .isEqualTo(VenueSessionState.LOGGED_ON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void withReconcileResendTheVenuesOwnStreamReconcilesTheOrdersItNames(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("refuseStatusRequests", "true"));
        Map<String, Object> p = h.adapterProperties(beginString);
        p.put("reconcileResend", "true");
        h.startAdapter(p);
        h.awaitLoggedOn(0);
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        ExecutionReport ack = h.awaitReport(resting, ExecType.NEW);
        int mark = h.intake.size();

        h.exchange.dropSession(CLIENT);

        VenueSessionEvent back = h.awaitLoggedOn(mark);
        assertThat(back.detail()).contains("the venue resent its session from seq 1")
                .contains("named every order in doubt");
        assertThat(stateAfter(mark)).doesNotContain(VenueSessionState.RECONCILE_FAILED);
        ExecutionReport resent = h.intake.await(ExecutionReport.class, r -> r.execId().equals(ack.execId()), mark);
        assertThat(resent.possibleDuplicate()).as("the acknowledgement again, as a resend").isTrue();
        assertThat(h.exchange.openOrders(CLIENT)).as("nothing canceled").hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void withReconcileMassCancelTheOrdersInDoubtAreCanceledAtTheVenueAndTradingGoesOn() throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of("refuseStatusRequests", "true"));
        Map<String, Object> p = h.adapterProperties("FIX.4.4");
        p.put("reconcileMassCancel", "true");
        h.startAdapter(p);
        h.awaitLoggedOn(0);
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29000), of(1));
        h.awaitReport(resting, ExecType.NEW);
        int mark = h.intake.size();

        h.exchange.dropSession(CLIENT);

        VenueSessionEvent back = h.awaitLoggedOn(mark);
        assertThat(back.detail()).contains("orders in doubt canceled at the venue");
        assertThat(stateAfter(mark)).doesNotContain(VenueSessionState.RECONCILE_FAILED);
        ExecutionReport canceled = h.intake.await(ExecutionReport.class, r -> r.execType() == ExecType.CANCELED
                && r.clientOrderId().equals(resting.currentClientOrderId()), mark);
        assertThat(canceled.text()).contains("mass cancel");
        assertThat(h.exchange.openOrders(CLIENT)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void reconcileMassCancelIsRefusedForFix42NamingTheKey() {
        Map<String, Object> p = new LoopbackHarness(dir).adapterPropertiesFor(1, "FIX.4.2");
        p.put("reconcileMassCancel", "true");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FixVenueSettings.parse(p, dir))
                .hasMessageContaining("reconcileMassCancel").hasMessageContaining("FIX.4.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void bustsAndCorrectionsArriveNamingTheExecutionTheyReplace(String beginString) throws Exception {
        start(beginString, Map.of());
        OrderView buy = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(30001), of(2));
        ExecutionReport fill = h.awaitReport(buy, ExecType.TRADE);
        List<String> execIds = h.exchange.fillExecIds(CLIENT);
        assertThat(execIds).contains(fill.execId().value());

        assertThat(h.exchange.correctFill(CLIENT, fill.execId().value(), of(1), of(29999))).isTrue();
        ExecutionReport correction = h.awaitReport(buy, ExecType.TRADE_CORRECT);
        assertThat(correction.execRefId()).isEqualTo(fill.execId());
        assertThat(correction.lastQuantity()).isEqualTo(of(1));
        assertThat(correction.lastPrice()).isEqualTo(of(29999));

        assertThat(h.exchange.bustFill(CLIENT, fill.execId().value())).isTrue();
        ExecutionReport bust = h.awaitReport(buy, ExecType.TRADE_CANCEL);
        assertThat(bust.execRefId()).isEqualTo(fill.execId());
        assertThat(h.exchange.fills(CLIENT)).noneMatch(f -> f.execId().equals(fill.execId().value()));
        assertThat(h.exchange.bustFill(CLIENT, "NO-SUCH-EXEC")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4"})
    void aVenueRestartedWithItsExecIdsStartingOverSendsTheSameExecIdsForOtherReports(String beginString)
            throws Exception {
        start(beginString, Map.of("idPrefix", "DAY"));
        OrderView first = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.IOC, of(29000), of(1)); // nothing rests:
        h.awaitReport(first, ExecType.CANCELED); // no status requests after the restart take exec ids
        List<ExecutionReport> beforeRestart = h.intake.all(ExecutionReport.class);
        int port = h.exchange.port();
        h.exchange.close(); // the venue restarts: a new trading day, its exec ids start again
        int mark = h.intake.size();
        h.exchange = null;
        h.startExchange(Map.of("idPrefix", "DAY", "port", Integer.toString(port)));
        h.awaitLoggedOn(mark);

        OrderView second = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.GTC, of(31000), of(1));
        ExecutionReport secondAck = h.awaitReport(second, ExecType.NEW);

        assertThat(beforeRestart).as("an exec id of the day before, now for another order").anySatisfy(r -> {
            assertThat(r.execId()).isEqualTo(secondAck.execId());
            assertThat(r.clientOrderId()).isNotEqualTo(secondAck.clientOrderId());
        });
    }

    private List<VenueSessionState> stateAfter(int mark) {
        return h.intake.events().subList(mark, h.intake.size()).stream()
                .filter(VenueSessionEvent.class::isInstance).map(e -> ((VenueSessionEvent) e).state()).toList();
    }
}
