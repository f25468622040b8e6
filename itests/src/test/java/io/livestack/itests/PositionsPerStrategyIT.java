package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.itests.support.KarafShell;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.testkit.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Two market makers on one instrument in the real distribution, each trading for its own account: the demo's mm-sim
 * (account ACC-A) and a second one, mm-b (account ACC-B), configured by a file of its own. Both trade BTC-USD at SIM;
 * the state keeps each one's position, each account's, and the desk's roll-up, and the shell and the web console
 * show them. Trading is frozen with the kill switch before the figures are compared, so that they hold still.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PositionsPerStrategyIT extends LivestackTestSupport {

    static final String[] VIEWER = {"livestack-viewer", "viewer", "ssh"};
    static final String[] OPERATOR = {"livestack-operator", "livestack-viewer", "ssh"};
    static final VenueId SIM = VenueId.of("SIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final StrategyId MM = StrategyId.of("mm-sim");
    static final StrategyId MM_B = StrategyId.of("mm-b");
    static final AccountId ACC_A = AccountId.of("ACC-A");
    static final AccountId ACC_B = AccountId.of("ACC-B");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    /** Filling both market makers' quotes takes the random walk a while. */
    static final Duration TRADING_WAIT = Duration.ofMinutes(3);
    static final String MM_B_FILE = "etc/livestack.strategy.marketmaker-mm-b.cfg";

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ExecutionStage execution;

    @Inject
    private SessionFactory sessionFactory;

    /** mm-sim trades for ACC-A; mm-b, a market maker like it, for ACC-B. */
    @Override
    protected Option[] extraOptions() {
        Map<String, String> mmB = new java.util.LinkedHashMap<>();
        mmB.put("livestack.strategy.id", MM_B.value());
        mmB.put("livestack.strategy.autoStart", "true");
        mmB.put("venue", SIM.value());
        mmB.put("instrument", BTC.value());
        mmB.put("quantity", "0.01");
        mmB.put("maxPosition", "0.05");
        mmB.put("spreadBps", "10");
        mmB.put("requoteThresholdBps", "8");
        mmB.put("skewBps", "4");
        mmB.put("tickSize", "0.01");
        mmB.put("rejectBackoffMillis", "2000");
        mmB.put("account", ACC_B.value());
        List<Option> options = new java.util.ArrayList<>(List.of(fixSimulatorOnFreePort()));
        options.add(editConfigurationFilePut("etc/livestack.strategy.marketmaker-mm-sim.cfg", "account",
                ACC_A.value()));
        mmB.forEach((k, v) -> options.add(editConfigurationFilePut(MM_B_FILE, k, v)));
        return OptionUtils.combine(options.toArray(new Option[0]));
    }

    @Test
    public void twoStrategiesOnOneInstrumentHaveTheirOwnPositionsAndTheDeskRollsThemUp() throws Exception {
        Await.until("session RUNNING", WAIT, () -> runtime.status().session() == SessionState.RUNNING);
        Await.until("SIM LOGGED_ON", WAIT, () -> query(v -> v.venueState(SIM)) == VenueSessionState.LOGGED_ON);
        Await.until("mm-sim and mm-b both hold a BTC-USD position", TRADING_WAIT, () -> query(
                v -> v.position(MM, BTC).netQuantity() != 0 && v.position(MM_B, BTC).netQuantity() != 0));

        KarafShell shell = new KarafShell(sessionFactory);
        KarafShell.Result kill = shell.execute("livestack:kill itest: freeze the positions", "operator", OPERATOR);
        assertTrue(kill.toString(), kill.ok());
        Await.until("no open orders left", WAIT, () -> query(v -> v.openOrderCount()) == 0);

        // the state: each strategy and account its own, the desk the sum
        Map<String, Long> net = query(v -> Map.of(
                "desk", v.position(BTC).netQuantity(),
                "mm", v.position(MM, BTC).netQuantity(),
                "mmB", v.position(MM_B, BTC).netQuantity(),
                "others", v.positions(PositionView.Level.STRATEGY).stream()
                        .filter(p -> !p.strategy().equals(MM) && !p.strategy().equals(MM_B))
                        .mapToLong(PositionView::netQuantity).sum(),
                "accA", v.position(ACC_A, BTC).netQuantity(),
                "accB", v.position(ACC_B, BTC).netQuantity()));
        assertNotEquals(0L, (long) net.get("mm"));
        assertNotEquals(0L, (long) net.get("mmB"));
        assertEquals("the desk is every strategy's position: " + net, net.get("mm") + net.get("mmB")
                + net.get("others"), (long) net.get("desk"));
        assertEquals("ACC-A holds what mm-sim holds", net.get("mm"), net.get("accA"));
        assertEquals("ACC-B holds what mm-b holds", net.get("mmB"), net.get("accB"));
        List<String> books = query(v -> v.positions(PositionView.Level.BOOK).stream()
                .map(p -> p.strategy() + "/" + p.account() + "/" + p.instrument()).sorted()
                .collect(Collectors.toList()));
        assertTrue(books.toString(), books.contains("mm-b/ACC-B/BTC-USD") && books.contains("mm-sim/ACC-A/BTC-USD"));
        List<AccountId> mmBAccounts = query(v -> v.orders().stream().filter(o -> o.strategy().equals(MM_B))
                .map(OrderView::account).distinct().collect(Collectors.toList()));
        assertEquals("every order of mm-b trades for ACC-B", List.of(ACC_B), mmBAccounts);
        PnlView deskPnl = query(v -> v.pnl(PnlView.Scope.DESK, "*"));
        assertEquals("USD", deskPnl.currency());

        // the shell
        String strategies = run(shell, "livestack:positions --level strategy");
        assertRow(strategies, "mm-sim", net.get("mm"));
        assertRow(strategies, "mm-b", net.get("mmB"));
        String accounts = run(shell, "livestack:positions --level account");
        assertRow(accounts, "ACC-A", net.get("mm"));
        assertRow(accounts, "ACC-B", net.get("mmB"));
        assertRow(run(shell, "livestack:positions"), "BTC-USD", net.get("desk"));
        String pnl = run(shell, "livestack:pnl");
        assertTrue(pnl, Pattern.compile("(?m)^desk\\s*\\|\\s*\\*\\s*\\|\\s*USD").matcher(pnl).find());
        assertTrue(pnl, Pattern.compile("(?m)^strategy\\s*\\|\\s*mm-b\\s*\\|").matcher(pnl).find());
        assertTrue(pnl, Pattern.compile("(?m)^account\\s*\\|\\s*ACC-A\\s*\\|").matcher(pnl).find());

        // the web console's data, as a viewer sees it
        MetricsAndHealthIT.Response page = MetricsAndHealthIT.get("/system/console/livestack/data.json", "viewer",
                "viewer");
        assertEquals(page.toString(), 200, page.status);
        assertTrue(page.body, page.body.contains("\"strategy\":\"mm-b\",\"account\":\"ACC-B\",\"instrument\":"
                + "\"BTC-USD\",\"net\":\"" + Fixed.format(net.get("mmB")) + "\""));
        assertTrue(page.body, page.body.contains("\"strategy\":\"mm-sim\",\"account\":\"ACC-A\",\"instrument\":"
                + "\"BTC-USD\",\"net\":\"" + Fixed.format(net.get("mm")) + "\""));
        assertTrue(page.body, page.body.contains("\"instrument\":\"BTC-USD\",\"net\":\""
                + Fixed.format(net.get("desk")) + "\""));
        assertTrue(page.body, page.body.contains("\"scope\":\"strategy\",\"id\":\"mm-b\""));
        assertTrue(page.body, page.body.contains("\"risk\":[{"));
    }

    private static String run(KarafShell shell, String command) {
        KarafShell.Result r = shell.execute(command, "viewer", VIEWER);
        assertTrue("command failed: " + r, r.ok());
        return r.output;
    }

    /**
     * A table row of {@code key} (a strategy or account, then the instrument BTC-USD; or the instrument itself at
     * the desk level) whose next column, the net position, is {@code net}.
     */
    private static void assertRow(String table, String key, long net) {
        String keys = key.equals(BTC.value()) ? Pattern.quote(key)
                : Pattern.quote(key) + "\\s*\\|\\s*" + Pattern.quote(BTC.value());
        Pattern row = Pattern.compile("(?m)^" + keys + "\\s*\\|\\s*" + Pattern.quote(Fixed.format(net))
                + "\\s*\\|");
        assertTrue("expected a row of " + key + " with net " + Fixed.format(net) + " in:\n" + table,
                row.matcher(table).find());
    }

    private <T> T query(Function<StateView, T> q) {
        try {
            return runtime.query(q).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("state query failed: " + e, e);
        }
    }
}
