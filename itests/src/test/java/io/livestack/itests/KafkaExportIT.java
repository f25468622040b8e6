package io.livestack.itests;

import static io.livestack.itests.support.Distribution.rows;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.KafkaBrokerRule;
import io.livestack.itests.support.KafkaTopics;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.SshShell;
import io.livestack.itests.support.ThrowawayPostgresRule;
import io.livestack.journal.JsonLines;
import io.livestack.storage.query.StoredRecords;
import io.livestack.testkit.Await;
import io.livestack.testkit.ThrowawayPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExamServer;

/**
 * The Kafka export in the real distribution, against a real broker: the demo trades with the export switched on in
 * etc/livestack.export.kafka.cfg (and the database in a throwaway PostgreSQL server, so that this JVM can read its
 * rows while the container runs); the broker is a KRaft broker from Kafka's own jars in a process of its own
 * ({@link io.livestack.testkit.ThrowawayKafka}). Mid-session the broker is stopped — the export's health turns
 * DEGRADED while trading and storage go on — and started again; then the export is restarted with its mark lost (its
 * configuration names a new mark file), as after a crash, and must skip what the broker already holds. Once the
 * session is stopped (the chain quiet, the database written up to the journal), every topic is consumed from the
 * beginning and compared with the database, one for one: each table's rows are the messages of its topic, by
 * (seq, ord) header, with the documented JSON of the same record; a (seq, ord) twice only as many times as the
 * export counted records sent again (after a send that failed during the outage), and then the same message; within
 * a partition, journal order.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class KafkaExportIT extends LivestackTestSupport {

    static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-livestack.cfg";
    static final String EXPORT_CFG = "etc/livestack.export.kafka.cfg";
    static final int[] PORTS = freePorts(2);
    static final int HTTP = PORTS[0];
    static final int SSH = PORTS[1];
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    static final Duration TRADING_WAIT = Duration.ofSeconds(90);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofMillis(500);
    static final Pattern FLUSHED = Pattern.compile("journal durable to seq (\\d+); database written to seq (\\d+)");

    /** The topics (the shipped names) and the tables that hold the same records, with the records' kind. */
    static final Map<String, Map<String, Class<? extends ExecutionRecord>>> TOPICS = topics();

    static final ThrowawayPostgresRule POSTGRES = new ThrowawayPostgresRule(Path.of("target", "postgres-kafka"),
            KafkaExportIT.class.getSimpleName());
    static final KafkaBrokerRule KAFKA = new KafkaBrokerRule(Path.of("target", "kafka-broker"));

    /** PostgreSQL and the broker first (the container's configuration names their ports), the container inside. */
    @ClassRule
    public static final RuleChain SERVERS_AROUND_KARAF = RuleChain.outerRule(POSTGRES).around(KAFKA)
            .around(new PaxExamServer());

    private static Map<String, Map<String, Class<? extends ExecutionRecord>>> topics() {
        Map<String, Map<String, Class<? extends ExecutionRecord>>> t = new LinkedHashMap<>();
        t.put("livestack.orders", Map.of("order_event", OrderRecord.class));
        t.put("livestack.fills", Map.of("fill", FillRecord.class));
        t.put("livestack.positions", Map.of("position_change", PositionRecord.class));
        t.put("livestack.rejections", Map.of("risk_rejection", RiskRejectionRecord.class));
        t.put("livestack.metadata", Map.of("operator_action", OperatorActionRecord.class, "execution_metadata",
                MetadataRecord.class));
        return t;
    }

    @Override
    protected Option[] extraOptions() {
        ThrowawayPostgres postgres = POSTGRES.server();
        return OptionUtils.combine(fixSimulatorOnFreePort(),
                editConfigurationFilePut(DATASOURCE_CFG, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(DATASOURCE_CFG, "url", postgres.jdbcUrl()),
                editConfigurationFilePut(DATASOURCE_CFG, "user", ThrowawayPostgres.USER),
                editConfigurationFilePut(DATASOURCE_CFG, "password", ThrowawayPostgres.PASSWORD),
                editConfigurationFilePut(EXPORT_CFG, "enabled", "true"),
                editConfigurationFilePut(EXPORT_CFG, "bootstrap.servers", KAFKA.broker().bootstrapServers()),
                editConfigurationFilePut(EXPORT_CFG, "lagDegradedMillis", "2000"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        Integer.toString(HTTP)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"));
    }

    @Test
    public void theTopicsHoldExactlyTheDatabasesRecordsThroughABrokerOutage() throws Exception {
        long started = System.nanoTime();
        Await.until("a RUNNING session with SIM logged on (over SSH)", WAIT, POLL, () ->
                "RUNNING".equals(status("session")) && rows(viewer("livestack:venues")).stream()
                        .anyMatch(v -> "SIM".equals(v.get("Venue")) && "LOGGED_ON".equals(v.get("State"))));
        Await.value("the export UP (GET /livestack/health)", WAIT, POLL, KafkaExportIT::exportHealth,
                h -> h.contains("\"status\":\"UP\"") && h.contains("exporting"));
        Await.value("fills of the demo in the database", TRADING_WAIT, POLL, () -> count("fill"), n -> n >= 2);
        Await.value("fill messages in Kafka", WAIT, POLL,
                () -> KafkaTopics.consume(KAFKA.broker().bootstrapServers(), "livestack.fills").size(), n -> n >= 1);
        long beforeOutage = System.nanoTime();

        // the broker goes away mid-session: trading and storage go on, the export lags and says so
        KAFKA.broker().stop();
        long ordersAtStop = count("order_event");
        Await.value("the export DEGRADED while the broker is down", WAIT, POLL, KafkaExportIT::exportHealth,
                h -> h.contains("\"status\":\"DEGRADED\""));
        Await.value("order events stored while the broker is down (the chain does not wait on Kafka)", WAIT, POLL,
                () -> count("order_event"), n -> n > ordersAtStop + 5);
        KAFKA.broker().start();
        Await.value("the export UP again after the broker came back", WAIT, POLL, KafkaExportIT::exportHealth,
                h -> h.contains("\"status\":\"UP\""));
        long afterOutage = System.nanoTime();

        // the export restarted with its mark lost (as after a crash before the mark was saved): it goes on from the
        // journal's start, reads back the last message of every partition and skips what the broker already holds
        Path cfg = karafHome().resolve(EXPORT_CFG);
        Files.writeString(cfg, Files.readString(cfg) + "\nmarkFile = " + karafHome().resolve("data/livestack/"
                + "export-kafka/mark-after-restart") + "\n");
        Await.value("the restarted export skipping what the broker holds", WAIT, POLL, KafkaExportIT::exportHealth,
                h -> h.contains("duplicatesSkipped") && Long.parseLong(detail(h, "duplicatesSkipped")) > 0);

        // quiet: the stop returns once every record is in the journal and in the database
        String stop = ssh("operator", "livestack:session-stop --cancel-orders", STOP_TIMEOUT);
        Matcher flushed = FLUSHED.matcher(stop);
        assertTrue("the stop says what was flushed: " + stop, flushed.find());
        assertEquals("the database is written up to the journal: " + stop, flushed.group(1), flushed.group(2));
        // every topic: what the database holds, one for one (the export, and storage for the records the stop itself
        // made, catch up on their own)
        Map<String, List<KafkaTopics.Message>> consumed = new HashMap<>();
        Map<String, Map<String, String>> stored = Await.value("every topic holding every row of its tables", WAIT,
                POLL, () -> {
                    Map<String, Map<String, String>> rows = stored();
                    for (String topic : TOPICS.keySet()) {
                        consumed.put(topic, KafkaTopics.consume(KAFKA.broker().bootstrapServers(), topic));
                    }
                    return rows;
                }, rows -> TOPICS.keySet().stream().allMatch(
                        t -> KafkaTopics.byPlace(consumed.get(t)).keySet().equals(rows.get(t).keySet())));
        String atEnd = exportHealth();
        long resent = Long.parseLong(detail(atEnd, "resent"));
        long skipped = Long.parseLong(detail(atEnd, "duplicatesSkipped"));
        long duplicates = 0;
        for (String topic : TOPICS.keySet()) {
            List<KafkaTopics.Message> messages = consumed.get(topic);
            Map<String, String> expected = stored.get(topic);
            Map<String, String> got = KafkaTopics.byPlace(messages);
            assertEquals(topic + ": the (seq/ord) of the messages are the rows'", expected.keySet(), got.keySet());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(topic + " " + e.getKey() + ": the message is the stored record", e.getValue(),
                        got.get(e.getKey()));
            }
            for (KafkaTopics.Message m : messages) {
                assertEquals(topic + " " + m.place() + ": a copy is the same message", got.get(m.place()), m.json());
            }
            duplicates += messages.size() - got.size();
            assertTrue(topic + ": schema 1 on every message",
                    messages.stream().allMatch(m -> "1".equals(m.schema())));
            Map<Integer, List<KafkaTopics.Message>> partitions = messages.stream()
                    .collect(Collectors.groupingBy(KafkaTopics.Message::partition));
            partitions.forEach((p, list) -> {
                KafkaTopics.Message last = null;
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (KafkaTopics.Message m : list) {
                    if (seen.add(m.place())) { // a copy sent again after a failed send comes later: skip it
                        assertTrue(topic + "-" + p + ": journal order within a partition: " + m.place() + " after "
                                + (last == null ? "-" : last.place()), last == null || m.after(last));
                        last = m;
                    }
                }
            });
        }
        assertTrue("duplicates (" + duplicates + ") only as many as the export counted as sent again (" + resent
                + ")", duplicates <= resent);
        assertTrue("the demo traded: " + consumed.get("livestack.fills").size() + " fills",
                consumed.get("livestack.fills").size() >= 2);
        String health = Await.value("the export UP at rest, caught up", WAIT, POLL, KafkaExportIT::exportHealth,
                h -> h.contains("\"status\":\"UP\"") && h.contains("\"inFlight\":\"0\""));
        System.out.printf("Kafka held %s messages (per topic), equal to PostgreSQL's rows, %d duplicates; %d records"
                + " skipped after the restart without a mark; the broker was down %d ms; session RUNNING to outage %d"
                + " ms, checked %d ms after the outage; export: %s%n",
                consumed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size())
                        .collect(Collectors.joining(", ")), duplicates, skipped,
                (afterOutage - beforeOutage) / 1_000_000, (beforeOutage - started) / 1_000_000,
                (System.nanoTime() - afterOutage) / 1_000_000, health);
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL

    /** Per topic: "seq/ord" of each row of its tables -> the message the export's schema makes of that record. */
    private static Map<String, Map<String, String>> stored() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (Connection c = POSTGRES.server().connect()) {
            for (Map.Entry<String, Map<String, Class<? extends ExecutionRecord>>> topic : TOPICS.entrySet()) {
                Map<String, String> messages = new TreeMap<>();
                for (Map.Entry<String, Class<? extends ExecutionRecord>> table : topic.getValue().entrySet()) {
                    List<long[]> places = places(c, table.getKey());
                    List<? extends ExecutionRecord> records = StoredRecords.all(c, table.getValue());
                    assertEquals(table.getKey() + ": one record per row", places.size(), records.size());
                    for (int i = 0; i < places.size(); i++) {
                        long seq = places.get(i)[0];
                        int ord = (int) places.get(i)[1];
                        messages.put(seq + "/" + ord, message(seq, ord, records.get(i)));
                    }
                }
                out.put(topic.getKey(), messages);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading PostgreSQL failed: " + e, e);
        }
        return out;
    }

    /** The documented schema 1 message of a record (docs/kafka-export.md). */
    private static String message(long seq, int ord, ExecutionRecord r) {
        String kind = r instanceof OrderRecord ? "order" : r instanceof FillRecord ? "fill"
                : r instanceof PositionRecord ? "position" : r instanceof MetadataRecord ? "metadata"
                : r instanceof OperatorActionRecord ? "operator_action" : "risk_rejection";
        StringBuilder b = new StringBuilder("{\"schema\":1,\"kind\":\"").append(kind).append("\",\"seq\":").append(seq)
                .append(",\"ord\":").append(ord).append(",\"timeNanos\":").append(r.timeNanos())
                .append(",\"record\":");
        JsonLines.value(b, null, r);
        return b.append('}').toString();
    }

    private static List<long[]> places(Connection c, String table) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, ord FROM " + table + " ORDER BY seq, ord")) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    private static long count(String table) {
        try (Connection c = POSTGRES.server().connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table + " in PostgreSQL failed: " + e, e);
        }
    }

    // ------------------------------------------------------------------------------------------ the container

    private static String status(String property) {
        return rows(viewer("livestack:status")).stream().filter(r -> property.equals(r.get("Property")))
                .map(r -> r.get("Value")).findFirst().orElse(null);
    }

    private static String viewer(String command) {
        return ssh("viewer", command, SSH_TIMEOUT);
    }

    private static String ssh(String user, String command, Duration timeout) {
        try {
            return SshShell.execute(SSH, user, user, command, timeout).all();
        } catch (Exception e) {
            throw new IllegalStateException("ssh " + user + " '" + command + "' failed: " + e, e);
        }
    }


    /** The Karaf Pax Exam unpacked for this class: the one whose export file names this class's broker. */
    private static Path karafHome() {
        File unpack = new File(System.getProperty("livestack.itest.unpackDirectory", "target/exam"));
        File[] homes = unpack.listFiles(f -> new File(f, EXPORT_CFG).isFile());
        assertTrue("an unpacked Karaf under " + unpack, homes != null && homes.length > 0);
        for (File home : homes) {
            java.util.Properties cfg = new java.util.Properties();
            try (java.io.Reader in = Files.newBufferedReader(home.toPath().resolve(EXPORT_CFG))) {
                cfg.load(in);
                if (KAFKA.broker().bootstrapServers().equals(cfg.getProperty("bootstrap.servers"))) {
                    return home.toPath();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no Karaf under " + unpack + " whose " + EXPORT_CFG + " names "
                + KAFKA.broker().bootstrapServers());
    }

    /** A value of the health's details, e.g. "resent". */
    private static String detail(String health, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(health);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + health);
        }
        return m.group(1);
    }

    /** The "kafka-export" component of GET /livestack/health (as the viewer), with its details. */
    private static String exportHealth() {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + HTTP + "/livestack/health")
                    .openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("viewer:viewer".getBytes(StandardCharsets.UTF_8)));
            int code = c.getResponseCode();
            String body;
            try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int start = body.indexOf("\"kafka-export\":{");
            if (start < 0) {
                return "HTTP " + code + " without a kafka-export component: " + body;
            }
            int end = body.indexOf('}', body.indexOf("\"details\"", start));
            return body.substring(start, end < 0 ? body.length() : end + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
