package io.livestack.itests;

import static io.livestack.itests.support.Distribution.header;
import static io.livestack.itests.support.Distribution.table;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.testkit.Await;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

/**
 * The trading day across a restart, on the real distribution (outside any container: a real stop and start). The demo
 * trades; its closed orders leave the live state at every snapshot ({@code retention.closedOrdersMillis = 0}; a
 * snapshot every 2 s), so soon after the restart only the database has them. Then:
 * <ul>
 * <li>{@code livestack:fills} shows every fill of the earlier session, once each, and says the database is in;</li>
 * <li>{@code livestack:orders} shows an earlier closed order, and {@code livestack:order-events} its events (a viewer
 * may ask), saying the live state no longer holds it;</li>
 * <li>{@code --since} after them leaves them out; pages of the earlier session ({@code --until} before the restart)
 * are its rows, one page after the other;</li>
 * <li>the web console's {@code history.json} and {@code order-events.json} answer the same;</li>
 * <li>without storage the commands show the live state's rows and say that the database's are missing.</li>
 * </ul>
 * The session is stopped before the restart (so that the database holds every record) and started again after it.
 * The trading day is configured to start six hours ago (UTC), so the test runs well inside one.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class TradingHistoryIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Set<String> CLOSED = Set.of("FILLED", "CANCELED", "REJECTED", "EXPIRED");

    private Distribution dist;

    @After
    public void nothingLeftBehind() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    public void anEarlierSessionsOrdersAndFillsShowAfterARestart() throws Exception {
        dist = Distribution.unpack("trading-history");
        String fixsim = Integer.toString(LivestackTestSupport.freePorts(1)[0]);
        Distribution.setProperty(dist.etc("livestack.fixsim.cfg"), "port", fixsim);
        Distribution.setProperty(dist.etc("livestack.venue.fix-FIXSIM.cfg"), "port", fixsim);
        String dayStart = LocalTime.now(ZoneOffset.UTC).minusHours(6).truncatedTo(ChronoUnit.MINUTES).toString();
        Distribution.setProperty(dist.etc("livestack.risk.cfg"), "tradingDayStart", dayStart);
        Distribution.setProperty(dist.etc("livestack.risk.cfg"), "tradingDayZone", "UTC");
        Files.writeString(dist.etc("livestack.state.cfg"), "retention.closedOrdersMillis = 0\n");
        Distribution.setProperty(dist.etc("livestack.runtime.cfg"), "snapshot.intervalMillis", "2000");

        // ---- the first session trades, then stops with every record in the database
        dist.start();
        Await.until("the demo's strategies filled orders", Distribution.BOOT, Duration.ofSeconds(1),
                () -> fillKeys(quietly("livestack:fills -n 10000")).size() >= 6);
        String stopped = dist.shell("livestack:session-stop");
        assertTrue(stopped, stopped.contains("STOPPED") && stopped.contains("database written to seq"));
        String firstFills = dist.shell("livestack:fills -n 10000");
        List<String> earlierFills = fillKeys(firstFills);
        assertTrue("the session's fills are listed once each: " + firstFills,
                new HashSet<>(earlierFills).size() == earlierFills.size());
        String firstOrders = dist.shell("livestack:orders -n 10000");
        String closed = column(firstOrders, "Status", "Order").stream().filter(r -> CLOSED.contains(r.get(0)))
                .map(r -> r.get(1)).findFirst().orElseThrow(() -> new AssertionError("no closed order: "
                        + firstOrders));
        dist.stop();
        String beforeRestart = Instant.now().toString();

        // ---- after the restart: the database has what the live state let go of
        dist.start();
        Await.until("the runtime recovered, its session stopped as it was", Distribution.BOOT,
                Duration.ofSeconds(1), () -> "STOPPED".equals(status("session")));
        String started = dist.shell("livestack:session-start", WAIT);
        Await.until("the session running again (" + started.trim() + ")", WAIT, Duration.ofSeconds(1),
                () -> "RUNNING".equals(status("session")));
        // storage publishes its history once the DataSource is back, which may be after the runtime's recovery
        String fills = Await.value("every earlier fill listed, the database's part included", WAIT,
                Duration.ofSeconds(1), () -> quietly("livestack:fills -n 10000"),
                out -> fillKeys(out).containsAll(earlierFills) && out.contains("from the database up to seq "));
        List<String> keys = fillKeys(fills);
        assertEquals("each fill once: " + fills, keys.size(), new HashSet<>(keys).size());
        assertTrue(fills, fills.contains("booked in the trading day ") && fills.contains("(from " + dayStart
                + " UTC); from the database up to seq ") && !fills.contains("WARNING"));

        String orders = dist.shell("livestack:orders -n 10000");
        assertTrue("the earlier closed order " + closed + " is listed: " + orders,
                column(orders, "Order").stream().anyMatch(r -> r.get(0).equals(closed)));
        String events = Await.value("the live state let go of " + closed + " (closed, a snapshot since)", WAIT,
                Duration.ofSeconds(1), () -> dist.shellAs("viewer", "livestack:order-events " + closed,
                        Duration.ofSeconds(30)), out -> out.startsWith("order " + closed + "; the live state no "
                                + "longer holds it"));
        assertTrue(events, events.contains("SUBMITTED") && table(events).size() >= 2);

        String later = dist.shell("livestack:fills -n 10000 --since " + beforeRestart);
        assertTrue("--since after the restart leaves the earlier fills out: " + later,
                fillKeys(later).stream().noneMatch(earlierFills::contains));
        assertTrue(later, later.contains("booked from " + beforeRestart + " to "));

        int n = earlierFills.size();
        String page1 = dist.shell("livestack:fills -n 2 --until " + beforeRestart);
        String page2 = dist.shell("livestack:fills -n 2 --page 2 --until " + beforeRestart);
        String four = dist.shell("livestack:fills -n 4 --until " + beforeRestart);
        List<String> paged = new ArrayList<>(fillKeys(page1));
        paged.addAll(fillKeys(page2));
        assertEquals("two pages of two are the first four", fillKeys(four), paged);
        assertEquals(earlierFills.subList(0, 4), paged);
        assertTrue(page1, page1.contains("fills 1-2 of " + n + " (page 1 of " + (n + 1) / 2 + "; " + (n - 2)
                + " more: --page 2)"));
        assertTrue(page2, page2.contains("fills 3-4 of " + n + " (page 2 of "));

        // ---- the web console answers the same, to a viewer
        String json = http("/system/console/livestack/history.json?kind=fills&size=1000&until="
                + URLEncoder.encode(beforeRestart, StandardCharsets.UTF_8));
        for (String key : earlierFills) {
            assertTrue(key + " in " + json, json.contains("\"execId\":\"" + key.substring(key.indexOf('|') + 1)
                    + "\""));
        }
        assertTrue(json, json.contains("\"total\":" + n + ",") && json.contains("\"storedUnavailable\":null"));
        String eventsJson = http("/system/console/livestack/order-events.json?order=" + closed);
        assertTrue(eventsJson, eventsJson.contains("\"order\":\"" + closed + "\"") && eventsJson.contains(
                "\"current\":null") && eventsJson.contains("\"event\":"));

        // ---- without storage: the live state's rows, and the warning
        dist.shell("bundle:stop io.livestack.storage");
        String alone = dist.shell("livestack:orders -n 10000");
        assertTrue(alone, alone.contains("WARNING: stored history unavailable (no stored history: the storage bundle "
                + "is not running (feature livestack-storage))") && alone.contains("; from the live state only"));
        assertFalse("the closed order was only in the database: " + alone,
                column(alone, "Order").stream().anyMatch(r -> r.get(0).equals(closed)));
        assertTrue(http("/system/console/livestack/history.json?kind=orders").contains(
                "\"storedUnavailable\":\"no stored history"));
    }

    /** "venue|exec id" of each row of a fills table, in order. */
    private static List<String> fillKeys(String output) {
        return column(output, "Venue", "Exec id").stream().map(r -> r.get(0) + "|" + r.get(1)).toList();
    }

    /** The cells of these columns in each row of a table. */
    private static List<List<String>> column(String output, String... names) {
        List<String> head = header(output);
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : table(output)) {
            List<String> cells = new ArrayList<>();
            for (String name : names) {
                int i = head.indexOf(name);
                if (i < 0 || i >= row.size()) {
                    throw new AssertionError("no column " + name + " in " + output);
                }
                cells.add(row.get(i));
            }
            out.add(cells);
        }
        return out;
    }

    private String quietly(String command) {
        try {
            return dist.shell(command);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private String status(String row) {
        try {
            return dist.status(row);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String http(String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + dist.httpPort() + path)
                .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "viewer:viewer".getBytes(StandardCharsets.UTF_8)));
        int status = c.getResponseCode();
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("GET " + path + ": " + body, 200, status);
            return body;
        }
    }
}
