package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static io.livestack.venue.fix.internal.LoopbackHarness.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import quickfix.Session;

/**
 * The operator's (and the runtime's session stop/start) {@code disconnect()} then {@code connect()} against the FIX
 * exchange simulator over real loopback TCP: the session logs out at the venue, logs on again, reconciles, is
 * LOGGED_ON and trades, with sequence numbers continuing — whether the connect comes at once (before QuickFIX/J has
 * even sent the Logout) or after the logout has completed.
 */
class DisconnectConnectLoopbackTest {

    @TempDir
    Path dir;
    private LoopbackHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    private void start(String beginString) throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        h.startAdapter(h.adapterProperties(beginString));
        h.awaitLoggedOn(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIX.4.2", "FIX.4.4", "FIXT.1.1"})
    void connectRightAfterDisconnectLogsOutThenLogsOnAgainAndTrades(String beginString) throws Exception {
        start(beginString);
        OrderView resting = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.GTC, of(29990), of(1));
        h.awaitReport(resting, ExecType.NEW);
        int seqOut = h.session().getExpectedSenderNum();
        int mark = h.intake.size();

        // what the runtime's session stop followed by a session start does: both calls within microseconds
        h.adapter.disconnect();
        h.adapter.connect();

        VenueSessionEvent out = h.intake.awaitState(VenueSessionState.LOGGED_OUT, mark);
        assertThat(out.detail()).contains("operator");
        int afterLogout = h.intake.events().indexOf(out);
        h.awaitLoggedOn(afterLogout);
        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);
        assertThat(statesFrom(mark)).containsSubsequence(VenueSessionState.LOGGED_OUT, VenueSessionState.CONNECTING,
                VenueSessionState.RECONCILING, VenueSessionState.LOGGED_ON);

        // the resting order was reconciled, new orders are acknowledged, no sequence number was reset
        assertThat(h.tracker.view(resting.clientOrderId()).status()).isEqualTo(OrderStatus.NEW);
        OrderView after = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        assertThat(h.awaitReport(after, ExecType.NEW).orderStatus()).isEqualTo(OrderStatus.NEW);
        Session session = h.session();
        assertThat(session.getExpectedSenderNum()).isGreaterThan(seqOut);
        Session venueSide = Session.lookupSession(h.exchange.sessionOf(CLIENT));
        awaitTrue("the venue expects our next sequence number (no gap, no reset)",
                () -> venueSide.getExpectedTargetNum() == session.getExpectedSenderNum());
    }

    @Test
    void connectAfterACompletedLogoutLogsOnAgainAndTrades() throws Exception {
        start("FIX.4.4");
        int mark = h.intake.size();

        h.adapter.disconnect();
        VenueSessionEvent out = h.intake.awaitState(VenueSessionState.LOGGED_OUT, mark);
        assertThat(out.detail()).contains("operator");
        awaitTrue("the venue saw the logout", () -> h.exchange.loggedOnClients().isEmpty());
        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_OUT);
        OrderView refused = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        assertThat(h.awaitReport(refused, ExecType.REJECTED).text()).contains("not logged on");

        mark = h.intake.size();
        h.adapter.connect();
        h.awaitLoggedOn(mark);
        awaitTrue("the venue sees us logged on", () -> h.exchange.loggedOnClients().contains(CLIENT));
        OrderView after = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29000), of(1));
        assertThat(h.awaitReport(after, ExecType.NEW).orderStatus()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void survivesRepeatedStopStartCycles() throws Exception {
        start("FIX.4.4");
        for (int cycle = 0; cycle < 3; cycle++) {
            int mark = h.intake.size();
            h.adapter.disconnect();
            h.adapter.connect();
            VenueSessionEvent out = h.intake.awaitState(VenueSessionState.LOGGED_OUT, mark);
            h.awaitLoggedOn(h.intake.events().indexOf(out));
        }
        OrderView after = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.DAY, of(31000), of(1));
        assertThat(h.awaitReport(after, ExecType.NEW).orderStatus()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void disconnectWhileConnectingStopsTheAttemptsAndConnectStartsThemAgain() throws Exception {
        h = new LoopbackHarness(dir).startExchange(Map.of());
        Map<String, Object> p = h.adapterProperties("FIX.4.4");
        p.put("autoConnect", "false");
        h.startAdapter(p);
        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.DISCONNECTED);

        h.adapter.connect();
        h.adapter.disconnect();
        h.intake.awaitState(VenueSessionState.LOGGED_OUT, 0);
        int mark = h.intake.size();
        h.adapter.connect();
        h.awaitLoggedOn(mark);
        assertThat(h.adapter.sessionState()).isEqualTo(VenueSessionState.LOGGED_ON);
    }

    private List<VenueSessionState> statesFrom(int from) {
        return h.intake.events().subList(from, h.intake.size()).stream()
                .filter(VenueSessionEvent.class::isInstance).map(e -> ((VenueSessionEvent) e).state()).toList();
    }
}
