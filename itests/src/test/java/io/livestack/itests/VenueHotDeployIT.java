package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.OrderView;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RuntimeDriver;

/**
 * Hot deployment of a venue adapter bundle into a running distribution (one Karaf boot):
 * <ol>
 * <li>the distribution runs without the simulated-venue adapter: the test uninstalls bundle
 * {@value #VENUE_SIM_BUNDLE} that the {@code livestack} feature installed (its demo venue SIM goes UNAVAILABLE);
 * FIXSIM (FIX, against the simulator on a free port) trades;</li>
 * <li>the adapter jar dropped into {@code deploy/} and {@code etc/livestack.venue.sim-HOT.cfg} into {@code etc/}
 * bring venue HOT up without a restart: LOGGED_ON, a manual order acknowledged and resting;</li>
 * <li>the jar deleted from {@code deploy/} takes the venue down cleanly: HOT UNAVAILABLE, its resting order still
 * there, open, marked {@code venueAvailable == false}; the session keeps RUNNING and FIXSIM keeps trading.</li>
 * </ol>
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VenueHotDeployIT extends LivestackTestSupport {

    static final String VENUE_SIM_BUNDLE = "io.livestack.venue.sim";
    static final VenueId SIM = VenueId.of("SIM");
    static final VenueId HOT = VenueId.of("HOT");
    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final long HOT_TICK = Fixed.parse("0.01");
    static final long FIXSIM_TICK = Fixed.parse("0.5");
    static final long QTY = Fixed.parse("0.01");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;

    @Inject
    private LiveRuntime runtime;

    @Override
    protected Option[] extraOptions() {
        int port = FixVenueIT.freePort();
        File dir = new File("target/itest-config");
        return new Option[] {
            replaceConfigurationFile("etc/livestack.fixsim.cfg", FixVenueIT.demoConfig(dir, "livestack.fixsim.cfg", port)),
            replaceConfigurationFile("etc/livestack.venue.fix-FIXSIM.cfg",
                    FixVenueIT.demoConfig(dir, "livestack.venue.fix-FIXSIM.cfg", port)) };
    }

    @Test
    public void anAdapterBundleDroppedIntoDeployBringsAVenueUpAndRemovingItTakesTheVenueDownCleanly()
            throws Exception {
        RuntimeDriver chain = new RuntimeDriver(runtime, "itest");
        Path karafBase = Path.of(bundleContext.getProperty("karaf.base"));
        Path deployed = karafBase.resolve("deploy").resolve("livestack-venue-sim-hot.jar");
        Path venueFile = Path.of(bundleContext.getProperty("karaf.etc")).resolve("livestack.venue.sim-HOT.cfg");
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("FIXSIM LOGGED_ON", WAIT, () -> chain.venueState(FIXSIM), s -> s == VenueSessionState.LOGGED_ON);

        // 1. no simulated-venue adapter in the running distribution
        Path adapterJar = adapterJarInTheDistribution(karafBase);
        Bundle shipped = bundle(VENUE_SIM_BUNDLE);
        if (shipped != null) {
            shipped.uninstall();
            Await.value("SIM UNAVAILABLE without its adapter bundle", WAIT, () -> chain.venueState(SIM),
                    s -> s == null || s == VenueSessionState.UNAVAILABLE);
        }
        assertEquals("no " + VENUE_SIM_BUNDLE + " bundle", null, bundle(VENUE_SIM_BUNDLE));
        assertEquals("no venue HOT yet", null, chain.venueState(HOT));

        // 2. hot deploy: the venue's file into etc/, the adapter jar into deploy/ (each moved in whole, never seen
        // half written by the directory watcher)
        try {
            moveInto(venueFile, String.join("\n",
                    "venue = HOT",
                    "instruments = BTC-USD:50000",
                    "tickSize = 0.01",
                    "volatilityBps = 2",
                    "marketDataIntervalMillis = 250",
                    "latencyMillis = 2",
                    "seed = 7",
                    "").getBytes(StandardCharsets.UTF_8));
            moveInto(deployed, Files.readAllBytes(adapterJar));

            Bundle hotBundle = Await.value(VENUE_SIM_BUNDLE + " deployed from deploy/ and ACTIVE", WAIT,
                    () -> bundle(VENUE_SIM_BUNDLE), b -> b != null && b.getState() == Bundle.ACTIVE);
            assertTrue("installed by the deploy/ directory watcher: " + hotBundle.getLocation(),
                    hotBundle.getLocation().contains("deploy"));
            Await.value("HOT LOGGED_ON", WAIT, () -> chain.venueState(HOT), s -> s == VenueSessionState.LOGGED_ON);
            long[] bidAsk = Await.value("a two-sided BTC-USD book at HOT", WAIT, () -> chain.bidAsk(HOT, BTC),
                    b -> b != null);
            long price = RuntimeDriver.scaled(bidAsk[0], "0.97", HOT_TICK);
            ClientOrderId hotOrder = chain.submitOk(HOT, BTC, Side.BUY, TimeInForce.GTC, price, QTY);
            OrderView resting = Await.value("the order at HOT acknowledged and resting", WAIT,
                    () -> chain.order(hotOrder),
                    o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
            assertTrue(resting.venueAvailable());
            assertEquals(HOT, resting.venue());

            // 3. the jar removed: the venue goes away cleanly, its order stays, the rest keeps trading
            Files.delete(deployed);
            Await.value("HOT UNAVAILABLE", WAIT, () -> chain.venueState(HOT), s -> s == VenueSessionState.UNAVAILABLE);
            Await.value(VENUE_SIM_BUNDLE + " uninstalled", WAIT, () -> bundle(VENUE_SIM_BUNDLE), b -> b == null);
            OrderView kept = Await.value("the resting order kept, marked as at an unavailable venue", WAIT,
                    () -> chain.order(hotOrder), o -> o != null && !o.venueAvailable());
            assertTrue("still open: " + kept, kept.isOpen());
            assertEquals(OrderStatus.NEW, kept.status());
            assertEquals(resting.venueOrderId(), kept.venueOrderId());
            assertEquals(resting.quantity(), kept.quantity());
            assertEquals(resting.price(), kept.price());
            List<ClientOrderId> open = chain.openOrders().stream().map(OrderView::clientOrderId)
                    .collect(Collectors.toList());
            assertTrue("among the open orders: " + open, open.contains(hotOrder));

            assertEquals("the session keeps running", SessionState.RUNNING, runtime.status().session());
            assertEquals("FIXSIM unaffected", VenueSessionState.LOGGED_ON, chain.venueState(FIXSIM));
            long[] fixBidAsk = Await.value("a two-sided BTC-USD book at FIXSIM", WAIT,
                    () -> chain.bidAsk(FIXSIM, BTC), b -> b != null);
            ClientOrderId fixOrder = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC,
                    fixBidAsk[0] - 20 * FIXSIM_TICK, QTY);
            Await.value("a FIXSIM order acknowledged after HOT went away", WAIT, () -> chain.order(fixOrder),
                    o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
            assertTrue(chain.cancel(fixOrder).ok());
            Await.value("and canceled", WAIT, () -> chain.order(fixOrder), o -> o.status() == OrderStatus.CANCELED);
            assertTrue("HOT's order untouched by FIXSIM's traffic", chain.order(hotOrder).isOpen());
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(venueFile);
        }
    }

    /** The adapter jar the distribution ships (its system/ repository, where the feature installed it from). */
    private static Path adapterJarInTheDistribution(Path karafBase) throws IOException {
        Path dir = karafBase.resolve("system/io/livestack/livestack-venue-sim");
        try (Stream<Path> files = Files.walk(dir)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("livestack-venue-sim-.*\\.jar"))
                    .findFirst().orElse(null);
            assertNotNull("the venue-sim jar under " + dir, jar);
            return jar;
        }
    }
}
