package io.livestack.itests;

import static io.livestack.itests.FixVenueIT.CLIENT;
import static io.livestack.itests.FixVenueIT.FIXSIM;
import static io.livestack.itests.FixVenueIT.WAIT;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.fix.exchange.sim.ExchangeControl;
import io.livestack.fix.exchange.sim.ExchangeControl.ClientFill;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;
import io.livestack.itests.support.StoredRows;
import io.livestack.testkit.Await;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The venue fault suite over the real distribution: the bundled FIX exchange simulator switched to behave like venues
 * nobody here wrote, the runtime trading against it over FIX 4.4 (FIXSIM) and FIX 4.2 (FLT42). Each case checks that
 * nothing is lost (the runtime's orders and position match the venue's own account), nothing is counted twice (each
 * execution booked once, in the state and the database) and the operator is told (the venue alert, the state, the
 * health), then prints its line of the tally. The suite's other cases are their own classes: a duplicate venue
 * configuration ({@link DuplicateVenueIT}), malformed messages ({@link FixFuzzIT}), a session dropped mid-trading
 * ({@link FixVenueIT}).
 * <p>
 * The instrument FLT-USD is quoted by the simulator for this suite alone, so its position is the suite's fills only
 * (the demo strategies trade BTC-USD).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VenueFaultSuiteIT extends LivestackTestSupport {

    static final InstrumentId FLT = InstrumentId.of("FLT-USD");
    static final VenueId FLT42 = VenueId.of("FLT42");
    static final String CLIENT42 = "LIVESTACK42";
    static final long TICK = Fixed.parse("0.5");
    private static final Map<String, String> TALLY = new ConcurrentHashMap<>();

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private RuntimeDriver chain;

    @Override
    protected Option[] extraOptions() {
        int port = FixVenueIT.freePort();
        File dir = new File("target/itest-config-faults");
        return new Option[] {
            replaceConfigurationFile("etc/livestack.fixsim.cfg", edited(FixVenueIT.demoConfig(dir,
                    "livestack.fixsim.cfg", port), "(?m)^symbols = .*", "symbols = BTC-USD:50000:0.5, FLT-USD:100:0.5")),
            replaceConfigurationFile("etc/livestack.venue.fix-FIXSIM.cfg", edited(FixVenueIT.demoConfig(dir,
                    "livestack.venue.fix-FIXSIM.cfg", port), "(?m)^instruments = .*", "instruments = BTC-USD, FLT-USD")),
            editConfigurationFilePut("etc/livestack.execution.cfg", "stuckRequestTimeoutMs", "400"),
            // the shipped reference data refuses instruments it does not know: FLT-USD, without constraints
            editConfigurationFilePut("etc/livestack.refdata.cfg", "instrument.FLT-USD.currency", "USD")};
    }

    /** The file with one line replaced (the key must be there). */
    private static File edited(File file, String line, String replacement) {
        try {
            String text = java.nio.file.Files.readString(file.toPath());
            String changed = text.replaceAll(line, replacement);
            if (changed.equals(text)) {
                throw new IllegalStateException(file + " has no line " + line);
            }
            java.nio.file.Files.writeString(file.toPath(), changed);
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Before
    public void venuesTrading() throws IOException {
        chain = new RuntimeDriver(runtime, "itest");
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        simulator(Map.of()); // every switch off (a case may have failed half way)
        fix42Venue();
        for (VenueId venue : List.of(FIXSIM, FLT42)) {
            Await.value(venue + " LOGGED_ON", WAIT, () -> chain.venueState(venue),
                    s -> s == VenueSessionState.LOGGED_ON);
            Await.value("a two-sided FLT-USD book at " + venue, WAIT, () -> chain.bidAsk(venue, FLT), b -> b != null);
        }
    }

    @Test
    public void bustsAndCorrectionsAreReversedAndReplacedOverFix44AndFix42() {
        for (VenueId venue : List.of(FIXSIM, FLT42)) {
            String client = venue.equals(FIXSIM) ? CLIENT : CLIENT42;
            long busts = alerts(venue, VenueAlert.FILL_BUST);
            long corrections = alerts(venue, VenueAlert.FILL_CORRECTED);
            long positionBefore = chain.position(FLT).netQuantity();
            long[] bidAsk = chain.bidAsk(venue, FLT);
            ClientOrderId id = chain.submitOk(venue, FLT, Side.BUY, TimeInForce.IOC, bidAsk[1], Fixed.parse("0.2"));
            OrderView filled = Await.value(venue + ": the order filled", WAIT, () -> chain.order(id),
                    o -> o != null && o.status() == OrderStatus.FILLED);
            ClientFill fill = venueFills(client, id).get(0);

            assertTrue(exchange().correctFill(client, fill.execId(), Fixed.parse("0.1"), fill.price() - TICK));
            OrderView corrected = Await.value(venue + ": the correction applied", WAIT, () -> chain.order(id),
                    o -> o.filledQuantity() == Fixed.parse("0.1"));
            assertEquals(fill.price() - TICK, corrected.averageFillPrice());
            assertEquals("the position follows the correction", positionBefore + Fixed.parse("0.1"),
                    chain.position(FLT).netQuantity());

            assertTrue(exchange().bustFill(client, fill.execId()));
            OrderView busted = Await.value(venue + ": the bust applied", WAIT, () -> chain.order(id),
                    o -> o.filledQuantity() == 0);
            assertEquals("the position is back", positionBefore, chain.position(FLT).netQuantity());
            assertTrue("the order is done", busted.status().isTerminal());
            assertEquals("operator told: the correction", corrections + 1, alerts(venue, VenueAlert.FILL_CORRECTED));
            assertEquals("operator told: the bust", busts + 1, alerts(venue, VenueAlert.FILL_BUST));
            List<String> kinds = Await.value(venue + ": the fill rows", WAIT, () -> StoredRows.query(bundleContext,
                    WAIT, "SELECT kind FROM fill WHERE client_order_id = ? ORDER BY seq, ord", id.value()),
                    rows -> rows.size() == 4);
            assertEquals(List.of("TRADE", "BUST", "CORRECTION", "BUST"), kinds);
            assertFalse(filled.overfilled());
        }
        tally("busts and corrections (FIX 4.4, FIX 4.2)", "order and position reversed and replaced; rows TRADE, "
                + "BUST, CORRECTION, BUST; FILL_CORRECTED and FILL_BUST alerts");
    }

    @Test
    public void aVenueRestartedWithItsExecIdsStartingOverHasEveryNewExecutionBooked() throws IOException {
        simulator(Map.of("idPrefix", "DAY"));
        awaitLoggedOn(FIXSIM);
        long positionBefore = chain.position(FLT).netQuantity();
        long reused = alerts(FIXSIM, VenueAlert.EXEC_ID_REUSED);
        ClientOrderId first = fill(FIXSIM, Side.BUY, Fixed.parse("0.2"));
        List<String> firstDay = execIds(CLIENT, first);

        simulator(Map.of("idPrefix", "DAY", "seed", "43")); // the venue restarts: its exec ids start over
        awaitLoggedOn(FIXSIM);
        ClientOrderId second = fill(FIXSIM, Side.BUY, Fixed.parse("0.2"));
        List<String> secondDay = execIds(CLIENT, second);

        assertTrue("the venue used an exec id of its earlier run again: " + firstDay + " / " + secondDay,
                secondDay.stream().anyMatch(firstDay::contains));
        assertEquals("both fills booked", Fixed.parse("0.2"), chain.order(second).filledQuantity());
        assertEquals("nothing lost", positionBefore + Fixed.parse("0.4"), chain.position(FLT).netQuantity());
        Await.value("operator told", WAIT, () -> alerts(FIXSIM, VenueAlert.EXEC_ID_REUSED), n -> n > reused);
        Await.value("each booked once in the database", WAIT, () -> StoredRows.query(bundleContext, WAIT,
                "SELECT exec_id FROM fill WHERE client_order_id IN (?, ?)", first.value(), second.value()),
                rows -> rows.size() == firstDay.size() + secondDay.size());
        tally("venue restarted, exec ids start over", "exec ids " + secondDay + " reused; both days' fills booked "
                + "once; EXEC_ID_REUSED alert");
    }

    @Test
    public void aCancelTheVenueNeverAnswersIsAskedAboutThenFlaggedStuck() throws IOException {
        simulator(Map.of("silentOn", "cancel"));
        awaitLoggedOn(FIXSIM);
        long stuck = alerts(FIXSIM, VenueAlert.STUCK_REQUEST);
        long[] bidAsk = chain.bidAsk(FIXSIM, FLT);
        ClientOrderId id = chain.submitOk(FIXSIM, FLT, Side.BUY, TimeInForce.GTC, bidAsk[0] - 2 * TICK,
                Fixed.parse("0.1"));
        Await.value("acknowledged", WAIT, () -> chain.order(id), o -> o != null && o.status() == OrderStatus.NEW);

        assertTrue(chain.cancel(id).ok());

        Await.value("flagged STUCK", WAIT, () -> chain.query(v -> v.stuckOrders().containsKey(id)), s -> s);
        assertEquals(OrderStatus.PENDING_CANCEL, chain.order(id).status());
        assertEquals("operator told", stuck + 1, alerts(FIXSIM, VenueAlert.STUCK_REQUEST));
        MetricsAndHealthIT.Response health = MetricsAndHealthIT.get("/livestack/health", "viewer", "viewer");
        assertTrue("health names it: " + health.body, health.body.contains("STUCK"));

        simulator(Map.of()); // the venue restarts answering: reconciliation settles the order
        awaitLoggedOn(FIXSIM);
        Await.value("settled and no longer stuck", WAIT, () -> chain.query(v -> !v.stuckOrders().containsKey(id)
                && !v.order(id).isOpen()), s -> s);
        tally("venue silent on a cancel", "status request, then STUCK (state, STUCK_REQUEST alert, health); "
                + "cleared when the venue answered");
    }

    @Test
    public void aVenueThatRefusesStatusRequestsIsNotTradedUntilAnOperatorResolvesIt() throws IOException {
        simulator(Map.of("refuseStatusRequests", "true"));
        awaitLoggedOn(FIXSIM);
        long[] bidAsk = chain.bidAsk(FIXSIM, FLT);
        ClientOrderId resting = chain.submitOk(FIXSIM, FLT, Side.BUY, TimeInForce.GTC, bidAsk[0] - 2 * TICK,
                Fixed.parse("0.1"));
        Await.value("acknowledged", WAIT, () -> chain.order(resting), o -> o != null && o.status() == OrderStatus.NEW);

        assertTrue(exchange().dropSession(CLIENT)); // reconnect: the resting order must be reconciled, and cannot be

        Await.value("RECONCILE_FAILED", WAIT, () -> chain.venueState(FIXSIM),
                s -> s == VenueSessionState.RECONCILE_FAILED);
        CommandResult refused = chain.submit(FIXSIM, FLT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                bidAsk[0] - 3 * TICK, Fixed.parse("0.1"));
        assertFalse("no new orders (fail closed): " + refused.message(), refused.ok());
        assertTrue(refused.message(), refused.message().contains("VENUE_NOT_READY"));
        MetricsAndHealthIT.Response health = MetricsAndHealthIT.get("/livestack/health", "viewer", "viewer");
        assertTrue("health names it: " + health.body, health.body.contains("RECONCILE_FAILED"));
        CommandResult early = chain.execute(new Command.ResolveVenue(FLT42, false));
        assertFalse("only a venue in RECONCILE_FAILED is resolved", early.ok());

        CommandResult resolved = chain.executeOk(new Command.ResolveVenue(FIXSIM, true));

        assertTrue(resolved.message(), resolved.message().contains("cancel"));
        awaitLoggedOn(FIXSIM);
        Await.value("the order in doubt canceled", WAIT, () -> chain.order(resting),
                o -> o.status() == OrderStatus.CANCELED);
        assertTrue("trading again", chain.submit(FIXSIM, FLT, Side.BUY, OrderType.LIMIT, TimeInForce.IOC,
                bidAsk[0] - 3 * TICK, Fixed.parse("0.1")).ok());
        tally("venue refuses status requests", "RECONCILE_FAILED (no new orders, health DOWN) until venue-resolve "
                + "--cancel-in-doubt by an operator; then trading");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A marketable IOC filled at the venue; returns it. */
    private ClientOrderId fill(VenueId venue, Side side, long quantity) {
        OrderView o = chain.fillManualIoc(venue, FLT, side, quantity, WAIT);
        return o.clientOrderId();
    }

    private List<ClientFill> venueFills(String client, ClientOrderId order) {
        return Await.value("the venue's account of " + order, WAIT, () -> {
            List<ClientFill> mine = new ArrayList<>();
            for (ClientFill f : exchange().fills(client)) {
                if (f.clOrdId().equals(order.value())) {
                    mine.add(f);
                }
            }
            return mine;
        }, l -> !l.isEmpty());
    }

    private List<String> execIds(String client, ClientOrderId order) {
        return venueFills(client, order).stream().map(ClientFill::execId).toList();
    }

    private long alerts(VenueId venue, VenueAlert alert) {
        return chain.query(v -> v.venueAlerts().getOrDefault(venue, Map.of()).getOrDefault(alert, 0L));
    }

    private void awaitLoggedOn(VenueId venue) {
        Await.value(venue + " LOGGED_ON", WAIT, () -> chain.venueState(venue) == VenueSessionState.LOGGED_ON
                && chain.bidAsk(venue, FLT) != null, ok -> ok);
    }

    private ExchangeControl exchange() {
        return service(ExchangeControl.class);
    }

    /** The simulator's configuration with these fault switches (and only these); it restarts when they change. */
    private void simulator(Map<String, String> switches) throws IOException {
        Configuration c = configurationAdmin.getConfiguration(ExchangeControl.PID, null);
        Dictionary<String, Object> p = c.getProperties();
        boolean changed = false;
        for (String key : List.of("idPrefix", "refuseStatusRequests", "silentOn", "seed")) {
            Object now = p.get(key);
            String wanted = switches.get(key);
            if (wanted == null && key.equals("seed")) {
                wanted = "42";
            }
            if (wanted == null ? now != null : !wanted.equals(String.valueOf(now))) {
                changed = true;
                if (wanted == null) {
                    p.remove(key);
                } else {
                    p.put(key, wanted);
                }
            }
        }
        if (changed) {
            ExchangeControl before = exchange();
            c.update(p);
            Await.until("the simulator restarted with " + switches, WAIT, () -> exchange() != before);
            Await.until("FIXSIM logged on to the restarted simulator", WAIT,
                    () -> exchange().loggedOnClients().contains(CLIENT));
        }
    }

    private void fix42Venue() throws IOException {
        if (chain.venueState(FLT42) != null && chain.venueState(FLT42) != VenueSessionState.UNAVAILABLE) {
            return;
        }
        Configuration venue = configurationAdmin.createFactoryConfiguration("livestack.venue.fix", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("venue", FLT42.value());
        p.put("port", Integer.toString(exchange().port()));
        p.put("beginString", "FIX.4.2");
        p.put("senderCompID", CLIENT42);
        p.put("targetCompID", "FIXSIM");
        p.put("username", "livestack");
        p.put("password", "demo");
        p.put("reconnectInterval", "1");
        p.put("instruments", FLT.value());
        venue.update(p);
    }

    private static void tally(String fault, String outcome) {
        TALLY.put(fault, outcome);
        StringBuilder b = new StringBuilder("venue fault suite, " + TALLY.size() + " case(s) passed so far:");
        TALLY.forEach((k, v) -> b.append("\n  ").append(String.format("%-42s %s", k, v)));
        System.out.println(b);
    }
}
