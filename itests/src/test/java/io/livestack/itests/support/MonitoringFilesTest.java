package io.livestack.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;

/**
 * docs/monitoring as files: both parse and have the structure Grafana and Prometheus need, they read what the
 * operators were promised, and a broken copy (a duplicate key, an undefined variable, a rule without severity, a
 * misspelled function) is refused. Whether the exporter serves every name they read: MonitoringDocsIT, over the
 * running distribution, with {@link ExportedNames} (checked here on a small exposition).
 */
public class MonitoringFilesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static Path dashboard() {
        return MonitoringFiles.directory().resolve(MonitoringFiles.DASHBOARD);
    }

    private static Path alerts() {
        return MonitoringFiles.directory().resolve(MonitoringFiles.ALERTS);
    }

    @Test
    public void theAlertRulesCoverWhatOperatorsMustHear() throws IOException {
        List<MonitoringFiles.Query> rules = MonitoringFiles.alertQueries(alerts());
        Set<String> names = rules.stream().map(q -> q.where().substring(q.where().lastIndexOf(' ') + 1))
                .collect(Collectors.toCollection(TreeSet::new));

        for (String required : List.of("LiveStackVenueNotLoggedOn", "LiveStackVenueReconcileFailed",
                "LiveStackKillSwitchEngaged", "LiveStackStorageBacklogGrowing", "LiveStackRecordToDurableSlow",
                "LiveStackLoopUtilizationHigh", "LiveStackRiskRejectionsSpike", "LiveStackStrategyFaults")) {
            assertTrue(required + " in " + names, names.contains(required));
        }
        Map<String, List<String>> uses = MonitoringFiles.metricUses(rules);
        assertTrue(uses.keySet().toString(), uses.keySet().containsAll(Set.of("livestack_venue_up",
                "livestack_venue_session_state", "livestack_runtime_kill_switch_engaged", "livestack_storage_backlog",
                "livestack_storage_record_to_durable_seconds", "livestack_runtime_loop_busy_seconds_total",
                "livestack_risk_rejections_total", "livestack_strategy_faults_total")));
    }

    @Test
    public void theDashboardHasTheRowsOfTheConsoleAndMore() throws IOException {
        List<MonitoringFiles.Query> queries = MonitoringFiles.dashboardQueries(dashboard());
        String text = Files.readString(dashboard(), StandardCharsets.UTF_8);

        for (String row : List.of("\"Overview\"", "\"P&L (reporting currency)\"", "\"Positions per instrument\"",
                "\"Order flow\"", "\"Latencies\"", "\"Queue depth and storage backlog\"", "\"Venues\"",
                "\"Storage\"", "\"Risk\"")) {
            assertTrue("row " + row, text.contains("\"type\": \"row\",\n      \"title\": " + row));
        }
        Set<String> metrics = MonitoringFiles.metricUses(queries).keySet();
        assertTrue(metrics.toString(), metrics.containsAll(Set.of("livestack_pnl_scope_net",
                "livestack_pnl_scope_realized", "livestack_pnl_scope_unrealized", "livestack_position_net",
                "livestack_orders_sent_total", "livestack_orders_filled_total", "livestack_orders_rejected_total",
                "livestack_latency_tick_to_order_seconds", "livestack_latency_order_ack_seconds",
                "livestack_runtime_queue_depth", "livestack_storage_backlog", "livestack_venue_up",
                "livestack_venue_heartbeat_lag_seconds", "livestack_venue_reconnects_total",
                "livestack_venue_alerts_total", "livestack_storage_dead_lettered_total",
                "livestack_storage_lost_total", "livestack_storage_written_total",
                "livestack_risk_limit_utilization", "livestack_risk_breaches_total")));
        for (String metric : metrics) {
            assertTrue(metric, metric.startsWith("livestack_") || metric.startsWith("jvm_"));
        }
        assertTrue(queries.stream().anyMatch(q -> q.where().contains("variable strategy")
                && "strategy".equals(q.valuesOf())));
    }

    @Test
    public void aBrokenDashboardIsRefused() throws IOException {
        String text = Files.readString(dashboard(), StandardCharsets.UTF_8);

        assertRefused(JsonProcessingException.class, copy("dup.json", text.replaceFirst("\"title\": \"Live Stack\",",
                "\"title\": \"Live Stack\", \"title\": \"again\",")), true);
        assertRefused(JsonProcessingException.class, copy("trailing.json", text + "}"), true);
        assertRefused(IllegalArgumentException.class, copy("variable.json",
                text.replaceFirst("id=~\\\\\"\\$strategy\\\\\"", "id=~\\\\\"\\$strategyy\\\\\"")), true);
        assertRefused(IllegalArgumentException.class, copy("function.json",
                text.replaceFirst("rate\\(livestack_orders_sent_total", "rat(livestack_orders_sent_total")), true);
        assertRefused(IllegalArgumentException.class, copy("datasource.json",
                text.replaceFirst("\"uid\": \"\\$\\{DS_PROMETHEUS\\}\"", "\"uid\": \"prometheus\"")), true);
        assertRefused(IllegalArgumentException.class, copy("inputs.json",
                text.replaceFirst("\"name\": \"DS_PROMETHEUS\"", "\"name\": \"DS_OTHER\"")), true);
    }

    @Test
    public void brokenAlertRulesAreRefused() throws IOException {
        String text = Files.readString(alerts(), StandardCharsets.UTF_8);

        assertRefused(IllegalArgumentException.class, copy("severity.yml",
                text.replaceFirst("severity: critical", "priority: critical")), false);
        assertRefused(DuplicateKeyException.class, copy("dup.yml",
                text.replaceFirst("        for: 1m\n", "        for: 1m\n        for: 2m\n")), false);
        assertRefused(IllegalArgumentException.class, copy("for.yml",
                text.replaceFirst("for: 1m", "for: soon")), false);
        assertRefused(IllegalArgumentException.class, copy("function.yml",
                text.replaceFirst("increase\\(livestack_strategy_faults_total", "increse(livestack_strategy_faults_total")),
                false);
        assertRefused(IllegalArgumentException.class, copy("summary.yml",
                text.replaceFirst("summary: \"Kill switch", "sumary: \"Kill switch")), false);
        assertRefused(RuntimeException.class, copy("two.yml", text + "---\ngroups: []\n"), false);
    }

    @Test
    public void theExportedNamesCheckFindsAMisspelledNameAWrongLabelAndARateOfAGauge() {
        PrometheusText exposition = PrometheusText.parse("# TYPE livestack_orders_sent_total counter\n"
                + "livestack_orders_sent_total{venue=\"SIM\",strategy=\"mm\"} 3\n"
                + "# TYPE livestack_storage_backlog gauge\nlivestack_storage_backlog 1\n"
                + "# TYPE livestack_latency_order_ack_seconds summary\n"
                + "livestack_latency_order_ack_seconds{venue=\"SIM\",quantile=\"0.99\"} 0.002\n"
                + "livestack_latency_order_ack_seconds_count{venue=\"SIM\"} 7\n");
        List<MonitoringFiles.Query> good = List.of(
                new MonitoringFiles.Query("a", "sum by (strategy) (rate(livestack_orders_sent_total{venue=~\".*\","
                        + "instance=\"x\"}[1m]))", null),
                new MonitoringFiles.Query("b", "livestack_latency_order_ack_seconds{quantile=\"0.99\"} > 0.1"
                        + " and rate(livestack_latency_order_ack_seconds_count[5m]) > 0", null),
                new MonitoringFiles.Query("c", "livestack_storage_backlog > 0 and up{job=\"livestack\"} == 1", null),
                new MonitoringFiles.Query("d", "livestack_orders_sent_total{instance=~\"$instance\"}", "strategy"));
        assertEquals(List.of(), ExportedNames.problems(exposition, good));

        List<String> problems = ExportedNames.problems(exposition, List.of(
                new MonitoringFiles.Query("misspelled", "rate(livestack_orders_snet_total[1m])", null),
                new MonitoringFiles.Query("label", "livestack_storage_backlog{venue=\"SIM\"}", null),
                new MonitoringFiles.Query("gauge", "rate(livestack_storage_backlog[1m])", null),
                new MonitoringFiles.Query("values", "livestack_storage_backlog", "strategy")));
        assertEquals(problems.toString(), 4, problems.size());
        assertTrue(problems.get(0), problems.get(0).startsWith("livestack_orders_snet_total is not exported"));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith(
                "livestack_storage_backlog has no label strategy")));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith(
                "livestack_storage_backlog has no label venue")));
        assertTrue(problems.toString(), problems.stream().anyMatch(p -> p.startsWith(
                "rate() of livestack_storage_backlog, which is no counter")));
    }

    private Path copy(String name, String text) throws IOException {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void assertRefused(Class<? extends Exception> expected, Path file, boolean dashboard)
            throws IOException {
        String original = Files.readString(dashboard ? dashboard() : alerts(), StandardCharsets.UTF_8);
        assertTrue(file + " differs from the original (the mutation applied)",
                !Files.readString(file, StandardCharsets.UTF_8).equals(original));
        assertThrows(file.getFileName().toString(), expected, () -> {
            if (dashboard) {
                MonitoringFiles.dashboardQueries(file);
            } else {
                MonitoringFiles.alertQueries(file);
            }
        });
    }
}
