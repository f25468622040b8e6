package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.RecordsDatabase;
import io.livestack.itests.support.SshShell;
import io.livestack.storage.query.StoredRecords;

/**
 * A crash of the whole runtime: the real distribution, unpacked under {@code target/kill-restart}, started with
 * {@code bin/start} on free ports, trading on SIM (the sample strategies plus a manual order resting far from the
 * market), is killed with SIGKILL ({@code kill -9} of the Karaf JVM, pid from {@code karaf.pid}) and started again.
 * This runs OUTSIDE any container (plain JUnit under failsafe): only a real process can be killed.
 * <ul>
 * <li>What was durable at the kill is read from the H2 file itself with the H2 driver (the killed process holds no
 * lock any more): open orders, positions, execution keys, last sequence number; fills are unique by venue and exec
 * id and add up to the stored positions.</li>
 * <li>The restarted runtime recovers exactly that before it processes anything ("State recovered from storage: N open
 * orders, …" with the stored figures), its positions equal the stored ones, and every order that was open is
 * reconciled with the venue: venue-sim lost its orders with the process, answers them as unknown, and the runtime
 * applies that as CANCELED without any fill or position change. The strategies are set not to auto-start for the
 * restart, so that nothing trades before the comparison; the session does auto-start (the boot path of the fix:
 * recovery before the session).</li>
 * <li>Trading then resumes; after a clean stop the database holds no dead letter (sequence numbers continued after
 * the recovered ones), fills are unique by venue and exec id, and each position's bought and sold totals are the sums
 * of the stored fills: nothing was counted twice across the crash.</li>
 * </ul>
 * Every wait has a deadline. {@code -Dlivestack.itest.keep=true} keeps the unpacked distribution (its
 * data/log/karaf.log) for a post-mortem look.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class KillRestartIT {

    static final Duration BOOT = Duration.ofMinutes(3);
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration TRADING_WAIT = Duration.ofMinutes(2);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);
    static final Pattern SENT = Pattern.compile("order (\\S+) sent");
    static final Pattern RECOVERED = Pattern.compile("State recovered from storage: (\\d+) open orders, (\\d+) "
            + "positions, (\\d+) execution keys, last seq (\\d+)");
    static final String STRATEGY_CONFIGS = "glob:livestack.strategy.*.cfg";

    private Path home;
    private int ssh;

    @After
    public void noKarafLeftBehind() throws Exception {
        if (home != null) {
            karafProcess().ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
            });
            if (!Boolean.getBoolean("livestack.itest.keep")) {
                deleteTree(home.getParent());
            }
        }
    }

    @Test
    public void afterKillNineTheRestartedRuntimeHasExactlyWhatWasDurableAndReconcilesTheOpenOrders()
            throws Exception {
        home = unpack();
        configureFreePorts();

        // ---- first life: trade, with a manual order resting far from the market
        start();
        awaitRunning();
        String resting = submitRestingBuy();
        Await.until("the resting manual order acknowledged by SIM", WAIT,
                () -> openOrdersShown().containsKey(resting));
        Await.value("fills of the first life", TRADING_WAIT, () -> shell("livestack:fills -n 1000"),
                fills -> table(fills).size() >= 3);
        String ordersAtKill = shell("livestack:orders --open");
        String positionsAtKill = shell("livestack:positions");

        // ---- kill -9
        ProcessHandle karaf = karafProcess().orElseThrow(() -> new AssertionError("no Karaf process for karaf.pid"));
        assertTrue("karaf.pid names the Karaf JVM: " + karaf.info(),
                karaf.info().commandLine().orElse("").contains("org.apache.karaf.main.Main"));
        assertTrue("SIGKILL sent", karaf.destroyForcibly());
        karaf.onExit().get(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(karaf.isAlive());

        // ---- what was durable at the kill: the database file itself
        assertEquals("no spool left (everything accepted was in memory or written)", List.of(), spoolSegments());
        Durable durable = readDatabase();
        assertTrue("the manual order was durable as open: " + durable.openOrders.keySet(),
                durable.openOrders.containsKey(resting));
        assertEquals("stored fills are unique by venue and exec id", List.of(), durable.duplicateFills);
        assertEquals("the stored positions are the sums of the stored fills", durable.fillTotals,
                totals(durable.positions));
        assertFalse("positions were stored", durable.positions.isEmpty());

        // ---- second life: strategies held back, the session auto-starts and reconciles
        for (Path cfg : strategyConfigs()) {
            setProperty(cfg, "livestack.strategy.autoStart", "false");
        }
        long logOffset = Files.size(log());
        start();
        String recoveredLine = Await.value("\"State recovered from storage\" in the restarted runtime's log", BOOT,
                () -> logSince(logOffset).lines().filter(l -> RECOVERED.matcher(l).find()).findFirst().orElse(null),
                line -> line != null);
        Matcher m = RECOVERED.matcher(recoveredLine);
        assertTrue(m.find());
        assertEquals("recovered open orders: " + recoveredLine, durable.openOrders.size(), Integer.parseInt(m.group(1)));
        assertEquals("recovered positions: " + recoveredLine, durable.positions.size(), Integer.parseInt(m.group(2)));
        assertEquals("recovered execution keys: " + recoveredLine, durable.executionKeys,
                Integer.parseInt(m.group(3)));
        assertEquals("recovered last seq: " + recoveredLine, durable.lastSeq, Long.parseLong(m.group(4)));
        awaitRunning();
        String restartLog = logSince(logOffset);
        assertFalse("recovery came before any order or fill was applied",
                restartLog.contains("arrived after orders or fills were applied"));
        assertTrue("recovered before the session started: " + recoveredLine,
                restartLog.indexOf(recoveredLine) < restartLog.indexOf("session STOPPED -> STARTING"));

        // every order that was open: known again and reconciled with SIM, which lost it (CANCELED, nothing filled)
        Map<String, List<String>> orders = Await.value("every recovered open order reconciled", WAIT,
                () -> table(shell("livestack:orders -n 100000")).stream()
                        .collect(Collectors.toMap(r -> r.get(0), r -> r, (a, b) -> a)),
                shown -> durable.openOrders.keySet().stream().allMatch(id -> shown.containsKey(id)
                        && OrderStatus.valueOf(shown.get(id).get(9)).isTerminal()));
        for (OrderView before : durable.openOrders.values()) {
            List<String> now = orders.get(before.clientOrderId().value());
            OrderStatus expected = before.status() == OrderStatus.PENDING_NEW ? OrderStatus.REJECTED
                    : OrderStatus.CANCELED;
            assertEquals("reconciled " + now, expected.name(), now.get(9));
            assertEquals("no fill invented for " + now, Fixed.format(before.filledQuantity()),
                    Fixed.format(Fixed.parse(now.get(7))));
            assertTrue("the venue's answer: " + now, now.get(11).contains("unknown to venue"));
        }
        String openNow = shell("livestack:orders --open");
        assertTrue("no open order after the reconciliation (strategies held back): " + openNow + "; at the kill: "
                + ordersAtKill, table(openNow).isEmpty() && openNow.contains("no open order"));

        // positions: the durable ones, nothing counted twice
        Map<String, List<String>> positions = table(shell("livestack:positions")).stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r));
        for (PositionView p : durable.positions.values()) {
            List<String> now = positions.get(p.instrument().value());
            assertNotNull("position " + p.instrument() + " recovered; before the kill: " + positionsAtKill, now);
            assertEquals("net " + now, Fixed.format(p.netQuantity()), norm(now.get(1)));
            assertEquals("avg " + now, Fixed.format(p.averagePrice()), norm(now.get(2)));
            assertEquals("realized " + now, Fixed.format(p.realizedPnl()), norm(now.get(4)));
            assertEquals("bought " + now, Fixed.format(p.boughtQuantity()), norm(now.get(6)));
            assertEquals("sold " + now, Fixed.format(p.soldQuantity()), norm(now.get(7)));
        }

        // ---- trading resumes on the recovered state; then a clean stop
        int fillsBefore = table(shell("livestack:fills -n 1000")).size();
        String started = shell("livestack:strategy-start mm-sim");
        Await.until("mm-sim running again (" + started.trim() + ")", WAIT,
                () -> table(shell("livestack:strategies")).stream()
                        .anyMatch(r -> r.get(0).equals("mm-sim") && r.get(2).equals("yes")));
        Await.value("new fills after the restart", TRADING_WAIT, () -> table(shell("livestack:fills -n 1000")).size(),
                n -> n > fillsBefore);
        stop();

        Durable end = readDatabase();
        assertEquals("no dead letter: sequence numbers continued after the recovered ones", 0, end.deadLetters);
        assertTrue("records after the restart: last seq " + end.lastSeq, end.lastSeq > durable.lastSeq);
        assertEquals("fills unique by venue and exec id", List.of(), end.duplicateFills);
        assertEquals("positions are the sums of the fills: nothing counted twice across the kill", end.fillTotals,
                totals(end.positions));
        for (String id : durable.openOrders.keySet()) {
            assertTrue("the reconciliation of " + id + " is stored", end.latestStatus.get(id).isTerminal());
        }
    }

    // ------------------------------------------------------------------------------------------ the distribution

    private Path unpack() throws Exception {
        Path tarGz = Path.of(System.getProperty("livestack.distribution",
                "../karaf-assembly/target/livestack-assembly-0.1.0-SNAPSHOT.tar.gz"));
        assertTrue("the distribution " + tarGz + " (build karaf-assembly first)", Files.isRegularFile(tarGz));
        Path target = Path.of(System.getProperty("livestack.itest.killRestartDirectory", "target/kill-restart"))
                .toAbsolutePath().resolve(Long.toString(System.currentTimeMillis(), 36));
        Files.createDirectories(target);
        run(target, List.of("tar", "-xzf", tarGz.toAbsolutePath().toString()), PROCESS_TIMEOUT);
        try (Stream<Path> dirs = Files.list(target)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("bin/start"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no bin/start under " + target));
        }
    }

    private void configureFreePorts() throws IOException {
        int[] ports = LivestackTestSupport.freePorts(5);
        ssh = ports[1];
        setProperty(etc("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", Integer.toString(ports[0]));
        setProperty(etc("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(ssh));
        setProperty(etc("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        setProperty(etc("org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(ports[2]));
        setProperty(etc("org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(ports[3]));
        setProperty(etc("livestack.fixsim.cfg"), "port", Integer.toString(ports[4]));
        setProperty(etc("livestack.venue.fix-FIXSIM.cfg"), "port", Integer.toString(ports[4]));
    }

    private void start() throws Exception {
        run(home, List.of("bin/start"), PROCESS_TIMEOUT);
        Await.value("karaf.pid written by the started Karaf", BOOT, this::karafProcess, Optional::isPresent);
    }

    /** bin/stop, then waits for the JVM to end (the storage writes its last batch on the way). */
    private void stop() throws Exception {
        ProcessHandle karaf = karafProcess().orElseThrow();
        run(home, List.of("bin/stop"), PROCESS_TIMEOUT);
        karaf.onExit().get(BOOT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The live JVM named by karaf.pid (written by Karaf's launcher at start). */
    private Optional<ProcessHandle> karafProcess() {
        Path pid = home.resolve("karaf.pid");
        try {
            if (!Files.isRegularFile(pid)) {
                return Optional.empty();
            }
            String text = Files.readString(pid).trim();
            return text.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void awaitRunning() {
        Await.until("the distribution answers over ssh: session RUNNING, SIM LOGGED_ON", BOOT, () -> {
            try {
                boolean running = table(shell("livestack:status")).stream()
                        .anyMatch(r -> r.get(0).equals("session") && r.get(1).equals("RUNNING"));
                return running && table(shell("livestack:venues")).stream()
                        .anyMatch(r -> r.get(0).equals("SIM") && r.get(1).equals("LOGGED_ON"));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** A GTC buy of 0.01 at 97% of the best bid: it rests at SIM until the kill. Returns its ClOrdID. */
    private String submitRestingBuy() {
        String book = Await.value("a two-sided BTC-USD book at SIM", WAIT, () -> shell("livestack:book SIM BTC-USD 1"),
                b -> Pattern.compile("\\n\\s*[0-9.]+\\s*\\|\\s*([0-9.]+)\\s*\\|").matcher(b).find());
        Matcher bid = Pattern.compile("\\n\\s*[0-9.]+\\s*\\|\\s*([0-9.]+)\\s*\\|").matcher(book);
        assertTrue(book, bid.find());
        String price = new java.math.BigDecimal(bid.group(1)).multiply(new java.math.BigDecimal("0.97"))
                .setScale(2, java.math.RoundingMode.DOWN).toPlainString();
        String sent = shell("livestack:order-submit SIM BTC-USD BUY 0.01 " + price + " --tif GTC");
        Matcher m = SENT.matcher(sent);
        assertTrue(sent, m.find());
        return m.group(1);
    }

    private Map<String, List<String>> openOrdersShown() {
        return table(shell("livestack:orders --open")).stream().filter(r -> r.get(9).equals("NEW"))
                .collect(Collectors.toMap(r -> r.get(0), r -> r, (a, b) -> a));
    }

    /** One shell command over SSH as the operator; its whole output. */
    private String shell(String command) {
        try {
            return SshShell.execute(ssh, "operator", "operator", command, SSH_TIMEOUT).all();
        } catch (Exception e) {
            throw new IllegalStateException("ssh '" + command + "' failed: " + e, e);
        }
    }

    /** The rows of a ShellTable (header and separator skipped), cells trimmed. */
    static List<List<String>> table(String output) {
        List<String> lines = output.lines().collect(Collectors.toList());
        int separator = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^-+(\\+-+)+$")) {
                separator = i;
                break;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        if (separator < 0) {
            return rows;
        }
        for (String line : lines.subList(separator + 1, lines.size())) {
            if (!line.contains("|")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.split("\\|", -1)) {
                cells.add(cell.trim());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String norm(String shown) {
        return Fixed.format(Fixed.parse(shown));
    }

    // ------------------------------------------------------------------------------------------ the database file

    /** What the H2 file holds (read with the H2 driver while no Karaf runs). */
    record Durable(Map<String, OrderView> openOrders, Map<InstrumentId, PositionView> positions, int executionKeys,
            long lastSeq, List<String> duplicateFills, Map<String, String> fillTotals, long deadLetters,
            Map<String, OrderStatus> latestStatus) {
    }

    private Durable readDatabase() throws SQLException {
        assertFalse("no Karaf runs on the database", karafProcess().isPresent());
        String url = "jdbc:h2:file:" + home.resolve("data/livestack/db/livestack").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Map<String, OrderView> open = new LinkedHashMap<>();
            for (OrderView o : StoredRecords.openOrders(c)) {
                open.put(o.clientOrderId().value(), o);
            }
            Map<InstrumentId, PositionView> positions = new LinkedHashMap<>();
            for (PositionView p : StoredRecords.latestPositions(c)) {
                positions.put(p.instrument(), p);
            }
            Map<String, OrderStatus> latest = new HashMap<>();
            for (OrderView o : StoredRecords.latestOrders(c)) {
                latest.put(o.clientOrderId().value(), o.status());
            }
            Map<String, String> fillTotals = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT instrument, side, "
                    + "SUM(quantity) FROM fill GROUP BY instrument, side ORDER BY instrument, side")) {
                while (r.next()) {
                    fillTotals.put(r.getString(1) + " " + r.getString(2), Fixed.format(Fixed.parse(
                            r.getBigDecimal(3).toPlainString())));
                }
            }
            return new Durable(open, positions,
                    StoredRecords.recentExecutionKeys(c, Duration.ofHours(24)).size(),
                    StoredRecords.lastSeq(c),
                    RecordsDatabase.strings(c, "SELECT venue || '|' || exec_id FROM fill GROUP BY venue, exec_id HAVING COUNT(*) > 1"),
                    fillTotals, StoredRecords.rowCounts(c).get("dead_letter"), latest);
        }
    }

    /** Bought and sold totals of the positions, keyed like the fill sums ("BTC-USD BUY"); zero totals left out. */
    private static Map<String, String> totals(Map<InstrumentId, PositionView> positions) {
        Map<String, String> totals = new LinkedHashMap<>();
        positions.values().stream().sorted((a, b) -> a.instrument().compareTo(b.instrument())).forEach(p -> {
            if (p.boughtQuantity() != 0) {
                totals.put(p.instrument().value() + " BUY", Fixed.format(p.boughtQuantity()));
            }
            if (p.soldQuantity() != 0) {
                totals.put(p.instrument().value() + " SELL", Fixed.format(p.soldQuantity()));
            }
        });
        return totals;
    }

    private List<String> spoolSegments() throws IOException {
        Path spool = home.resolve("data/livestack/spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted()
                    .collect(Collectors.toList());
        }
    }

    // ------------------------------------------------------------------------------------------ files, processes

    private Path etc(String name) {
        return home.resolve("etc").resolve(name);
    }

    private Path log() {
        return home.resolve("data/log/karaf.log");
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(log());
            return offset >= all.length ? "" : new String(all, (int) offset, all.length - (int) offset,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private List<Path> strategyConfigs() throws IOException {
        var matcher = home.getFileSystem().getPathMatcher(STRATEGY_CONFIGS);
        try (Stream<Path> files = Files.list(home.resolve("etc"))) {
            List<Path> found = files.filter(f -> matcher.matches(f.getFileName())).collect(Collectors.toList());
            assertEquals("the demo's two strategy configurations: " + found, 2, found.size());
            return found;
        }
    }

    /** Sets {@code key = value} in a .cfg file: the existing line replaced, else appended. */
    static void setProperty(Path cfg, String key, String value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(cfg));
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(cfg, lines);
    }

    private static void run(Path dir, List<String> command, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.out").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + timeout);
        }
        assertEquals(command + " exit code (see " + dir.resolve("commands.out") + ")", 0, p.exitValue());
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
