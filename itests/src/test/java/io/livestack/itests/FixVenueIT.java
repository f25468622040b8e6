package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.fix.exchange.sim.ExchangeControl;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;
import io.livestack.itests.support.StoredRows;

/**
 * The runtime trading against the FIX exchange simulator over TCP inside the real distribution (demo configuration:
 * etc/livestack.fixsim.cfg and etc/livestack.venue.fix-FIXSIM.cfg, moved to a free port and with the random walk
 * off so that the market only moves when a test says so):
 * <ul>
 * <li>orders through risk and execution control reach the venue over FIX and come back acknowledged, filled and
 * canceled; fills are persisted;</li>
 * <li>the simulator drops the session while orders rest; fills happen while the venue is away; the adapter
 * reconnects, the venue resends what was missed, reconciliation runs, and every fill is applied exactly once;</li>
 * <li>hot deployment: a venue configuration added at run time adds a venue (FIX 4.2 this time), removing it takes it
 * away (UNAVAILABLE); the venue-fix bundle redeployed while the container runs brings FIXSIM back (same message
 * store) and nothing is replayed.</li>
 * </ul>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FixVenueIT extends LivestackTestSupport {

    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final String CLIENT = "LIVESTACK";
    static final long TICK = Fixed.parse("0.5");
    static final long QTY = Fixed.parse("0.1");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    static final String VENUE_FIX_BUNDLE = "io.livestack.venue.fix";

    @Inject
    private LiveRuntime runtime;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private RuntimeDriver chain;
    private ExchangeControl exchange;

    @Override
    protected Option[] extraOptions() {
        int port = freePort();
        File dir = new File("target/itest-config");
        return new Option[] {
            replaceConfigurationFile("etc/livestack.fixsim.cfg", demoConfig(dir, "livestack.fixsim.cfg", port)),
            replaceConfigurationFile("etc/livestack.venue.fix-FIXSIM.cfg",
                    demoConfig(dir, "livestack.venue.fix-FIXSIM.cfg", port)) };
    }

    /** The shipped demo file with the port moved, the random walk off and reconnects every second. */
    static File demoConfig(File dir, String name, int port) {
        try {
            String text = Files.readString(Path.of("..", "config", name), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^port = \\d+", "port = " + port)
                    .replaceAll("(?m)^walkIntervalMs = \\d+", "walkIntervalMs = 0")
                    .replaceAll("(?m)^reconnectInterval = .*", "reconnectInterval = 1");
            Files.createDirectories(dir.toPath());
            File file = new File(dir, name);
            Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Before
    public void fixVenueIsTrading() {
        chain = new RuntimeDriver(runtime, "itest");
        exchange = service(ExchangeControl.class);
        restoreMarket();
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("FIXSIM LOGGED_ON", WAIT, () -> chain.venueState(FIXSIM), s -> s == VenueSessionState.LOGGED_ON);
        Await.value("a two-sided BTC-USD book at FIXSIM", WAIT, () -> chain.bidAsk(FIXSIM, BTC), b -> b != null);
    }

    /** The maker quoting 49999.5 / 50000.5 (one per level, three levels), whatever a test did to the book. */
    private void restoreMarket() {
        long bid = Fixed.parse("49999.5");
        long ask = Fixed.parse("50000.5");
        List<long[]> bids = new ArrayList<>();
        List<long[]> asks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bids.add(new long[] {bid - i * TICK, Fixed.of(1)});
            asks.add(new long[] {ask + i * TICK, Fixed.of(1)});
        }
        exchange.quote(BTC.value(), bids, asks);
    }

    @Test
    public void ordersTravelOverFixAndComeBackAcknowledgedFilledAndCanceled() {
        long[] bidAsk = chain.bidAsk(FIXSIM, BTC);

        ClientOrderId resting = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC, bidAsk[0] - 20 * TICK, QTY);
        OrderView acked = Await.value("the resting order acknowledged by the venue", WAIT, () -> chain.order(resting),
                o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
        assertEquals(FIXSIM, acked.venue());

        ClientOrderId taker = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.IOC, bidAsk[1] + 2 * TICK, QTY);
        OrderView filled = Await.value("the marketable order filled", WAIT, () -> chain.order(taker),
                o -> o != null && o.status() == OrderStatus.FILLED);
        assertEquals(QTY, filled.filledQuantity());
        assertEquals("filled at the maker's offer", bidAsk[1], filled.averageFillPrice());
        Await.value("the fill persisted", WAIT, () -> fillsOf(taker), fills -> fills.size() == 1);

        CommandResult cancel = chain.cancel(resting);
        assertTrue(cancel.message(), cancel.ok());
        Await.value("the resting order canceled at the venue", WAIT, () -> chain.order(resting),
                o -> o.status() == OrderStatus.CANCELED);

        CommandResult offTick = chain.submit(FIXSIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.DAY,
                bidAsk[0] - 20 * TICK + Fixed.parse("0.25"), QTY);
        assertTrue(offTick.message(), offTick.ok());
        ClientOrderId refused = RuntimeDriver.sentOrderId(offTick);
        OrderView rejected = Await.value("the venue rejects an off-tick price", WAIT, () -> chain.order(refused),
                o -> o != null && o.status() == OrderStatus.REJECTED);
        assertTrue(rejected.lastText(), rejected.lastText().contains("tick"));
    }

    @Test
    public void aDroppedSessionIsRestoredWithNoFillLostOrAppliedTwice() {
        long[] bidAsk = chain.bidAsk(FIXSIM, BTC);
        long bid = bidAsk[0];
        ClientOrderId b1 = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC, bid - 20 * TICK, QTY);
        ClientOrderId b2 = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC, bid - 40 * TICK, QTY);
        ClientOrderId b3 = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC, bid - 60 * TICK, QTY);
        for (ClientOrderId id : List.of(b1, b2, b3)) {
            Await.value(id + " acknowledged", WAIT, () -> chain.order(id),
                    o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
        }
        Set<String> fillsBefore = new HashSet<>(exchange.fillExecIds(CLIENT));

        // the venue drops the connection; while the client is away the maker's new offer sweeps b1 and half of b2
        assertTrue("the simulator had the client connected", exchange.dropSession(CLIENT));
        exchange.quote(BTC.value(), List.of(new long[] {bid - 80 * TICK, Fixed.parse("1")}),
                List.of(new long[] {bid - 50 * TICK, Fixed.parse("0.15")}));
        assertFalse("the fills happened while the client was away", exchange.loggedOnClients().contains(CLIENT));
        List<String> awayFills = new ArrayList<>(exchange.fillExecIds(CLIENT));
        awayFills.removeAll(fillsBefore);
        assertEquals("two fills while away: " + awayFills, 2, awayFills.size());

        // reconnect, resend, reconcile: the runtime ends up exactly where the venue is
        Await.value("FIXSIM LOGGED_ON again", WAIT, () -> exchange.loggedOnClients().contains(CLIENT)
                && chain.venueState(FIXSIM) == VenueSessionState.LOGGED_ON, ok -> ok);
        OrderView o1 = Await.value("b1 FILLED", WAIT, () -> chain.order(b1), o -> o.status() == OrderStatus.FILLED);
        OrderView o2 = Await.value("b2 half filled", WAIT, () -> chain.order(b2),
                o -> o.filledQuantity() == Fixed.parse("0.05"));
        OrderView o3 = chain.order(b3);
        assertEquals(QTY, o1.filledQuantity());
        assertEquals(OrderStatus.PARTIALLY_FILLED, o2.status());
        assertEquals(0, o3.filledQuantity());
        assertTrue("b3 still open", o3.isOpen());
        for (OrderView o : List.of(o1, o2, o3)) {
            assertFalse("never overfilled: " + o, o.overfilled());
        }
        // (the BTC-USD position is shared with the demo strategies trading at SIM: compare the fills themselves)
        Await.value("b1's fill persisted once", WAIT, () -> fillsOf(b1), fills -> fills.size() == 1);
        Await.value("b2's fill persisted once", WAIT, () -> fillsOf(b2), fills -> fills.size() == 1);
        assertTrue("no fill of b3", fillsOf(b3).isEmpty());
        Await.value("each fill persisted exactly once", WAIT, this::fixsimFillExecIds,
                ids -> ids.containsAll(awayFills) && ids.size() == new HashSet<>(ids).size());

        // trading goes on
        ClientOrderId after = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.DAY, bid - 100 * TICK, QTY);
        Await.value("a new order acknowledged after the reconnect", WAIT, () -> chain.order(after),
                o -> o != null && o.status() == OrderStatus.NEW);
        chain.cancel(after);
        chain.cancel(b2);
        chain.cancel(b3);
    }

    @Test
    public void aVenueConfigurationAddedAtRunTimeTradesAndRemovingItTakesTheVenueAway() throws Exception {
        VenueId fix42 = VenueId.of("FIXSIM42");
        Configuration venue = configurationAdmin.createFactoryConfiguration("livestack.venue.fix", "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("venue", fix42.value());
        p.put("port", Integer.toString(exchange.port()));
        p.put("beginString", "FIX.4.2");
        p.put("senderCompID", "LIVESTACK42");
        p.put("targetCompID", "FIXSIM");
        p.put("username", "livestack");
        p.put("password", "demo");
        p.put("reconnectInterval", "1");
        p.put("instruments", "BTC-USD");
        venue.update(p);

        Await.value("FIXSIM42 LOGGED_ON", WAIT, () -> chain.venueState(fix42), s -> s == VenueSessionState.LOGGED_ON);
        long[] bidAsk = Await.value("FIXSIM42 market data", WAIT, () -> chain.bidAsk(fix42, BTC), b -> b != null);
        ClientOrderId first = chain.submitOk(fix42, BTC, Side.BUY, TimeInForce.GTC, bidAsk[0] - 30 * TICK, QTY);
        Await.value("acknowledged over FIX 4.2", WAIT, () -> chain.order(first),
                o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
        assertTrue(chain.cancel(first).ok());
        Await.value("canceled over FIX 4.2", WAIT, () -> chain.order(first), o -> o.status() == OrderStatus.CANCELED);
        ClientOrderId order = chain.submitOk(fix42, BTC, Side.BUY, TimeInForce.GTC, bidAsk[0] - 200 * TICK, QTY);
        Await.value("a second order resting over FIX 4.2", WAIT, () -> chain.order(order),
                o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);

        venue.delete();
        Await.value("FIXSIM42 UNAVAILABLE", WAIT, () -> chain.venueState(fix42),
                s -> s == VenueSessionState.UNAVAILABLE);
        Await.value("its order kept, marked as at an unavailable venue", WAIT, () -> chain.order(order),
                o -> !o.venueAvailable());
        Await.until("the simulator saw the logout", WAIT, () -> !exchange.loggedOnClients().contains("LIVESTACK42"));
        assertEquals("FIXSIM unaffected", VenueSessionState.LOGGED_ON, chain.venueState(FIXSIM));
    }

    @Test
    public void theVenueBundleRedeployedWhileRunningBringsTheVenueBackWithoutReplayingFills()
            throws Exception {
        Bundle venueFix = Await.value(VENUE_FIX_BUNDLE + " ACTIVE", WAIT, () -> bundle(VENUE_FIX_BUNDLE),
                b -> b != null && b.getState() == Bundle.ACTIVE);
        long fillsBefore = exchange.fillExecIds(CLIENT).size();
        long[] bidAsk = chain.bidAsk(FIXSIM, BTC);
        ClientOrderId taker = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.IOC, bidAsk[1] + 2 * TICK, QTY);
        Await.value("filled before the redeploy", WAIT, () -> chain.order(taker),
                o -> o.status() == OrderStatus.FILLED);

        venueFix.stop();
        Await.value("FIXSIM UNAVAILABLE while the bundle is stopped", WAIT, () -> chain.venueState(FIXSIM),
                s -> s == VenueSessionState.UNAVAILABLE);
        venueFix.start();
        Await.value("FIXSIM LOGGED_ON again", WAIT, () -> chain.venueState(FIXSIM),
                s -> s == VenueSessionState.LOGGED_ON);

        ClientOrderId again = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.IOC,
                chain.bidAsk(FIXSIM, BTC)[1] + 2 * TICK, QTY);
        Await.value("filled after the redeploy", WAIT, () -> chain.order(again),
                o -> o.status() == OrderStatus.FILLED);
        assertEquals("the venue saw one more fill, no replay", fillsBefore + 2, exchange.fillExecIds(CLIENT).size());
        assertNotNull(chain.order(taker));
    }

    // ------------------------------------------------------------------------------------------ records

    private List<String> fillsOf(ClientOrderId order) {
        return query("SELECT exec_id FROM fill WHERE client_order_id = ?", order.value());
    }

    private List<String> fixsimFillExecIds() {
        return query("SELECT exec_id FROM fill WHERE venue = ?", FIXSIM.value());
    }

    private List<String> query(String sql, String parameter) {
        return StoredRows.query(bundleContext, WAIT, sql, parameter);
    }
}
