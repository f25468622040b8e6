package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

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
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.PrometheusText;
import io.livestack.itests.support.RuntimeDriver;
import io.livestack.testkit.Await;

/**
 * A second FIX venue file with the id of the running demo venue FIXSIM (one Karaf boot, FIXSIM against the simulator
 * on a free port): it is refused before its adapter exists — its component fails to activate with a message naming
 * both files, counted in {@code livestack_venue_config_refused_total} — while FIXSIM's session, its adapter service,
 * trading and health go on as before; removing the second file leaves FIXSIM LOGGED_ON (never UNAVAILABLE).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DuplicateVenueIT extends LivestackTestSupport {

    static final VenueId FIXSIM = VenueId.of("FIXSIM");
    static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    static final long TICK = Fixed.parse("0.5");
    static final long QTY = Fixed.parse("0.01");
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    static final String RUNNING_FILE = "livestack.venue.fix-FIXSIM.cfg";
    static final String SECOND_FILE = "livestack.venue.fix-FIXSIM2.cfg";

    @Inject
    private LiveRuntime runtime;

    @Override
    protected Option[] extraOptions() {
        return fixSimulatorOnFreePort();
    }

    @Test
    public void aSecondFileWithTheIdOfARunningVenueIsRefusedNamingBothAndTheRunningVenueGoesOn() throws Exception {
        RuntimeDriver chain = new RuntimeDriver(runtime, "itest");
        Path etc = Path.of(bundleContext.getProperty("karaf.etc"));
        Path running = etc.resolve(RUNNING_FILE);
        Path second = etc.resolve(SECOND_FILE);
        Await.value("session RUNNING", WAIT, () -> runtime.status().session(), s -> s == SessionState.RUNNING);
        Await.value("FIXSIM LOGGED_ON", WAIT, () -> chain.venueState(FIXSIM), s -> s == VenueSessionState.LOGGED_ON);
        MetricsAndHealthIT.Response healthBefore = Await.value("health answering", WAIT,
                () -> MetricsAndHealthIT.get("/livestack/health", "viewer", "viewer"),
                r -> r.status == 200 || r.status == 503);
        RuntimeStatus before = runtime.status();
        long adapterService = fixsimAdapterServiceId();

        try {
            // the same venue, as an operator's copy of the file would have it (same id, CompIDs and store)
            moveInto(second, Files.readAllBytes(running));

            ComponentConfigurationDTO refused = Await.value("the second file's component refused", WAIT,
                    () -> venueComponentOf(SECOND_FILE), c -> c.isPresent()
                            && c.get().state == ComponentConfigurationDTO.FAILED_ACTIVATION).get();
            assertNotNull("the activation failure is kept for scr:info", refused.failure);
            assertTrue("names the refused file: " + refused.failure, refused.failure.contains("/" + SECOND_FILE));
            assertTrue("names the running file: " + refused.failure, refused.failure.contains("/" + RUNNING_FILE));
            assertTrue("says what they share: " + refused.failure, refused.failure.contains("venue id FIXSIM"));
            assertTrue("counted for the alert", refusals() >= 1);

            assertEquals("FIXSIM's adapter service untouched", adapterService, fixsimAdapterServiceId());
            fixsimTrades(chain);
            assertUnchanged(before, healthBefore);

            // the refused file removed: nothing happens to FIXSIM
            Files.delete(second);
            Await.value("the second file's component gone", WAIT, () -> venueComponentOf(SECOND_FILE),
                    Optional::isEmpty);
            assertEquals("FIXSIM LOGGED_ON, not UNAVAILABLE", VenueSessionState.LOGGED_ON, chain.venueState(FIXSIM));
            assertEquals("FIXSIM's adapter service untouched", adapterService, fixsimAdapterServiceId());
            fixsimTrades(chain);
            assertUnchanged(before, healthBefore);
        } finally {
            Files.deleteIfExists(second);
        }
    }

    /** A FIXSIM order acknowledged and canceled. */
    private static void fixsimTrades(RuntimeDriver chain) {
        long[] bidAsk = Await.value("a two-sided BTC-USD book at FIXSIM", WAIT, () -> chain.bidAsk(FIXSIM, BTC),
                b -> b != null);
        ClientOrderId order = chain.submitOk(FIXSIM, BTC, Side.BUY, TimeInForce.GTC, bidAsk[0] - 20 * TICK, QTY);
        Await.value("the FIXSIM order acknowledged", WAIT, () -> chain.order(order),
                o -> o != null && o.status() == OrderStatus.NEW && o.venueOrderId() != null);
        assertTrue(chain.cancel(order).ok());
        Await.value("and canceled", WAIT, () -> chain.order(order), o -> o.status() == OrderStatus.CANCELED);
    }

    private void assertUnchanged(RuntimeStatus before, MetricsAndHealthIT.Response healthBefore) {
        RuntimeStatus now = runtime.status();
        assertEquals(SessionState.RUNNING, now.session());
        assertEquals(before.globalTradingState(), now.globalTradingState());
        assertEquals(before.killSwitchEngaged(), now.killSwitchEngaged());
        assertEquals(before.halted(), now.halted());
        assertEquals("health as before the second file", healthBefore.status,
                MetricsAndHealthIT.get("/livestack/health", "viewer", "viewer").status);
    }

    /** The service id of the one VenueAdapter registered for FIXSIM. */
    private long fixsimAdapterServiceId() throws InvalidSyntaxException {
        Collection<ServiceReference<VenueAdapter>> refs = bundleContext.getServiceReferences(VenueAdapter.class,
                "(" + VenueAdapter.VENUE_PROPERTY + "=" + FIXSIM.value() + ")");
        assertEquals("one adapter for FIXSIM: " + refs, 1, refs.size());
        return (Long) refs.iterator().next().getProperty("service.id");
    }

    /** The FIX venue component configuration made from that file, if any. */
    private Optional<ComponentConfigurationDTO> venueComponentOf(String fileName) {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle(FixVenueIT.VENUE_FIX_BUNDLE))) {
            if ("livestack.venue.fix".equals(d.name)) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    Object file = c.properties.get("felix.fileinstall.filename");
                    if (file != null && file.toString().endsWith("/" + fileName)) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** livestack_venue_config_refused_total{venue="FIXSIM"} as /livestack/metrics shows it (0 when absent). */
    private static double refusals() {
        MetricsAndHealthIT.Response r = MetricsAndHealthIT.get("/livestack/metrics", "viewer", "viewer");
        assertEquals(200, r.status);
        return PrometheusText.parse(r.body).named("livestack_venue_config_refused_total").stream()
                .filter(s -> FIXSIM.value().equals(s.labels.get("venue"))).mapToDouble(s -> s.value).sum();
    }
}
