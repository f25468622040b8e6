package io.livestack.itests;

import static io.livestack.itests.support.Distribution.rows;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.livestack.api.history.HistoryQuery;
import io.livestack.api.model.Fixed;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.SshShell;
import io.livestack.itests.support.ThrowawayPostgresRule;
import io.livestack.storage.query.StoredRecords;
import io.livestack.testkit.Await;
import io.livestack.testkit.ThrowawayPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExamServer;

/**
 * PostgreSQL by configuration alone: the distribution, booted with nothing changed but the four lines of
 * etc/org.ops4j.datasource-livestack.cfg that docs/storage.md tells an operator to edit (driver class, url, user,
 * password), stores the demo's trading in a PostgreSQL server — no bundle installed by hand, no shell command.
 * <p>
 * The server is a throwaway one the test starts in this JVM before the container boots (the test kit's
 * {@link ThrowawayPostgres}, in {@code itests/target/postgres}), stopped and deleted after the container stopped,
 * also on failure. The distribution runs in a Pax Exam server (no probe): the test reads the runtime as an operator
 * does, over SSH ({@code livestack:fills}, {@code orders}, {@code positions}, {@code session-stop}) and HTTP
 * ({@code /livestack/health}), and the database over JDBC, directly from PostgreSQL, with the storage bundle's
 * {@link StoredRecords}. Checked, once the demo strategies have traded at SIM and the session is stopped (so that
 * the chain is quiet and the stop has flushed the records to the database): every fill the runtime shows is one
 * fill row (venue + exec id) with the same order, strategy, instrument, side, quantity and price, and no other fill
 * row; every order's latest order_event row has the runtime's status and filled quantity; the latest desk position
 * per instrument in position_change is the runtime's; storage's health names PostgreSQL; and the distribution's H2
 * database under data/livestack/db was never created.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class PostgresStorageIT extends LivestackTestSupport {

    static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-livestack.cfg";
    static final int[] PORTS = freePorts(2);
    static final int HTTP = PORTS[0];
    static final int SSH = PORTS[1];
    static final Duration WAIT = Await.DEFAULT_TIMEOUT;
    /** How long the demo may take to trade {@value #MIN_FILLS} times (a few seconds, usually). */
    static final Duration TRADING_WAIT = Duration.ofSeconds(90);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    /** The session stop cancels the open orders, logs out of the venues and flushes journal and database. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** Polling interval of the waits that go over SSH or HTTP. */
    static final Duration POLL = Duration.ofMillis(500);
    static final int MIN_FILLS = 3;
    /** What livestack:fills can show at most (FillsCommand.WINDOW): a comparison needs fewer fills than this. */
    static final int FILLS_WINDOW = 1000;
    static final Set<String> DEMO_STRATEGIES = Set.of("mm-sim", "mom-sim");
    static final Pattern FLUSHED = Pattern.compile("journal durable to seq (\\d+); database written to seq (\\d+)");

    static final ThrowawayPostgresRule POSTGRES = new ThrowawayPostgresRule(Path.of("target", "postgres"),
            PostgresStorageIT.class.getSimpleName());

    /** PostgreSQL first (the container's configuration names its port), the container inside it. */
    @ClassRule
    public static final RuleChain POSTGRES_AROUND_KARAF = RuleChain.outerRule(POSTGRES).around(new PaxExamServer());

    /** The operator's switch, the four lines of the DataSource file; and ports this JVM knows. */
    @Override
    protected Option[] extraOptions() {
        ThrowawayPostgres postgres = POSTGRES.server();
        return OptionUtils.combine(fixSimulatorOnFreePort(),
                editConfigurationFilePut(DATASOURCE_CFG, "osgi.jdbc.driver.class", "org.postgresql.Driver"),
                editConfigurationFilePut(DATASOURCE_CFG, "url", postgres.jdbcUrl()),
                editConfigurationFilePut(DATASOURCE_CFG, "user", ThrowawayPostgres.USER),
                editConfigurationFilePut(DATASOURCE_CFG, "password", ThrowawayPostgres.PASSWORD),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        Integer.toString(HTTP)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"));
    }

    @Test
    public void theDemoTradesIntoPostgresChosenByTheDataSourceFileAlone() throws Exception {
        long started = System.nanoTime();
        Path home = karafHome();
        Await.until("the distribution answers over SSH with a RUNNING session and SIM logged on", WAIT, POLL, () ->
                "RUNNING".equals(status("session")) && venues().stream()
                        .anyMatch(v -> "SIM".equals(v.get("Venue")) && "LOGGED_ON".equals(v.get("State"))));

        // storage writes into PostgreSQL: its health names the database it projects into
        Await.value("storage UP and projecting into PostgreSQL (GET /livestack/health)", WAIT, POLL,
                PostgresStorageIT::storageHealth,
                h -> h.contains("\"status\":\"UP\"") && h.contains("projecting the journal into PostgreSQL"));

        long running = System.nanoTime();

        // the demo strategies trade at SIM by themselves; their fills reach PostgreSQL while trading goes on
        Await.value("fills of the demo strategies at SIM (livestack:fills)", TRADING_WAIT, POLL,
                () -> rows(viewer("livestack:fills --venue SIM -n " + FILLS_WINDOW)).size(), n -> n >= MIN_FILLS);
        Await.value("fill rows in PostgreSQL", WAIT, POLL, () -> count("fill"), n -> n >= 1);
        long traded = System.nanoTime();

        // quiet: the session stopped (strategies stopped, open orders canceled, venues logged out); the stop returns
        // once every record so far is in the journal on disk and written to the database
        String stop = ssh("operator", "livestack:session-stop --cancel-orders", STOP_TIMEOUT);
        Matcher flushed = FLUSHED.matcher(stop);
        assertTrue("the stop says what was flushed: " + stop, flushed.find());
        assertEquals("the database is written up to the journal: " + stop, flushed.group(1), flushed.group(2));
        Shown before = shown();
        Stored stored = stored();
        Shown after = shown();
        assertEquals("the runtime stayed quiet while PostgreSQL was read", before, after);

        // fills, one for one by venue and exec id
        assertTrue("livestack:fills shows every fill of the session (fewer than " + FILLS_WINDOW + "): "
                + before.fills.size(), before.fills.size() < FILLS_WINDOW);
        assertTrue("the demo traded at least " + MIN_FILLS + " times: " + before.fills.keySet(),
                before.fills.size() >= MIN_FILLS);
        assertTrue("the fills are the demo strategies': " + before.fills.values(), before.fills.values().stream()
                .allMatch(f -> DEMO_STRATEGIES.contains(f.split("\\|")[1])));
        assertEquals("one fill row per venue and exec id", stored.fillRows, stored.fills.size());
        assertEquals("the fill rows in PostgreSQL are the runtime's fills (venue|exec id -> order|strategy|"
                + "instrument|side|qty|price)", before.fills, stored.fills);

        // orders: every order's latest order_event row
        assertTrue("orders in the runtime: " + before.orders.size(), before.orders.size() >= MIN_FILLS);
        assertEquals("the latest order_event row of every order is the runtime's order (order -> status|filled|"
                + "qty|venue|instrument|side)", before.orders, stored.orders);
        assertTrue("order_event holds every change, not only the latest: " + stored.orderEventRows,
                stored.orderEventRows > stored.orders.size());

        // positions: the latest desk position per instrument
        assertTrue("positions in the runtime: " + before.positions, !before.positions.isEmpty());
        assertEquals("the latest position_change row per instrument is the runtime's desk position (instrument -> "
                + "net|avg|realized|bought|sold)", before.positions, stored.positions);
        assertTrue("position_change rows: " + stored.positionChangeRows, stored.positionChangeRows >= MIN_FILLS);

        // and nothing went to H2: the default database file was never created
        assertTrue("the running distribution's home " + home, Files.isRegularFile(home.resolve("data/log/karaf.log")));
        Path h2 = home.resolve("data/livestack/db");
        assertEquals("no H2 database under " + h2, List.of(), filesUnder(h2));
        System.out.printf("PostgreSQL held %d fill rows, %d order_event rows of %d orders, %d position_change rows;"
                + " session RUNNING after %d ms, %d fills after %d ms more, checked after %d ms more%n",
                stored.fillRows, stored.orderEventRows, stored.orders.size(), stored.positionChangeRows,
                millis(started, running), MIN_FILLS, millis(running, traded), millis(traded, System.nanoTime()));
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    // ------------------------------------------------------------------------------------------ the runtime

    /** What the operator sees over SSH, as strings keyed like {@link Stored}. */
    record Shown(Map<String, String> fills, Map<String, String> orders, Map<String, String> positions) {
    }

    private static Shown shown() {
        Map<String, String> fills = rows(viewer("livestack:fills -n " + FILLS_WINDOW)).stream().collect(
                Collectors.toMap(r -> r.get("Venue") + "|" + r.get("Exec id"), r -> String.join("|", r.get("Order"),
                        r.get("Strategy"), r.get("Instrument"), r.get("Side"), r.get("Qty"), r.get("Price")),
                        PostgresStorageIT::duplicate, TreeMap::new));
        Map<String, String> orders = rows(viewer("livestack:orders -n " + HistoryQuery.MAX_LIMIT)).stream().collect(
                Collectors.toMap(r -> r.get("Order"), r -> String.join("|", r.get("Status"), r.get("Filled"),
                        r.get("Qty"), r.get("Venue"), r.get("Instrument"), r.get("Side")),
                        PostgresStorageIT::duplicate, TreeMap::new));
        Map<String, String> positions = rows(viewer("livestack:positions")).stream().collect(Collectors.toMap(
                r -> r.get("Instrument"), r -> String.join("|", r.get("Net"), r.get("Avg price"),
                        r.get("Realized P&L"), r.get("Bought"), r.get("Sold")), PostgresStorageIT::duplicate,
                TreeMap::new));
        return new Shown(fills, orders, positions);
    }

    private static String duplicate(String a, String b) {
        throw new AssertionError("two rows with the same key: " + a + " and " + b);
    }

    private static String status(String property) {
        return rows(viewer("livestack:status")).stream().filter(r -> property.equals(r.get("Property")))
                .map(r -> r.get("Value")).findFirst().orElse(null);
    }

    private static List<Map<String, String>> venues() {
        return rows(viewer("livestack:venues"));
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


    /** The "storage" component of GET /livestack/health (as the viewer), up to its details. */
    private static String storageHealth() {
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
            int start = body.indexOf("\"storage\":{");
            if (start < 0) {
                return "HTTP " + code + " without a storage component: " + body;
            }
            int end = body.indexOf("\"details\"", start);
            return body.substring(start, end < 0 ? body.length() : end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ PostgreSQL

    /** What PostgreSQL holds, keyed and formatted as the shell shows it. */
    record Stored(Map<String, String> fills, int fillRows, Map<String, String> orders, long orderEventRows,
            Map<String, String> positions, long positionChangeRows) {
    }

    private static Stored stored() throws SQLException {
        try (Connection c = POSTGRES.server().connect()) {
            List<FillRecord> fillRows = StoredRecords.all(c, FillRecord.class);
            Map<String, String> fills = fillRows.stream().collect(Collectors.toMap(
                    f -> f.venue() + "|" + f.execId(), f -> String.join("|", f.clientOrderId().toString(),
                            f.strategy() == null ? "" : f.strategy().toString(), f.instrument().toString(), f.side().name(),
                            Fixed.format(f.quantity()), Fixed.format(f.price())), (a, b) -> a + " AND " + b,
                    TreeMap::new));
            Map<String, String> orders = StoredRecords.latestOrders(c).stream().collect(Collectors.toMap(
                    o -> o.clientOrderId().toString(), PostgresStorageIT::shownAs, PostgresStorageIT::duplicate,
                    TreeMap::new));
            Map<String, String> positions = StoredRecords.latestPositions(c).stream().collect(Collectors.toMap(
                    p -> p.instrument().toString(), PostgresStorageIT::shownAs, PostgresStorageIT::duplicate,
                    TreeMap::new));
            return new Stored(fills, fillRows.size(), orders, count(c, "order_event"), positions,
                    count(c, "position_change"));
        }
    }

    private static String shownAs(OrderView o) {
        return String.join("|", o.status().name(), Fixed.format(o.filledQuantity()), Fixed.format(o.quantity()),
                o.venue().toString(), o.instrument().toString(), o.side().name());
    }

    private static String shownAs(PositionView p) {
        return String.join("|", Fixed.format(p.netQuantity()), Fixed.format(p.averagePrice()),
                Fixed.format(p.realizedPnl()), Fixed.format(p.boughtQuantity()), Fixed.format(p.soldQuantity()));
    }

    private static long count(String table) {
        try (Connection c = POSTGRES.server().connect()) {
            return count(c, table);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table + " in PostgreSQL failed: " + e, e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------ the container

    /** The Karaf Pax Exam unpacked for this class: the one whose DataSource file names this class's server. */
    private static Path karafHome() throws IOException {
        String url = POSTGRES.server().jdbcUrl();
        File unpack = new File(System.getProperty("livestack.itest.unpackDirectory", "target/exam"));
        File[] homes = unpack.listFiles(f -> new File(f, DATASOURCE_CFG).isFile());
        assertTrue("an unpacked Karaf under " + unpack, homes != null && homes.length > 0);
        for (File home : homes) {
            Properties cfg = new Properties();
            try (Reader in = Files.newBufferedReader(home.toPath().resolve(DATASOURCE_CFG))) {
                cfg.load(in);
            }
            if (url.equals(cfg.getProperty("url"))) {
                return home.toPath();
            }
        }
        throw new AssertionError("no Karaf under " + unpack + " whose " + DATASOURCE_CFG + " names " + url);
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }
}
