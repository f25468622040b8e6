package io.livestack.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExamServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.livestack.testkit.Await;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.SshShell;

/**
 * The operator surfaces from OUTSIDE the container, as an operator reaches them: SSH (a viewer is refused a control
 * command, an operator is not), bin/client, the web console's Live Stack page in a real headless Chromium (log in,
 * read the page, press the kill switch, see the open orders canceled; a viewer sees no buttons and gets 403 when
 * posting anyway). The distribution runs in a Pax Exam server (no probe): these tests run in the test JVM.
 * <p>
 * The browser test needs Debian's {@code chromium} and {@code chromium-driver} packages
 * ({@code apt-get install -y chromium chromium-driver}); their absence is a failure (.ci/run installs them). The
 * screenshots of the page are written to {@code itests/target/screenshots/}; the copies in docs/images/ are
 * refreshed from there by hand.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class RemoteOperatorIT extends LivestackTestSupport {

    static final int HTTP = freePort();
    static final int SSH = freePort();
    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    static final Pattern SENT = Pattern.compile("order (\\S+) sent");
    /** The page's charts (livestack.html). */
    static final List<String> CHARTS = List.of("ls-chart-pnl", "ls-chart-position", "ls-chart-flow",
            "ls-chart-latency", "ls-chart-distribution", "ls-chart-queue");
    /** Points the server holds before the viewer's page opens: the page must draw them all at once. */
    static final int HISTORY_BEFORE_PAGE = 10;

    @ClassRule
    public static final PaxExamServer SERVER = new PaxExamServer();

    /** The base configuration with ports this JVM knows (the base picks its own, visible only in the container). */
    @Override
    protected Option[] extraOptions() {
        return OptionUtils.combine(new Option[] {
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(SSH)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
            // the whole demo, as the README runs it: mom-fix trades over FIX on this test's own simulator
            fixDemoStrategy()}, fixSimulatorOnFreePort());
    }

    @Test
    public void overSshAViewerReadsButIsRefusedTheKillSwitch() throws Exception {
        awaitRunning();
        SshShell.Result status = ssh("viewer", "livestack:status");
        assertTrue(status.toString(), status.all().contains("RUNNING"));

        SshShell.Result kill = ssh("viewer", "livestack:kill from a viewer");
        assertTrue("a viewer's kill is refused: " + kill, kill.all().contains("Command not found")
                || kill.all().contains("Insufficient credentials"));
        assertFalse("no kill switch from a viewer", ssh("viewer", "livestack:trading-state").all().contains("ENGAGED"));

        SshShell.Result set = ssh("viewer", "livestack:trading-state global HALTED");
        assertTrue("a viewer cannot set a trading state: " + set, set.all().contains("Insufficient credentials"));
    }

    @Test
    public void overSshAnOperatorControls() throws Exception {
        awaitRunning();
        SshShell.Result r = ssh("operator", "livestack:trading-state strategy:mom-sim REDUCING");
        assertTrue(r.toString(), r.all().contains("REDUCING"));
        assertTrue(ssh("viewer", "livestack:trading-state").all().contains("strategy:mom-sim"));
        assertTrue(ssh("operator", "livestack:trading-state strategy:mom-sim ACTIVE").all().contains("ACTIVE"));
        SshShell.Result bad = ssh("operator", "livestack:order-submit SIM BTC-USD BYU 1 100");
        assertTrue(bad.toString(), bad.all().contains("side 'BYU' is not one of BUY, SELL"));
        assertFalse("no stack trace: " + bad, bad.all().contains("\tat "));
    }

    @Test
    public void binClientRunsTheCommandsToo() throws Exception {
        awaitRunning();
        File home = karafHome();
        String viewer = binClient(home, "viewer", "livestack:venues");
        assertTrue(viewer, viewer.contains("SIM") && viewer.contains("LOGGED_ON"));
        String refused = binClient(home, "viewer", "livestack:resume");
        assertTrue(refused, refused.contains("Command not found") || refused.contains("Insufficient credentials"));
    }

    @Test
    public void aViewerSeesThePageWithoutControlsAndMayNotPost() throws Exception {
        awaitRunning();
        Http page = http("GET", "/system/console/livestack", "viewer", null, Map.of());
        assertEquals(200, page.status);
        assertTrue(page.body.contains("id=\"ls-orders\""));
        assertFalse("no kill switch button for a viewer", page.body.contains("id=\"ls-kill\""));
        assertEquals("the rest of the console is closed to a viewer", 403,
                http("GET", "/system/console/bundles", "viewer", null, Map.of()).status);
        Http post = http("POST", "/system/console/livestack/action", "viewer", "action=kill",
                Map.of("Origin", "http://127.0.0.1:" + HTTP));
        assertEquals(403, post.status);
        Http forged = http("POST", "/system/console/livestack/action", "operator", "action=kill",
                Map.of("Origin", "http://evil.example"));
        assertEquals("no token, foreign origin: refused", 403, forged.status);
        assertFalse(ssh("viewer", "livestack:trading-state").all().contains("ENGAGED"));
    }

    /**
     * The charts, for a viewer: the server kept their history before the page was opened (a page opened late shows
     * the curves from the start, not from its first poll), and every chart draws data points on its canvas.
     */
    @Test
    public void aViewerSeesEveryChartDrawnWithTheHistoryKeptByTheServer() throws Exception {
        awaitRunning();
        int kept = Await.value("the server's chart history holds " + HISTORY_BEFORE_PAGE + " points", WAIT,
                () -> chartTimes("viewer"), n -> n >= HISTORY_BEFORE_PAGE);
        WebDriver driver = chrome();
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get("http://viewer:viewer@127.0.0.1:" + HTTP + "/system/console/livestack");
            wait.until(d -> d.findElement(By.id("ls-session")).getText().contains("RUNNING"));
            assertTrue("no kill switch for a viewer", driver.findElements(By.id("ls-kill")).isEmpty());
            long queuePoints = renderedPoints(driver, "ls-chart-queue");
            assertTrue("the first poll drew the server's history (" + kept + " points kept, " + queuePoints
                    + " drawn in the queue chart)", queuePoints >= kept);
            awaitChartsDrawn(driver, wait);
        } finally {
            driver.quit();
        }
    }

    @Test
    public void anOperatorPressesTheKillSwitchInTheBrowserAndTheOpenOrdersAreCanceled() throws Exception {
        awaitRunning();
        // an open order that only the kill switch will cancel (GTC, 2% below the market)
        String price = belowMarket();
        SshShell.Result sent = ssh("operator", "livestack:order-submit SIM BTC-USD BUY 0.01 " + price + " --tif GTC");
        Matcher m = SENT.matcher(sent.all());
        assertTrue(sent.toString(), m.find());
        String orderId = m.group(1);

        WebDriver driver = chrome();
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get("http://operator:operator@127.0.0.1:" + HTTP + "/system/console/livestack");
            wait.until(d -> d.findElement(By.id("ls-session")).getText().contains("RUNNING"));
            wait.until(d -> d.findElement(By.id("ls-venues")).getText().contains("LOGGED_ON"));
            wait.until(d -> d.findElement(By.id("ls-orders")).getText().contains(orderId));
            assertTrue(driver.findElement(By.id("ls-strategies")).getText().contains("mm-sim"));
            assertTrue(driver.findElement(By.id("ls-session")).getText().contains("released"));
            awaitChartsDrawn(driver, wait);
            screenshot(driver, "webconsole-livestack.png");

            driver.findElement(By.id("ls-kill")).click();
            wait.until(d -> {
                try {
                    d.switchTo().alert();
                    return true;
                } catch (org.openqa.selenium.NoAlertPresentException e) {
                    return false;
                }
            });
            driver.switchTo().alert().sendKeys("browser itest");
            driver.switchTo().alert().accept();

            wait.until(d -> d.findElement(By.id("ls-result")).getText().contains("kill switch engaged"));
            wait.until(d -> "engaged".equals(d.findElement(By.id("ls-session")).getAttribute("data-killswitch")));
            wait.until(d -> !d.findElement(By.id("ls-orders")).getText().contains(orderId));
            wait.until(d -> d.findElements(By.cssSelector("#ls-orders tbody tr")).isEmpty());
            assertTrue(driver.findElement(By.id("ls-session")).getText().contains("ENGAGED"));
            screenshot(driver, "webconsole-livestack-killed.png");
            assertTrue(ssh("viewer", "livestack:orders --open").all().contains("no open order"));

            driver.findElement(By.id("ls-resume")).click();
            wait.until(d -> "released".equals(d.findElement(By.id("ls-session")).getAttribute("data-killswitch")));
        } finally {
            driver.quit();
        }
    }

    @Test
    public void aViewerOpensAnOrdersEventsFromTodaysOrdersInTheBrowser() throws Exception {
        String chromium = System.getProperty("livestack.itest.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("livestack.itest.chromedriver", "/usr/bin/chromedriver");
        assertTrue("chromium and chromedriver are required for the browser test; .ci/run installs them "
                + "(apt-get install -y chromium chromium-driver)",
                new File(chromium).canExecute() && new File(chromedriver).canExecute());
        awaitRunning();
        SshShell.Result sent = ssh("operator", "livestack:order-submit SIM BTC-USD BUY 0.01 " + belowMarket()
                + " --tif GTC");
        Matcher m = SENT.matcher(sent.all());
        assertTrue(sent.toString(), m.find());
        String orderId = m.group(1);
        Await.until("the order acknowledged", WAIT, () -> {
            try {
                return ssh("viewer", "livestack:orders --open").all().contains(orderId);
            } catch (Exception e) {
                return false;
            }
        });

        WebDriver driver = chrome(chromium, chromedriver);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get("http://viewer:viewer@127.0.0.1:" + HTTP + "/system/console/livestack");
            wait.until(d -> d.findElement(By.id("ls-history-orders")).getText().contains(orderId));
            assertTrue(driver.findElement(By.id("ls-history-range")).getText().contains("trading day"));
            driver.findElement(By.cssSelector("#ls-history-orders a[data-order='" + orderId + "']")).click();
            wait.until(d -> d.findElement(By.id("ls-order-events")).isDisplayed());
            wait.until(d -> d.findElement(By.id("ls-order-events-table")).getText().contains("SUBMITTED"));
            assertTrue(driver.findElement(By.id("ls-order-events-now")).getText().contains("Now (live state): NEW"));
            screenshot(driver, "webconsole-order-events.png");

            driver.findElement(By.id("ls-order-events-close")).click();
            wait.until(d -> !d.findElement(By.id("ls-order-events")).isDisplayed());
            wait.until(d -> d.findElement(By.id("ls-orders")).getText().contains(orderId));
            driver.findElements(By.cssSelector("#ls-orders tbody tr td:first-child")).stream()
                    .filter(td -> td.getText().equals(orderId)).findFirst().orElseThrow().click();
            wait.until(d -> d.findElement(By.id("ls-order-events-id")).getText().equals(orderId)
                    && d.findElement(By.id("ls-order-events-table")).getText().contains("ACKNOWLEDGED"));

            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("ls-history-kind")))
                    .selectByValue("fills");
            wait.until(d -> d.findElement(By.id("ls-history-fills")).isDisplayed()
                    && d.findElement(By.id("ls-history-page")).getText().contains("fills"));
        } finally {
            driver.quit();
            ssh("operator", "livestack:order-cancel " + orderId);
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Every chart of the page draws points from data (not an empty canvas with axes only). */
    private static void awaitChartsDrawn(WebDriver driver, WebDriverWait wait) {
        for (String chart : CHARTS) {
            wait.withMessage("chart " + chart + " draws data points in its datasets' colours")
                    .until(d -> renderedPoints(d, chart) > 0 && datasetPixels(d, chart) > 0);
        }
    }

    /** Points (or bars) Chart.js laid out on the canvas with a value: -1 while the chart does not exist. */
    private static long renderedPoints(WebDriver driver, String canvasId) {
        Object n = ((JavascriptExecutor) driver).executeScript("var c = window.Chart && "
                + "Chart.getChart(document.getElementById(arguments[0])); if (!c) { return -1; } var n = 0;"
                + "c.data.datasets.forEach(function (ds, i) { c.getDatasetMeta(i).data.forEach(function (e) {"
                + " if (!e.skip && typeof e.y === 'number' && isFinite(e.y)) { n++; } }); }); return n;", canvasId);
        return ((Number) n).longValue();
    }

    /** Pixels inside the chart's plot area painted in one of its datasets' colours: the data really drawn. */
    private static long datasetPixels(WebDriver driver, String canvasId) {
        Object n = ((JavascriptExecutor) driver).executeScript("var c = window.Chart && "
                + "Chart.getChart(document.getElementById(arguments[0])); if (!c) { return 0; }"
                + "var colours = c.data.datasets.map(function (ds) { var h = ds.borderColor || ds.backgroundColor;"
                + " return [parseInt(h.substr(1, 2), 16), parseInt(h.substr(3, 2), 16), parseInt(h.substr(5, 2), 16)];"
                + " }); var a = c.chartArea, ratio = c.currentDevicePixelRatio;"
                + "var px = c.ctx.getImageData(a.left * ratio, a.top * ratio, (a.right - a.left) * ratio,"
                + " (a.bottom - a.top) * ratio).data; var n = 0; for (var i = 0; i < px.length; i += 4) {"
                + " if (px[i + 3] > 200 && colours.some(function (k) { return Math.abs(px[i] - k[0]) < 8"
                + " && Math.abs(px[i + 1] - k[1]) < 8 && Math.abs(px[i + 2] - k[2]) < 8; })) { n++; } } return n;",
                canvasId);
        return ((Number) n).longValue();
    }

    /** How many points the server's chart history holds now (a full load of data.json). */
    private static int chartTimes(String user) {
        try {
            Http data = http("GET", "/system/console/livestack/data.json", user, null, Map.of());
            Matcher m = Pattern.compile("\"times\":\\[([0-9,]*)\\]").matcher(data.body);
            return data.status == 200 && m.find() ? (m.group(1).isEmpty() ? 0 : m.group(1).split(",").length) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static WebDriver chrome() throws IOException {
        String chromium = System.getProperty("livestack.itest.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("livestack.itest.chromedriver", "/usr/bin/chromedriver");
        assertTrue("chromium and chromedriver are required for the browser test; .ci/run installs them "
                + "(apt-get install -y chromium chromium-driver)",
                new File(chromium).canExecute() && new File(chromedriver).canExecute());
        return chrome(chromium, chromedriver);
    }

    private static WebDriver chrome(String chromium, String chromedriver) throws IOException {
        Path profile = Files.createTempDirectory(new File(System.getProperty("livestack.itest.tmpdir", "target/tmp"))
                .toPath(), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver)).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("livestack.itest.screenshots", "target/screenshots"));
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void awaitRunning() {
        Await.until("the distribution answers over ssh with a RUNNING session and SIM logged on", WAIT, () -> {
            try {
                String status = ssh("viewer", "livestack:venues").all() + ssh("viewer", "livestack:status").all();
                return status.contains("RUNNING") && status.contains("LOGGED_ON");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static SshShell.Result ssh(String user, String command) throws Exception {
        return SshShell.execute(SSH, user, user, command, SSH_TIMEOUT);
    }

    /** 98% of the best bid at SIM, on the 0.01 tick, read with livestack:book. */
    private static String belowMarket() throws Exception {
        String book = ssh("viewer", "livestack:book SIM BTC-USD 1").all();
        Matcher m = Pattern.compile("\\n\\s*[0-9.]+\\s*\\|\\s*([0-9.]+)\\s*\\|").matcher(book);
        assertTrue(book, m.find());
        return new java.math.BigDecimal(m.group(1)).multiply(new java.math.BigDecimal("0.98"))
                .setScale(2, java.math.RoundingMode.DOWN).toPlainString();
    }

    /** The Karaf that Pax Exam unpacked for this class (the newest under the unpack directory). */
    private static File karafHome() throws IOException {
        File unpack = new File(System.getProperty("livestack.itest.unpackDirectory", "target/exam"));
        File[] candidates = unpack.listFiles(f -> new File(f, "bin/client").isFile());
        assertTrue("an unpacked Karaf under " + unpack, candidates != null && candidates.length > 0);
        File newest = candidates[0];
        for (File f : candidates) {
            if (f.lastModified() > newest.lastModified()) {
                newest = f;
            }
        }
        return newest;
    }

    private static String binClient(File home, String user, String command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bin/client", "-a", Integer.toString(SSH), "-h", "127.0.0.1",
                "-u", user, "-p", user, "-r", "3", "-b"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertTrue("bin/client ends", p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8);
    }

    static final class Http {
        final int status;
        final String body;

        Http(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    private static Http http(String method, String path, String user, String form, Map<String, String> headers)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + HTTP + path).openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(60_000);
        c.setInstanceFollowRedirects(false);
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        headers.forEach(c::setRequestProperty);
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            c.getOutputStream().write(form.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Http(status, body);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
