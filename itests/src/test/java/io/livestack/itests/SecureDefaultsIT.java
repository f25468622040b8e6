package io.livestack.itests;

import static io.livestack.itests.support.Distribution.table;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.BlockJUnit4ClassRunner;

import io.livestack.itests.support.Distribution;
import io.livestack.itests.support.FileScan;
import io.livestack.itests.support.HttpProbe;
import io.livestack.itests.support.ListeningSockets;
import io.livestack.itests.support.LivestackTestSupport;
import io.livestack.itests.support.SshShell;
import io.livestack.testkit.Await;

/**
 * The demo distribution as shipped, run as an operator runs it ({@code bin/start}), checked for what an attacker on
 * the network or a user with too few roles could reach:
 * <ul>
 * <li>SSH, HTTP and JMX (RMI registry and server) listen on loopback only — read from the process's own listening
 * sockets in {@code /proc}, nothing is sent to any other address;</li>
 * <li>passwords in etc/users.properties are salted digests, and a clear-text one is replaced at the first login;</li>
 * <li>every HTTP path (metrics, health, web console pages and actions) answers 401 without valid credentials and
 * 403 (or 401 where the login itself needs a role) to a user without the role;</li>
 * <li>every {@code livestack:*} control command is "not found" for a viewer, every {@code livestack:*} command for a
 * user without a Live Stack role; SSH refuses unknown users and wrong passwords;</li>
 * <li>the FIX venue's logon password read from a secret file ({@code $[secret:...]}) and the simulator's from an
 * environment variable ({@code $[env:...]}) log FIXSIM on, and the password appears in no log, no file under data/,
 * no {@code config:list} and no command's output.</li>
 * </ul>
 * A second distribution, configured to listen on 0.0.0.0 without TLS or keys, is refused: its listeners stay on
 * loopback and karaf.log names the keys to set.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class SecureDefaultsIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(30);
    /** A user with SSH access but no Live Stack, admin or console role (added to the demo's users in clear text). */
    static final String OUTSIDER = "outsider";
    static final String OUTSIDER_PASSWORD = "outsider-" + UUID.randomUUID();
    /** The FIX logon password of this run: random, so it cannot turn up anywhere by chance. */
    static final String FIX_PASSWORD = "fix-" + UUID.randomUUID();
    static final String FIX_SECRET_FILE = "secrets/fixsim-password";
    static final String FIX_PASSWORD_ENV = "LIVESTACK_FIXSIM_PASSWORD";

    private static Distribution demo;
    private static HttpProbe http;

    @BeforeClass
    public static void startTheDemo() throws Exception {
        demo = Distribution.unpack("secure-defaults");
        String fixPort = Integer.toString(LivestackTestSupport.freePorts(1)[0]);
        Distribution.setProperty(demo.etc("livestack.fixsim.cfg"), "port", fixPort);
        Distribution.setProperty(demo.etc("livestack.venue.fix-FIXSIM.cfg"), "port", fixPort);
        // the secrets: the venue's from a file under etc/ (readable by the Karaf user only), the simulator's from
        // the environment bin/start runs in
        Path secret = demo.etc(FIX_SECRET_FILE);
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, FIX_PASSWORD);
        Distribution.setProperty(demo.etc("livestack.venue.fix-FIXSIM.cfg"), "password",
                "$[secret:" + FIX_SECRET_FILE + "]");
        Distribution.setProperty(demo.etc("livestack.fixsim.cfg"), "password", "$[env:" + FIX_PASSWORD_ENV + "]");
        Files.writeString(demo.etc("users.properties"), "\n" + OUTSIDER + " = " + OUTSIDER_PASSWORD + ",ssh\n",
                java.nio.file.StandardOpenOption.APPEND);
        demo.start(Map.of(FIX_PASSWORD_ENV, FIX_PASSWORD));
        Await.until("the demo session RUNNING (over SSH)", Distribution.BOOT, Duration.ofSeconds(1), () -> {
            try {
                return "RUNNING".equals(demo.status("session"));
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        http = HttpProbe.http(demo.httpPort(), SSH_TIMEOUT);
    }

    @AfterClass
    public static void stopTheDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    // ------------------------------------------------------------------------------------------- listeners

    @Test
    public void sshHttpAndJmxListenOnLoopbackOnly() throws Exception {
        long pid = demo.karafProcess().orElseThrow(() -> new AssertionError("no Karaf process")).pid();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("SSH", demo.sshPort());
        expected.put("HTTP", demo.httpPort());
        expected.put("JMX RMI registry", intProperty(demo.etc("org.apache.karaf.management.cfg"), "rmiRegistryPort"));
        expected.put("JMX RMI server", intProperty(demo.etc("org.apache.karaf.management.cfg"), "rmiServerPort"));

        List<ListeningSockets.Socket> sockets = Await.value("the HTTP listener open", WAIT, () -> sockets(pid),
                s -> s.stream().anyMatch(socket -> socket.port == demo.httpPort()));
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<ListeningSockets.Socket> on = sockets.stream().filter(s -> s.port == e.getValue())
                    .collect(Collectors.toList());
            assertFalse(e.getKey() + " listens on port " + e.getValue() + ": " + sockets, on.isEmpty());
            assertTrue(e.getKey() + " on loopback only: " + on, on.stream().allMatch(ListeningSockets.Socket::isLoopback));
        }
        List<ListeningSockets.Socket> open = sockets.stream().filter(s -> !s.isLoopback()).collect(Collectors.toList());
        assertEquals("no listening socket of the Karaf process beyond loopback (all: " + sockets + ")", List.of(), open);
    }

    @Test
    public void nonLoopbackListenersWithoutTlsOrKeysAreKeptOnLoopbackNamingTheKeys() throws Exception {
        try (Distribution exposed = Distribution.unpack("secure-defaults-exposed")) {
            Distribution.setProperty(exposed.etc("org.apache.karaf.shell.cfg"), "sshHost", "0.0.0.0");
            Distribution.setProperty(exposed.etc("org.ops4j.pax.web.cfg"), "org.ops4j.pax.web.listening.addresses",
                    "0.0.0.0");
            String fixPort = Integer.toString(LivestackTestSupport.freePorts(1)[0]);
            Distribution.setProperty(exposed.etc("livestack.fixsim.cfg"), "port", fixPort);
            Distribution.setProperty(exposed.etc("livestack.venue.fix-FIXSIM.cfg"), "port", fixPort);
            exposed.start();
            long pid = exposed.karafProcess().orElseThrow(() -> new AssertionError("no Karaf process")).pid();
            List<ListeningSockets.Socket> sockets = Await.value("SSH and HTTP listening", Distribution.BOOT,
                    Duration.ofSeconds(1), () -> sockets(pid), s -> s.stream().anyMatch(x -> x.port == exposed.sshPort())
                            && s.stream().anyMatch(x -> x.port == exposed.httpPort()));
            assertEquals("nothing beyond loopback: " + sockets, List.of(),
                    sockets.stream().filter(s -> !s.isLoopback()).collect(Collectors.toList()));
            String log = exposed.logSince(0);
            assertTrue("karaf.log names the SSH key to set:\n" + log, log.contains(
                    "SSH refused on 0.0.0.0 (sshHost): a non-loopback address needs key-based logins alone, "
                            + "authMethods must be publickey"));
            assertTrue("karaf.log names the HTTP key to set", log.contains("HTTP refused on 0.0.0.0 "
                    + "(org.ops4j.pax.web.listening.addresses): a non-loopback address needs HTTPS alone, "
                    + "org.osgi.service.http.enabled must be false"));
            Await.until("the refused SSH serves loopback", WAIT, Duration.ofSeconds(1), () -> {
                try {
                    return exposed.shell("livestack:status").contains("session");
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------- passwords

    @Test
    public void passwordsAreStoredAsSaltedDigestsAndAClearTextOneIsReplacedAtTheFirstLogin() throws Exception {
        ssh(OUTSIDER, OUTSIDER_PASSWORD, "shell:echo hello");
        Map<String, String> users = users(demo.etc("users.properties"));
        for (String user : List.of("operator", "viewer", OUTSIDER)) {
            String entry = users.get(user);
            assertNotNull(user + " in users.properties", entry);
            String password = entry.split(",")[0].trim();
            assertTrue(user + "'s password is a digest: " + password,
                    password.startsWith("{CRYPT}") && password.endsWith("{CRYPT}") && password.length() > 80);
        }
        assertFalse("the clear-text password is gone", Files.readString(demo.etc("users.properties"))
                .contains(OUTSIDER_PASSWORD));
        assertNotEquals("salted: equal passwords would still differ, different ones surely do",
                users.get("operator"), users.get("viewer"));
        assertTrue("the demo password still logs in", demo.shell("livestack:status").contains("RUNNING"));
    }

    // ------------------------------------------------------------------------------------------- HTTP

    @Test
    public void everyHttpPathRefusesAnonymousUsersWrongPasswordsAndMissingRoles() throws Exception {
        long bundleId = Long.parseLong(table(demo.shell("bundle:list -s -t 0 io.livestack.metrics")).stream()
                .filter(r -> r.size() > 3 && r.get(r.size() - 1).equals("io.livestack.metrics"))
                .findFirst().orElseThrow(() -> new AssertionError("no io.livestack.metrics bundle")).get(0));
        List<String[]> reads = List.of(
                new String[] {"GET", "/livestack/metrics"}, new String[] {"GET", "/livestack/health"},
                new String[] {"GET", "/system/console"}, new String[] {"GET", "/system/console/livestack"},
                new String[] {"GET", "/system/console/livestack/data.json"},
                new String[] {"GET", "/system/console/bundles"}, new String[] {"GET", "/system/console/configMgr"});
        List<String[]> actions = List.of(
                new String[] {"POST", "/system/console/livestack/action", "action=kill"},
                new String[] {"POST", "/system/console/bundles/" + bundleId, "action=stop"},
                new String[] {"POST", "/system/console/configMgr/livestack.risk", "apply=true&propertylist=x&x=1"});
        List<String> wrong = new ArrayList<>();
        for (List<String[]> group : List.of(reads, actions)) {
            for (String[] r : group) {
                String body = r.length > 2 ? r[2] : null;
                http.expect(wrong, r[0], r[1], null, null, body, 401);
                http.expect(wrong, r[0], r[1], "operator", "wrong", body, 401);
                http.expect(wrong, r[0], r[1], "nobody", "nobody", body, 401);
            }
        }
        // a user without any Live Stack or admin role: /livestack/* answers 403, the console does not log it in
        http.expect(wrong, "GET", "/livestack/metrics", OUTSIDER, OUTSIDER_PASSWORD, null, 403);
        http.expect(wrong, "GET", "/livestack/health", OUTSIDER, OUTSIDER_PASSWORD, null, 403);
        http.expect(wrong, "GET", "/system/console/livestack", OUTSIDER, OUTSIDER_PASSWORD, null, 401);
        http.expect(wrong, "POST", "/system/console/livestack/action", OUTSIDER, OUTSIDER_PASSWORD, "action=kill", 401);
        // a viewer: the Live Stack page only, and no action
        http.expect(wrong, "GET", "/system/console/bundles", "viewer", "viewer", null, 403);
        http.expect(wrong, "GET", "/system/console/configMgr", "viewer", "viewer", null, 403);
        http.expect(wrong, "POST", "/system/console/bundles/" + bundleId, "viewer", "viewer", "action=stop", 403);
        http.expect(wrong, "POST", "/system/console/configMgr/livestack.risk", "viewer", "viewer",
                "apply=true&propertylist=x&x=1", 403);
        HttpResponse<String> kill = http.send("POST", "/system/console/livestack/action", "viewer", "viewer", "action=kill");
        if (kill.statusCode() != 403 || !kill.body().contains("operators only")) {
            wrong.add("viewer POST kill: " + kill.statusCode() + " " + kill.body());
        }
        // the same requests succeed with the right role (the refusals above are about roles, not broken paths)
        http.expect(wrong, "GET", "/livestack/metrics", "viewer", "viewer", null, 200);
        http.expect(wrong, "GET", "/system/console/livestack", "viewer", "viewer", null, 200);
        http.expect(wrong, "GET", "/system/console/bundles", "operator", "operator", null, 200);
        assertEquals("HTTP answers that let too much through", List.of(), wrong);
        assertEquals("the kill switch was never engaged", "released", demo.status("kill switch"));
        assertTrue("io.livestack.metrics still active", demo.shell("bundle:list -s -t 0 io.livestack.metrics")
                .contains("Active"));
    }

    // ------------------------------------------------------------------------------------------- shell

    @Test
    public void everyControlCommandIsHiddenFromViewersAndEveryCommandFromUsersWithoutALiveStackRole()
            throws Exception {
        Path acl = demo.etc("org.apache.karaf.command.acl.livestack.cfg");
        Set<String> commands = aclCommands(acl);
        assertTrue("the ACL names the livestack commands: " + commands,
                commands.containsAll(List.of("status", "kill", "resume", "order-submit", "venues")));
        for (String command : commands) {
            assertTrue("livestack:" + command + " exists (the operator gets its help)",
                    demo.shell("livestack:" + command + " --help").contains("DESCRIPTION"));
        }
        Set<String> viewerMayRun = viewerCommands(acl);
        List<String> wrong = new ArrayList<>();
        for (String command : commands) {
            String outsider = plain(ssh(OUTSIDER, OUTSIDER_PASSWORD, "livestack:" + command).all());
            if (!outsider.contains("Command not found: livestack:" + command)) {
                wrong.add(OUTSIDER + " ran livestack:" + command + ": " + outsider);
            }
            if (!viewerMayRun.contains(command)) {
                String viewer = plain(ssh("viewer", "viewer", "livestack:" + command).all());
                if (!viewer.contains("Command not found: livestack:" + command)) {
                    wrong.add("viewer ran livestack:" + command + ": " + viewer);
                }
            }
        }
        // commands a viewer sees, with arguments only an operator may give
        for (String command : List.of("trading-state global HALTED", "journal verify", "journal start-fresh")) {
            String viewer = plain(ssh("viewer", "viewer", "livestack:" + command).all());
            if (!viewer.contains("Insufficient credentials")) {
                wrong.add("viewer ran livestack:" + command + ": " + viewer);
            }
        }
        assertEquals("commands that let too much through", List.of(), wrong);
        assertTrue("the viewer's reads still work", ssh("viewer", "viewer", "livestack:status").all().contains("RUNNING"));

        for (String[] credentials : List.of(new String[] {"operator", "wrong"}, new String[] {"nobody", "nobody"},
                new String[] {"viewer", "not-viewer"})) {
            try {
                SshShell.Result r = ssh(credentials[0], credentials[1], "livestack:status");
                fail("SSH let " + credentials[0] + " in with a wrong password: " + r);
            } catch (Exception refused) {
                assertTrue(refused.toString(), refused.toString().toLowerCase().contains("auth")
                        || refused.toString().contains("No more authentication methods"));
            }
        }
        Path securityLog = demo.home().resolve("data/log/security.log");
        String audit = Await.value("the logins audited in data/log/security.log", WAIT, () -> {
            try {
                return Files.isRegularFile(securityLog) ? Files.readString(securityLog) : "";
            } catch (IOException e) {
                return "";
            }
        }, a -> a.contains("nobody") && a.contains(OUTSIDER));
        assertFalse("no password in the audit log", audit.contains(OUTSIDER_PASSWORD));
    }

    // ------------------------------------------------------------------------------------------- secrets

    @Test
    public void theFixPasswordFromASecretFileLogsOnAndIsShownNowhere() throws Exception {
        Await.until("FIXSIM LOGGED_ON with the password from " + FIX_SECRET_FILE, WAIT, Duration.ofSeconds(1),
                () -> table(demo.shell("livestack:venues")).stream()
                        .anyMatch(r -> r.contains("FIXSIM") && r.contains("LOGGED_ON")));
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String command : List.of("config:list", "config:list '(service.pid=livestack.venue.fix*)'",
                "config:list '(service.pid=livestack.fixsim)'", "service:list", "livestack:venues",
                "livestack:status", "livestack:venue-alerts", "bundle:list", "log:display")) {
            outputs.put("operator: " + command, plain(demo.shell(command)));
            outputs.put("viewer: " + command, plain(ssh("viewer", "viewer", command).all()));
        }
        // what a component was given (its configuration, secrets included) and its switch are for admins only
        for (String command : List.of("scr:info livestack.venue.fix", "scr:disable livestack.risk")) {
            String viewer = plain(ssh("viewer", "viewer", command).all());
            assertTrue("a viewer may not run " + command + ": " + viewer, viewer.contains("Command not found: scr:"));
        }
        assertTrue("config:list shows where the password comes from", outputs
                .get("operator: config:list '(service.pid=livestack.venue.fix*)'").contains("$[secret:" + FIX_SECRET_FILE + "]"));
        List<String> leaks = outputs.entrySet().stream().filter(e -> e.getValue().contains(FIX_PASSWORD))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertEquals("commands that show the FIX password", List.of(), leaks);
        List<String> files = FileScan.filesContaining(demo.home(), FIX_PASSWORD.getBytes(StandardCharsets.UTF_8),
                demo.etc(FIX_SECRET_FILE));
        assertEquals("files (logs, FIX stores and logs, journal, database, etc/) holding the FIX password",
                List.of(), files);
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static List<ListeningSockets.Socket> sockets(long pid) {
        try {
            return ListeningSockets.of(pid);
        } catch (IOException e) {
            throw new IllegalStateException("reading /proc for " + pid, e);
        }
    }

    private static int intProperty(Path cfg, String key) throws IOException {
        String value = Distribution.property(cfg, key);
        assertNotNull(key + " in " + cfg, value);
        return Integer.parseInt(value);
    }

    private static SshShell.Result ssh(String user, String password, String command) throws Exception {
        return SshShell.execute(demo.sshPort(), user, password, command, SSH_TIMEOUT);
    }

    /** The output without the shell's colours (a refusal prints "Command not found: " and the name in bold). */
    static String plain(String output) {
        return output.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    /** Every command the livestack ACL names (docs/operations.md: every livestack command has an entry). */
    static Set<String> aclCommands(Path acl) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(acl)) {
            String l = line.trim();
            if (l.startsWith("#") || !l.contains("=")) {
                continue;
            }
            String key = l.substring(0, l.indexOf('=')).trim();
            String command = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
            if (!command.equals("*")) {
                names.add(command);
            }
        }
        return names;
    }

    /** The commands a viewer may run at all: any ACL entry (plain or with an argument pattern) grants a viewer role. */
    static Set<String> viewerCommands(Path acl) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(acl)) {
            String l = line.trim();
            if (l.startsWith("#") || !l.contains("=")) {
                continue;
            }
            String key = l.substring(0, l.indexOf('=')).trim();
            String roles = l.substring(l.indexOf('=') + 1);
            String command = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
            if (roles.contains("livestack-viewer")) {
                names.add(command);
            }
        }
        return names;
    }

    private static Map<String, String> users(Path usersProperties) throws IOException {
        Map<String, String> users = new LinkedHashMap<>();
        for (String line : Files.readAllLines(usersProperties)) {
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("_g_") || !l.contains("=")) {
                continue;
            }
            users.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim());
        }
        return users;
    }

    private static void assertNotEquals(String message, Object a, Object b) {
        assertFalse(message + ": " + a, a.equals(b));
    }
}
