package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.BookView;
import io.livestack.api.state.OrderView;
import io.livestack.testkit.Await;
import io.livestack.itests.support.KarafShell;
import io.livestack.itests.support.LivestackTestSupport;

/**
 * The livestack:* commands against the running distribution, one test per command group, run in Karaf shell
 * sessions as JAAS subjects so that the command ACLs apply: a viewer (livestack-viewer), an operator
 * (livestack-operator) and the local console (karaf.local.roles: admin, ...). The effects are checked on the
 * runtime itself. Tests run in name order so that the session stop/start (which reconnects every venue) comes last.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OperatorShellIT extends LivestackTestSupport {

    static final String[] VIEWER = {"livestack-viewer", "viewer", "ssh"};
    static final String[] OPERATOR = {"livestack-operator", "livestack-viewer", "ssh"};
    static final String[] LOCAL_CONSOLE = {"admin", "manager", "viewer", "systembundles"};
    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final StrategyId MM = StrategyId.of("mm-sim");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    static final Pattern SENT = Pattern.compile("order (\\S+) sent");

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ExecutionStage execution;

    @Inject
    private StrategyHostStage host;

    private KarafShell shell;

    @Before
    public void stackIsRunning() {
        shell = new KarafShell(sessionFactory);
        if (execution.killSwitchEngaged()) {
            assertOk(shell.execute("livestack:resume", "itest", OPERATOR));
        }
        Await.until("session RUNNING", WAIT, () -> runtime.status().session() == SessionState.RUNNING);
        Await.until("SIM LOGGED_ON", WAIT, () -> venueState() == VenueSessionState.LOGGED_ON);
        Await.until("a two-sided BTC-USD book at SIM", WAIT, () -> bestBid() > 0);
    }

    @Test
    public void readCommandsShowTheRunningStackToAViewer() {
        assertContains(run("livestack:status", VIEWER), "RUNNING", "stage risk", "bound", "kill switch");
        assertContains(run("livestack:venues", VIEWER), "SIM", "LOGGED_ON", "BTC-USD");
        assertContains(run("livestack:strategies", VIEWER), "mm-sim", "mom-sim");
        assertContains(run("livestack:risk", VIEWER), "maxOpenOrders");
        assertContains(run("livestack:book SIM BTC-USD 3", VIEWER), "Bid qty", "Ask");
        assertContains(run("livestack:trading-state", VIEWER), "global", "kill switch");
        assertContains(run("livestack:trading-state global", VIEWER), "global ACTIVE");
        assertContains(run("livestack:positions", VIEWER), "Instrument");
        assertContains(run("livestack:orders --open", VIEWER), "Order", "Status");
        assertContains(run("livestack:fills -n 5", VIEWER), "Exec id");
    }

    @Test
    public void aViewerIsRefusedEveryControlCommand() {
        for (String command : List.of("livestack:kill itest", "livestack:resume", "livestack:session-start",
                "livestack:session-stop", "livestack:venue-connect SIM", "livestack:venue-disconnect SIM",
                "livestack:order-submit SIM BTC-USD BUY 0.01 1000", "livestack:order-cancel LS1",
                "livestack:strategy-start mm-sim", "livestack:strategy-stop mm-sim",
                "livestack:trading-state global HALTED", "livestack:cancel-all venue:SIM",
                "livestack:kill --scope venue:SIM itest")) {
            KarafShell.Result r = shell.execute(command, "viewer", VIEWER);
            assertFalse(command + " must be refused to a viewer: " + r, r.ok());
            assertTrue(command + ": " + r.error(), r.error().contains("Command not found")
                    || r.error().contains("Insufficient credentials"));
        }
        assertFalse("no kill switch from a viewer", execution.killSwitchEngaged());
        assertEquals(TradingState.ACTIVE, execution.tradingState(TradingScope.GLOBAL));
        assertEquals(VenueSessionState.LOGGED_ON, venueState());
    }

    @Test
    public void badArgumentsEndInOneLineErrorsWithoutStackTraces() {
        assertError("livestack:order-submit SIM BTC-USD BYU 1 100", "side 'BYU' is not one of BUY, SELL");
        assertError("livestack:order-submit SIM BTC-USD BUY ten 100",
                "quantity 'ten' is not a decimal number with at most 8 decimals");
        assertError("livestack:order-submit NYSE BTC-USD BUY 1 100", "unknown venue 'NYSE'");
        assertError("livestack:order-submit SIM DOGE BUY 1 100", "instrument 'DOGE' is not traded at SIM");
        assertError("livestack:order-submit SIM BTC-USD BUY 1", "a LIMIT order needs a price");
        assertError("livestack:trading-state desk:1 HALTED", "scope 'desk:1' is not one of");
        assertError("livestack:trading-state global PAUSED", "trading state 'PAUSED' is not one of");
        assertError("livestack:venue-disconnect NYSE", "unknown venue 'NYSE'");
        assertError("livestack:strategy-stop nosuch", "unknown strategy 'nosuch'");
        assertError("livestack:order-cancel NOSUCH-1", "unknown order 'NOSUCH-1'");
        assertError("livestack:book SIM BTC-USD many", "depth 'many' is not a whole number");
    }

    @Test
    public void ordersGroupSubmitsThroughRiskListsAndCancels() {
        String price = Fixed.format(belowMarket("0.98"));
        String out = run("livestack:order-submit SIM BTC-USD BUY 0.01 " + price + " --tif GTC", OPERATOR);
        Matcher m = SENT.matcher(out);
        assertTrue("order-submit answers with the ClOrdID: " + out, m.find());
        ClientOrderId id = ClientOrderId.of(m.group(1));
        OrderView order = Await.value("manual order " + id + " acknowledged", WAIT, () -> order(id),
                o -> o != null && o.status() == OrderStatus.NEW);
        assertEquals(StrategyId.of("manual"), order.strategy());
        assertContains(run("livestack:orders --open --strategy manual", VIEWER), id.value(), "GTC");

        // through risk like any other: a price far outside the band is refused by the risk stage
        assertError("livestack:order-submit SIM BTC-USD BUY 0.01 " + Fixed.format(belowMarket("0.5")), "PRICE_BAND");

        assertContains(run("livestack:order-cancel " + id.value(), OPERATOR), id.value());
        Await.value("manual order " + id + " canceled", WAIT, () -> order(id),
                o -> o != null && o.status() == OrderStatus.CANCELED);
        assertError("livestack:order-cancel " + id.value(), "is not open (CANCELED)");
    }

    @Test
    public void tradingStatesAndTheKillSwitch() {
        assertContains(run("livestack:trading-state strategy:mm-sim REDUCING", OPERATOR), "REDUCING");
        assertEquals(TradingState.REDUCING, execution.tradingStates().get(TradingScope.strategy(MM)));
        assertContains(run("livestack:trading-state strategy:mm-sim", VIEWER), "strategy:mm-sim REDUCING");
        run("livestack:trading-state strategy:mm-sim ACTIVE", OPERATOR);

        String price = Fixed.format(belowMarket("0.98"));
        run("livestack:order-submit SIM BTC-USD BUY 0.01 " + price + " --tif GTC", OPERATOR);
        Await.until("an open order before the kill", WAIT, () -> openOrders() > 0);

        assertContains(run("livestack:kill itest kill switch", OPERATOR), "kill switch engaged");
        assertTrue(execution.killSwitchEngaged());
        Await.value("every open order canceled by the kill switch", WAIT, this::openOrders, n -> n == 0);
        assertContains(run("livestack:trading-state", VIEWER), "HALTED", "ENGAGED");
        assertError("livestack:order-submit SIM BTC-USD BUY 0.01 " + price, "TRADING_HALTED");

        assertContains(run("livestack:resume", OPERATOR), "ACTIVE");
        assertFalse(execution.killSwitchEngaged());
        assertEquals(TradingState.ACTIVE, execution.tradingState(TradingScope.GLOBAL));
    }

    @Test
    public void cancelAllAndAScopedKill() {
        String price = Fixed.format(belowMarket("0.98"));
        run("livestack:order-submit SIM BTC-USD BUY 0.01 " + price + " --tif GTC", OPERATOR);
        Await.until("a manual open order before the cancel-all", WAIT, () -> manualOpenOrders() > 0);

        assertContains(run("livestack:cancel-all strategy:manual", OPERATOR), "cancel-all strategy:manual",
                "cancel requests sent");
        Await.value("every manual open order canceled", WAIT, this::manualOpenOrders, n -> n == 0);
        assertEquals("cancel-all leaves trading as it was", TradingState.ACTIVE,
                execution.tradingState(TradingScope.GLOBAL));
        assertError("livestack:cancel-all book:SIM", "is not one of");

        assertContains(run("livestack:kill --scope strategy:manual itest scoped kill", OPERATOR), "killed strategy:manual");
        assertFalse("a scoped kill is not the desk's", execution.killSwitchEngaged());
        assertError("livestack:order-submit SIM BTC-USD BUY 0.01 " + price, "TRADING_HALTED");
        run("livestack:trading-state strategy:manual ACTIVE", OPERATOR);
    }

    @Test
    public void venuesGroupDisconnectsAndReconnects() {
        assertContains(run("livestack:venue-disconnect SIM", OPERATOR), "SIM");
        Await.value("SIM no longer logged on", WAIT, this::venueState, s -> s != VenueSessionState.LOGGED_ON);
        assertContains(run("livestack:venue-connect SIM", OPERATOR), "SIM");
        Await.value("SIM logged on again", WAIT, this::venueState, s -> s == VenueSessionState.LOGGED_ON);
    }

    @Test
    public void strategiesGroupStopsAndStarts() {
        Await.until("mm-sim running", WAIT, () -> strategy(MM) != null && strategy(MM).running());
        run("livestack:strategy-stop mm-sim", OPERATOR);
        Await.until("mm-sim stopped", WAIT, () -> !strategy(MM).running());
        assertContains(run("livestack:strategies", VIEWER), "mm-sim");
        run("livestack:strategy-start mm-sim", OPERATOR);
        Await.until("mm-sim running again", WAIT, () -> strategy(MM).running());
    }

    @Test
    public void whenTheSessionStopsWithCancelOrdersItCanBeStartedAgain() {
        String stopped = run("livestack:session-stop --cancel-orders", OPERATOR);
        // the command returns once the session is STOPPED and its records are durable, and says how far
        assertContains(stopped, "session STOPPED");
        assertContains(stopped, "journal durable to seq ");
        assertEquals(SessionState.STOPPED, runtime.status().session());
        Await.value("no open order after a stop with --cancel-orders", WAIT, this::openOrders, n -> n == 0);
        assertContains(run("livestack:status", VIEWER), "STOPPED");
        run("livestack:session-start", OPERATOR);
        Await.value("session RUNNING again", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
    }

    @Test
    public void theLocalConsoleMayReadAndControl() {
        assertContains(run("livestack:status", LOCAL_CONSOLE), "RUNNING");
        assertContains(run("livestack:trading-state global ACTIVE", LOCAL_CONSOLE), "ACTIVE");
    }

    // ------------------------------------------------------------------------------------------ helpers

    private String run(String command, String... roles) {
        KarafShell.Result r = shell.execute(command, roles == VIEWER ? "viewer" : "operator", roles);
        assertOk(r);
        return r.output;
    }

    private static void assertOk(KarafShell.Result r) {
        if (!r.ok()) {
            throw new AssertionError("command failed: " + r);
        }
    }

    private void assertError(String command, String expected) {
        KarafShell.Result r = shell.execute(command, "operator", OPERATOR);
        assertFalse(command + " must fail", r.ok());
        String error = r.error();
        assertNotNull(error);
        assertTrue(command + ": '" + error + "' should contain '" + expected + "'", error.contains(expected));
        assertFalse(command + ": one line: " + error, error.contains("\n"));
        assertFalse(command + ": no stack trace in the output: " + r.output, r.output.contains("\tat "));
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue("expected '" + part + "' in:\n" + text, text.contains(part));
        }
    }

    private <T> T query(java.util.function.Function<io.livestack.api.state.StateView, T> q) {
        try {
            return runtime.query(q).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("state query failed", e);
        }
    }

    private VenueSessionState venueState() {
        Map<VenueId, VenueSessionState> states = query(v -> Map.copyOf(v.venueStates()));
        return states.get(SIM);
    }

    private long bestBid() {
        return query(v -> {
            BookView b = v.book(SIM, BTC);
            return b != null && b.hasBid() && b.hasAsk() ? b.bestBidPrice() : 0L;
        });
    }

    /** {@code factor} (a decimal) times the best bid, down to the 0.01 tick. */
    private long belowMarket(String factor) {
        long price = Fixed.multiply(bestBid(), Fixed.parse(factor));
        return price - price % (Fixed.SCALE / 100);
    }

    private OrderView order(ClientOrderId id) {
        return query(v -> v.order(id));
    }

    private int openOrders() {
        return query(v -> v.openOrderCount());
    }

    private int manualOpenOrders() {
        return query(v -> (int) v.openOrders().stream().filter(o -> o.strategy().value().equals("manual")).count());
    }

    private StrategyInfo strategy(StrategyId id) {
        return host.strategies().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
