package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.ExportedNames;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.MonitoringFiles;
import io.livestack.itests.support.PrometheusText;
import io.livestack.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

/**
 * docs/monitoring against the real exporter: the distribution as an operator runs it (outside any container, demo
 * configuration, the FIX simulator on a free port), scraped over HTTP as Prometheus does once the demo strategies
 * traded; every metric name the Grafana dashboard and the Prometheus alert rules read must be served, with the
 * labels their matchers name, and what they rate() must be a counter ({@link ExportedNames}). A misspelled name
 * fails within {@link #SETTLE} of the demo trading.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class MonitoringDocsIT {

    /** Once the demo traded: how long series that appear a refresh later may take. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private Distribution dist;

    @After
    public void stopIt() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    public void everyMetricTheDashboardAndTheAlertRulesReadIsExported() throws Exception {
        // the files first: a broken one fails here, before anything boots
        List<MonitoringFiles.Query> queries = new ArrayList<>();
        MonitoringFiles.all().values().forEach(queries::addAll);

        dist = Distribution.unpack("monitoring");
        String fixPort = Integer.toString(LivestackTestSupport.freePorts(1)[0]);
        Distribution.setProperty(dist.etc("livestack.fixsim.cfg"), "port", fixPort);
        Distribution.setProperty(dist.etc("livestack.venue.fix-FIXSIM.cfg"), "port", fixPort);
        dist.start();

        Await.value("the demo trading: session RUNNING, SIM and FIXSIM up, fills, P&L per strategy, acks timed",
                Distribution.BOOT, Duration.ofMillis(500), () -> new Scrape(scrape()), Scrape::traded);

        List<String> problems = Await.value("every metric the monitoring files read exported", SETTLE,
                Duration.ofSeconds(1), () -> ExportedNames.problems(scrape(), queries), List::isEmpty);
        assertEquals(List.of(), problems);

        PrometheusText last = scrape();
        Map<String, List<String>> uses = MonitoringFiles.metricUses(queries);
        assertTrue("the files read the metrics of every row", uses.size() > 50);
        StringBuilder report = new StringBuilder("metric names read by docs/monitoring (" + uses.size() + "):\n");
        for (String metric : new TreeSet<>(uses.keySet())) {
            report.append("  ").append(metric).append(' ').append(last.types.getOrDefault(metric,
                    metric.endsWith("_count") ? "summary count" : "(Prometheus)")).append('\n');
        }
        System.out.print(report);
    }

    private PrometheusText scrape() {
        try {
            URL url = new URL("http://127.0.0.1:" + dist.httpPort() + "/livestack/metrics");
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(30_000);
            c.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8)));
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("/livestack/metrics answered " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return PrometheusText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scraping /livestack/metrics: " + e, e);
        }
    }

    /** What the wait for the demo looks at, and what it says while it waits. */
    private static final class Scrape {
        final boolean running;
        final boolean simUp;
        final boolean fixUp;
        final double fills;
        final boolean strategyPnl;
        final double acks;

        Scrape(PrometheusText p) {
            running = p.named("livestack_runtime_session_state").stream()
                    .anyMatch(s -> "RUNNING".equals(s.labels.get("state")) && s.value == 1);
            simUp = up(p, "SIM");
            fixUp = up(p, "FIXSIM");
            fills = p.named("livestack_orders_filled_total").stream().mapToDouble(s -> s.value).sum();
            strategyPnl = p.named("livestack_pnl_scope_net").stream()
                    .anyMatch(s -> "strategy".equals(s.labels.get("scope")));
            acks = p.named("livestack_latency_order_ack_seconds_count").stream().mapToDouble(s -> s.value).sum();
        }

        private static boolean up(PrometheusText p, String venue) {
            return p.named("livestack_venue_up").stream()
                    .anyMatch(s -> venue.equals(s.labels.get("venue")) && s.value == 1);
        }

        boolean traded() {
            return running && simUp && fixUp && fills > 0 && strategyPnl && acks > 0;
        }

        @Override
        public String toString() {
            return "running=" + running + " SIM up=" + simUp + " FIXSIM up=" + fixUp + " fills=" + fills
                    + " strategy P&L=" + strategyPnl + " acks=" + acks;
        }
    }
}
