package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.livestack.api.event.Command;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.PrometheusText;

/**
 * /livestack/metrics and /livestack/health of the running distribution: HTTP Basic against the karaf realm, the
 * Prometheus text with the documented metric names, and health following a venue's connection (503 while SIM is
 * disconnected, 200 once it is back).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsAndHealthIT extends LivestackTestSupport {

    /** A user who can log in but has no Live Stack role. */
    static final String OUTSIDER = "outsider";

    @Inject
    private LiveRuntime runtime;

    @Override
    protected Option[] extraOptions() {
        return new Option[] {editConfigurationFilePut("etc/users.properties", OUTSIDER, OUTSIDER + ",ssh")};
    }

    @Test
    public void metricsArePrometheusTextWithTheLiveStackMetrics() throws Exception {
        Await.until("session RUNNING", Await.DEFAULT_TIMEOUT, () -> runtime.status().session() == SessionState.RUNNING);
        Set<String> expected = new TreeSet<>(List.of(
                "livestack_runtime_events_processed_total", "livestack_runtime_queue_depth",
                "livestack_runtime_queue_capacity", "livestack_runtime_conflated_total",
                "livestack_runtime_last_seq", "livestack_runtime_session_state", "livestack_runtime_stage_bound",
                "livestack_runtime_kill_switch_engaged", "livestack_runtime_trading_state",
                "livestack_events_in_total", "livestack_events_out_total", "livestack_loop_utilization",
                "livestack_venue_session_state", "livestack_venue_up", "livestack_venue_open_orders",
                "livestack_strategy_running", "livestack_strategy_intents_total", "livestack_risk_limit",
                "livestack_orders_sent_total", "livestack_storage_backlog", "livestack_storage_written_total",
                "livestack_venue_messages_in_total", "livestack_venue_messages_out_total",
                "livestack_venue_reconnects_total", "livestack_venue_heartbeat_lag_seconds",
                "livestack_latency_tick_to_order_seconds",
                "jvm_memory_heap_used", "jvm_threads_count"));
        // strategies trade on SIM: execution's order counters appear once orders were sent; the venue and loop
        // gauges once the collector's refresh got a state answer from the loop (it waits for recovery at boot)
        PrometheusText metrics = Await.value("the documented metric families", Await.DEFAULT_TIMEOUT, () -> {
            Response r = get("/livestack/metrics", "viewer", "viewer");
            assertEquals(200, r.status);
            assertTrue(r.contentType, r.contentType.startsWith("text/plain; version=0.0.4"));
            return PrometheusText.parse(r.body);
        }, p -> p.types.keySet().containsAll(expected));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(metrics.types.keySet());
        assertEquals("metric families missing from /livestack/metrics", Set.of(), missing);
        assertEquals("counter", metrics.types.get("livestack_runtime_events_processed_total"));
        assertEquals("gauge", metrics.types.get("livestack_runtime_queue_depth"));

        assertTrue("the session state RUNNING is 1", metrics.named("livestack_runtime_session_state").stream()
                .anyMatch(s -> "RUNNING".equals(s.labels.get("state")) && s.value == 1));
        assertTrue("SIM is up", metrics.named("livestack_venue_up").stream()
                .anyMatch(s -> "SIM".equals(s.labels.get("venue")) && s.value == 1));
        assertTrue("mm-sim runs", metrics.named("livestack_strategy_running").stream()
                .anyMatch(s -> "mm-sim".equals(s.labels.get("strategy")) && s.value == 1));
        assertTrue("events were processed",
                metrics.named("livestack_runtime_events_processed_total").get(0).value > 0);
    }

    @Test
    public void theEndpointsRequireAUserWithALiveStackRole() throws Exception {
        for (String path : List.of("/livestack/metrics", "/livestack/health")) {
            Response anonymous = get(path, null, null);
            assertEquals(path + " without credentials", 401, anonymous.status);
            assertNotNull(anonymous.authenticate);
            assertTrue(anonymous.authenticate, anonymous.authenticate.startsWith("Basic"));
            assertEquals(path + " with a wrong password", 401, get(path, "viewer", "wrong").status);
            assertEquals(path + " for a user without a Live Stack role", 403, get(path, OUTSIDER, OUTSIDER).status);
            int operator = get(path, "operator", "operator").status;
            assertTrue(path + " for the operator: " + operator, operator == 200 || operator == 503);
        }
    }

    @Test
    public void healthIs503WhileAVenueIsDisconnectedAnd200WhenItIsBack() throws Exception {
        Response healthy = Await.value("health 200", Await.DEFAULT_TIMEOUT, () -> get("/livestack/health", "viewer",
                "viewer"), r -> r.status == 200);
        assertTrue(healthy.body, healthy.body.contains("\"processingLoop\":{\"status\":\"UP\""));
        assertTrue(healthy.body, healthy.body.contains("\"SIM\":\"LOGGED_ON\""));
        assertTrue(healthy.body, healthy.body.contains("\"storage\":{\"status\":"));

        assertTrue(execute(new Command.DisconnectVenue(VenueId.of("SIM"))).ok());
        Response down = Await.value("health 503 with SIM disconnected", Await.DEFAULT_TIMEOUT,
                () -> get("/livestack/health", "viewer", "viewer"), r -> r.status == 503);
        assertTrue(down.body, down.body.contains("\"venues\":{\"status\":\"DOWN\""));
        assertTrue(down.body, down.body.contains("SIM"));

        assertTrue(execute(new Command.ConnectVenue(VenueId.of("SIM"))).ok());
        Response back = Await.value("health 200 once SIM is back", Await.DEFAULT_TIMEOUT,
                () -> get("/livestack/health", "viewer", "viewer"), r -> r.status == 200);
        assertFalse(back.body, back.body.contains("\"status\":\"DOWN\""));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private CommandResult execute(Command command) throws Exception {
        return runtime.execute(command, "itest").get(30, TimeUnit.SECONDS);
    }

    static final class Response {
        final int status;
        final String contentType;
        final String authenticate;
        final String body;

        Response(int status, String contentType, String authenticate, String body) {
            this.status = status;
            this.contentType = contentType;
            this.authenticate = authenticate;
            this.body = body;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static Response get(String path, String user, String password) {
        try {
            URL url = new URL("http://127.0.0.1:" + System.getProperty(HTTP_PORT) + path);
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            if (user != null) {
                c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = "";
            if (in != null) {
                try (InputStream is = in) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    is.transferTo(bytes);
                    body = bytes.toString(StandardCharsets.UTF_8);
                }
            }
            return new Response(status, String.valueOf(c.getContentType()), c.getHeaderField("WWW-Authenticate"),
                    body);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }
}
