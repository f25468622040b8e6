package io.livestack.itests;

import static io.livestack.itests.support.Distribution.table;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

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
 * The production profile applied as docs/security.md says: a fresh distribution, {@code bin/livestack-production},
 * then what the script asks for — a throwaway HTTPS key store (keytool), its password and the database password as
 * secret files, an operator's SSH key, two web users — and {@code bin/start}. Checked: HTTPS alone (plain HTTP
 * refused, a client trusting another certificate fails the handshake, users need the right role), SSH with keys only
 * (a right password is refused), no demo (simulator, venues, strategies, users), the database opened with the secret
 * password, and no secret in config:list or the logs. Every request goes to 127.0.0.1.
 */
@RunWith(BlockJUnit4ClassRunner.class)
public class ProductionProfileIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String KEYSTORE_PASSWORD = "ks-" + UUID.randomUUID();
    static final String DB_PASSWORD = "db-" + UUID.randomUUID();
    static final String WEB_OPERATOR_PASSWORD = "op-" + UUID.randomUUID();
    static final String WEB_VIEWER_PASSWORD = "vw-" + UUID.randomUUID();

    private static Distribution prod;
    private static int https;
    private static KeyPair operatorKey;
    private static SSLContext trustingTheServer;
    private static SSLContext trustingAnotherServer;

    @BeforeClass
    public static void applyTheProfileAndStart() throws Exception {
        prod = Distribution.unpack("production-profile");
        String applied = run(prod.home(), List.of("bin/livestack-production"));
        assertTrue(applied, applied.contains("Production profile applied"));
        https = LivestackTestSupport.freePorts(1)[0];
        // the profile's files replaced those unpack() had given free ports
        Distribution.setProperty(prod.etc("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port",
                Integer.toString(prod.httpPort()));
        Distribution.setProperty(prod.etc("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port.secure",
                Integer.toString(https));
        Distribution.setProperty(prod.etc("org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(prod.sshPort()));

        Path keystore = prod.etc("tls/https.p12");
        keytool(keystore, "livestack", KEYSTORE_PASSWORD);
        Files.writeString(prod.etc("secrets/https-keystore-password"), KEYSTORE_PASSWORD);
        Files.writeString(prod.etc("secrets/db-password"), DB_PASSWORD);
        Path other = prod.home().resolve("other-server.p12");
        keytool(other, "other", KEYSTORE_PASSWORD);
        trustingTheServer = trusting(keystore, "livestack");
        trustingAnotherServer = trusting(other, "other");

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        operatorKey = rsa.generateKeyPair();
        Files.writeString(prod.etc("keys.properties"), "\nops = " + openSshRsa((RSAPublicKey) operatorKey.getPublic())
                + ",_g_:livestack-operators\n", StandardOpenOption.APPEND);
        Files.writeString(prod.etc("users.properties"), "\nwebops = " + WEB_OPERATOR_PASSWORD
                + ",_g_:livestack-operators\nwebviewer = " + WEB_VIEWER_PASSWORD + ",_g_:livestack-viewers\n",
                StandardOpenOption.APPEND);

        prod.start();
        Await.until("the production distribution answers livestack:status over SSH with a key", Distribution.BOOT,
                Duration.ofSeconds(1), () -> {
                    try {
                        return sshWithKey("ops", "livestack:status").contains("session");
                    } catch (Exception notYet) {
                        return false;
                    }
                });
    }

    @AfterClass
    public static void stop() throws Exception {
        if (prod != null) {
            prod.close();
        }
    }

    @Test
    public void httpsAloneServesTheConsoleAndTheEndpointsAndPlainHttpIsRefused() throws Exception {
        long pid = prod.karafProcess().orElseThrow(() -> new AssertionError("no Karaf")).pid();
        List<ListeningSockets.Socket> sockets = Await.value("HTTPS listening", WAIT, () -> {
            try {
                return ListeningSockets.of(pid);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, s -> s.stream().anyMatch(x -> x.port == https));
        assertFalse("no plain HTTP listener on " + prod.httpPort() + ": " + sockets,
                sockets.stream().anyMatch(s -> s.port == prod.httpPort()));
        try (Socket plain = new Socket("127.0.0.1", prod.httpPort())) {
            fail("plain HTTP port " + prod.httpPort() + " accepted a connection");
        } catch (ConnectException refused) {
            // nothing listens there
        }
        try {
            HttpResponse<String> r = HttpProbe.http(https, TIMEOUT).send("GET", "/livestack/health", null, null, null);
            assertFalse("plain HTTP on the HTTPS port is not served: " + r.statusCode(),
                    List.of(200, 401, 403, 503).contains(r.statusCode()));
        } catch (IOException refused) {
            // the TLS connector drops a plain-text request
        }
        String log = prod.logSince(0);
        assertFalse("the listener guard let both listeners through", log.contains("refused on"));
    }

    @Test
    public void aClientThatTrustsAnotherCertificateFailsTheHandshake() throws Exception {
        try {
            HttpResponse<String> r = get(trustingAnotherServer, "/livestack/health", null, null);
            fail("HTTPS answered a client that does not trust its certificate: " + r.statusCode());
        } catch (SSLHandshakeException expected) {
            String chain = "";
            for (Throwable t = expected; t != null; t = t.getCause()) {
                chain += t + "\n";
            }
            assertTrue("refused for the certificate (not for another reason): " + chain,
                    chain.contains("PKIX") || chain.contains("certification path"));
        }
    }

    @Test
    public void overHttpsEveryPathNeedsAUserWithTheRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String path : List.of("/livestack/metrics", "/livestack/health", "/system/console",
                "/system/console/livestack", "/system/console/bundles")) {
            expect(wrong, "GET", path, null, null, null, 401);
            expect(wrong, "GET", path, "webops", "wrong", null, 401);
        }
        expect(wrong, "GET", "/system/console/bundles", "webviewer", WEB_VIEWER_PASSWORD, null, 403);
        expect(wrong, "POST", "/system/console/livestack/action", "webviewer", WEB_VIEWER_PASSWORD, "action=kill", 403);
        expect(wrong, "GET", "/livestack/metrics", "webviewer", WEB_VIEWER_PASSWORD, null, 200);
        expect(wrong, "GET", "/system/console/bundles", "webops", WEB_OPERATOR_PASSWORD, null, 200);
        assertEquals(List.of(), wrong);
    }

    @Test
    public void sshTakesKeysOnly() throws Exception {
        assertTrue(sshWithKey("ops", "livestack:status").contains("session"));
        for (String[] login : List.of(new String[] {"webops", WEB_OPERATOR_PASSWORD}, new String[] {"ops", "ops"})) {
            try {
                SshShell.Result r = SshShell.execute(prod.sshPort(), login[0], login[1], "livestack:status", TIMEOUT);
                fail("a password logged " + login[0] + " in over SSH: " + r);
            } catch (Exception refused) {
                // no password method offered
            }
        }
        try {
            sshWithKey("webops", "livestack:status");
            fail("the key logged in a user it does not belong to");
        } catch (Exception refused) {
            // ops's key is not webops's
        }
    }

    @Test
    public void noDemoIsInstalledOrConfigured() throws Exception {
        String features = sshWithKey("ops", "feature:list -i");
        assertTrue(features, features.contains("livestack "));
        for (String demo : List.of("livestack-demo", "livestack-fix-exchange-sim", "livestack-strategies-examples")) {
            assertFalse(demo + " installed:\n" + features, features.contains(demo + " "));
        }
        String bundles = sshWithKey("ops", "bundle:list -s");
        for (String bsn : List.of("io.livestack.fix.exchange.sim", "io.livestack.strategies.examples")) {
            assertFalse(bsn + " installed", bundles.contains(bsn));
        }
        assertEquals("no venue", List.of(), table(sshWithKey("ops", "livestack:venues")));
        assertEquals("no strategy", List.of(), table(sshWithKey("ops", "livestack:strategies")));
        try (var files = Files.list(prod.home().resolve("etc"))) {
            List<String> demoFiles = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("livestack.venue.") || n.startsWith("livestack.strategy.")
                            || n.equals("livestack.fixsim.cfg"))
                    .collect(Collectors.toList());
            assertEquals(List.of(), demoFiles);
        }
        String users = Files.readString(prod.etc("users.properties"));
        assertFalse("no demo user", users.contains("\noperator =") || users.contains("\nviewer ="));
    }

    @Test
    public void theDatabaseAndTheKeyStoreOpenWithSecretsThatAreShownNowhere() throws Exception {
        String health = Await.value("storage UP (the database opened with the secret password)", WAIT,
                () -> {
                    try {
                        return get(trustingTheServer, "/livestack/health", "webviewer", WEB_VIEWER_PASSWORD).body();
                    } catch (Exception e) {
                        return e.toString();
                    }
                }, b -> b.contains("\"storage\":{\"status\":\"UP\""));
        assertTrue(health, health.contains("storage"));
        String configs = sshWithKey("ops", "config:list");
        assertTrue("config:list shows the placeholders", configs.contains("$[secret:secrets/db-password]")
                && configs.contains("$[secret:secrets/https-keystore-password]"));
        for (String secret : List.of(KEYSTORE_PASSWORD, DB_PASSWORD, WEB_OPERATOR_PASSWORD)) {
            assertFalse("config:list shows a secret", configs.contains(secret));
            assertEquals("files holding a secret", List.of(), FileScan.filesContaining(prod.home().resolve("data"),
                    secret.getBytes(StandardCharsets.UTF_8), null));
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static String sshWithKey(String user, String command) throws Exception {
        return SshShell.execute(prod.sshPort(), user, operatorKey, command, TIMEOUT).all();
    }

    private static void expect(List<String> wrong, String method, String path, String user, String password,
            String body, int status) throws Exception {
        HttpProbe.https(https, trustingTheServer, TIMEOUT).expect(wrong, method, path, user, password, body, status);
    }

    private static HttpResponse<String> get(SSLContext tls, String path, String user, String password)
            throws Exception {
        return HttpProbe.https(https, tls, TIMEOUT).send("GET", path, user, password, null);
    }

    /** A PKCS12 key store with one EC key pair whose certificate names 127.0.0.1 and localhost. */
    private static void keytool(Path keystore, String alias, String password) throws Exception {
        Files.createDirectories(keystore.getParent());
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(prod.home(), List.of(keytool, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + alias, "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", password));
    }

    /** A TLS client context that trusts only the certificate under {@code alias} in that key store. */
    private static SSLContext trusting(Path keystore, String alias) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate(alias);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** The base64 field of an OpenSSH "ssh-rsa" public key line (what etc/keys.properties holds). */
    static String openSshRsa(RSAPublicKey key) {
        byte[] type = "ssh-rsa".getBytes(StandardCharsets.US_ASCII);
        byte[] e = key.getPublicExponent().toByteArray();
        byte[] n = key.getModulus().toByteArray();
        ByteBuffer blob = ByteBuffer.allocate(12 + type.length + e.length + n.length);
        blob.putInt(type.length).put(type).putInt(e.length).put(e).putInt(n.length).put(n);
        return Base64.getEncoder().encodeToString(blob.array());
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "command", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + TIMEOUT);
        }
        String text = Files.readString(output);
        assertEquals(command + ": " + text, 0, p.exitValue());
        return text;
    }
}
