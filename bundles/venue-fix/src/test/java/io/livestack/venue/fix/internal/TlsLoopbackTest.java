package io.livestack.venue.fix.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.venue.fix.internal.LoopbackHarness.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Responder;
import quickfix.mina.IoSessionResponder;

/**
 * The venue adapter logs on over TLS to the FIX exchange simulator's TLS acceptor (loopback, key material made by
 * {@code keytool} for this run), trades, and fails usefully when it must not trust the venue or the venue refuses it.
 * The store passwords are unique per run and must appear nowhere: not in describe(), toString(), the session events,
 * the SLF4J log or any file the adapter or the simulator wrote.
 */
class TlsLoopbackTest {

    private static final String SIM_KEY_PASSWORD = "simKey-" + UUID.randomUUID();
    private static final String SIM_TRUST_PASSWORD = "simTrust-" + UUID.randomUUID();
    private static final String CLIENT_KEY_PASSWORD = "clientKey-" + UUID.randomUUID();
    private static final String TRUST_PASSWORD = "trust-" + UUID.randomUUID();
    private static final String OTHER_PASSWORD = "other-" + UUID.randomUUID();
    private static final List<String> SECRETS = List.of(SIM_KEY_PASSWORD, SIM_TRUST_PASSWORD, CLIENT_KEY_PASSWORD,
            TRUST_PASSWORD, OTHER_PASSWORD);

    @TempDir
    static Path certificates;
    /** The simulator's key pair, CN fixsim.test, SAN 127.0.0.1 and localhost. */
    static Path simKeys;
    /** A different key pair with the same names (what an impostor would present). */
    static Path impostorKeys;
    /** A key pair for another host only (SAN venue.example). */
    static Path elsewhereKeys;
    /** Our client certificate, in a JKS key store. */
    static Path clientKeys;
    /** Trusts the simulator's certificate (and the venue.example one): the adapter's good trust store. */
    static Path trustsSim;
    /** Trusts only the impostor's certificate. */
    static Path trustsImpostor;
    /** The simulator's trust store for client certificates: ours. */
    static Path simTrustsClient;

    @TempDir
    Path dir;
    private LoopbackHarness h;

    @BeforeAll
    static void makeCertificates() throws IOException {
        TestCertificates keytool = new TestCertificates(certificates);
        String loopback = "ip:127.0.0.1,dns:localhost";
        simKeys = keytool.keyPair("fixsim", "fixsim.test", loopback, "PKCS12", SIM_KEY_PASSWORD);
        impostorKeys = keytool.keyPair("impostor", "fixsim.test", loopback, "PKCS12", OTHER_PASSWORD);
        elsewhereKeys = keytool.keyPair("elsewhere", "venue.example", "dns:venue.example", "PKCS12",
                SIM_KEY_PASSWORD);
        clientKeys = keytool.keyPair("client", "LS1", "dns:ls1.test", "JKS", CLIENT_KEY_PASSWORD);
        Path simCert = keytool.exportCertificate(simKeys, "fixsim", "PKCS12", SIM_KEY_PASSWORD);
        Path impostorCert = keytool.exportCertificate(impostorKeys, "impostor", "PKCS12", OTHER_PASSWORD);
        Path elsewhereCert = keytool.exportCertificate(elsewhereKeys, "elsewhere", "PKCS12", SIM_KEY_PASSWORD);
        Path clientCert = keytool.exportCertificate(clientKeys, "client", "JKS", CLIENT_KEY_PASSWORD);
        trustsSim = keytool.trustStore("trusts-sim", "PKCS12", TRUST_PASSWORD, simCert, elsewhereCert);
        trustsImpostor = keytool.trustStore("trusts-impostor", "PKCS12", TRUST_PASSWORD, impostorCert);
        simTrustsClient = keytool.trustStore("sim-trusts-client", "PKCS12", SIM_TRUST_PASSWORD, clientCert);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    // ------------------------------------------------------------------------------------------ logon and trading

    @Test
    void logsOnOverTlsAndTrades() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(simKeys, false));
        h.startAdapter(adapterTls(trustsSim, Map.of()));

        VenueSessionEvent loggedOn = h.awaitLoggedOn(0);
        assertThat(loggedOn.detail()).startsWith("logged on");
        SSLSession tls = tlsSessionOfAdapter();
        assertThat(tls.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(((X509Certificate) tls.getPeerCertificates()[0]).getSubjectX500Principal().getName())
                .contains("CN=fixsim.test");
        assertThat(h.exchange.loggedOnClients()).containsExactly(CLIENT);

        OrderView buy = h.submit(Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(29990), of(1));
        ExecutionReport ack = h.awaitReport(buy, ExecType.NEW);
        assertThat(ack.orderStatus()).isEqualTo(OrderStatus.NEW);
        assertThat(ack.venueOrderId()).isNotNull();
        assertThat(h.adapter.describe()).contains("(TLS)").contains("LOGGED_ON");

        assertNoSecretAnywhere();
    }

    @Test
    void logsOnWithAClientCertificateWhenTheVenueRequiresOne() throws Exception {
        Map<String, String> sim = simTls(simKeys, true);
        h = new LoopbackHarness(dir).startExchange(sim);
        h.startAdapter(adapterTls(trustsSim, Map.of("tlsKeyStore", clientKeys.toString(),
                "tlsKeyStoreType", "JKS", "tlsKeyStorePassword", CLIENT_KEY_PASSWORD)));

        h.awaitLoggedOn(0);
        assertThat(tlsSessionOfAdapter().getLocalCertificates()).hasSize(1);
        OrderView sell = h.submit(Side.SELL, OrderType.LIMIT, TimeInForce.DAY, of(30010), of(1));
        assertThat(h.awaitReport(sell, ExecType.NEW).orderStatus()).isEqualTo(OrderStatus.NEW);

        assertNoSecretAnywhere();
    }

    // ------------------------------------------------------------------------------------------ refusals

    @Test
    void neverLogsOnToAVenueWhoseCertificateItDoesNotTrust() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(simKeys, false));
        h.startAdapter(adapterTls(trustsImpostor, Map.of()));

        String detail = awaitRepeatedFailure();
        assertThat(detail).startsWith("connection to 127.0.0.1:" + h.exchange.port() + " closed before logon: ")
                .contains("TLS handshake failed: the venue's certificate is not trusted by tlsTrustStore "
                        + trustsImpostor)
                .contains("retrying");
        assertThat(h.adapter.describe()).contains("ERROR").contains("not trusted");
        assertNoSecretAnywhere();
    }

    @Test
    void anEmptyTrustStoreMeansTheJvmDefaultNotTrustEverything() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(simKeys, false));
        Map<String, Object> p = h.adapterProperties("FIX.4.4");
        p.put("tlsEnabled", "true");
        h.startAdapter(p);

        String detail = awaitRepeatedFailure();
        assertThat(detail).contains("the venue's certificate is not trusted by the JVM's default trust store");
    }

    @Test
    void neverLogsOnWhenTheCertificateNamesAnotherHost() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(elsewhereKeys, false));
        h.startAdapter(adapterTls(trustsSim, Map.of()));

        String detail = awaitRepeatedFailure();
        assertThat(detail).contains("the venue's certificate does not name the host 127.0.0.1");
    }

    @Test
    void theHostNameCheckCanBeSwitchedOff() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(elsewhereKeys, false));
        h.startAdapter(adapterTls(trustsSim, Map.of("tlsVerifyHostname", "false")));

        h.awaitLoggedOn(0);
        assertThat(h.exchange.loggedOnClients()).containsExactly(CLIENT);
    }

    @Test
    void saysSoWhenTheVenueRefusesToLogOnWithoutOurClientCertificate() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(simKeys, true));
        h.startAdapter(adapterTls(trustsSim, Map.of()));

        String detail = awaitRepeatedFailure();
        assertThat(detail).contains("TLS handshake failed: the venue refused our client certificate "
                + "(none sent: tlsKeyStore is empty)");
        assertNoSecretAnywhere();
    }

    @Test
    void aWrongTrustStorePasswordIsReportedWithoutTryingToConnect() throws Exception {
        h = new LoopbackHarness(dir).startExchange(simTls(simKeys, false));
        Map<String, Object> p = adapterTls(trustsSim, Map.of());
        p.put("tlsTrustStorePassword", OTHER_PASSWORD);
        h.startAdapter(p);

        VenueSessionEvent error = h.intake.awaitState(VenueSessionState.ERROR, 0);
        assertThat(error.detail()).contains("TLS: cannot open tlsTrustStore " + trustsSim)
                .contains("tlsTrustStorePassword").contains("fix it, then venue-connect");
        assertThat(h.intake.all(VenueSessionEvent.class)).extracting(VenueSessionEvent::state)
                .containsExactly(VenueSessionState.ERROR);
        assertThat(h.adapter.sessionId()).isNull();
        assertNoSecretAnywhere();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Map<String, String> simTls(Path keyStore, boolean needClientAuth) {
        Map<String, String> p = new HashMap<>();
        p.put("tlsEnabled", "true");
        p.put("tlsKeyStore", keyStore.toString());
        p.put("tlsKeyStorePassword", SIM_KEY_PASSWORD);
        if (needClientAuth) {
            p.put("tlsNeedClientAuth", "true");
            p.put("tlsTrustStore", simTrustsClient.toString());
            p.put("tlsTrustStorePassword", SIM_TRUST_PASSWORD);
        }
        return p;
    }

    private Map<String, Object> adapterTls(Path trustStore, Map<String, String> more) {
        Map<String, Object> p = h.adapterProperties("FIX.4.4");
        p.put("tlsEnabled", "true");
        p.put("tlsTrustStore", trustStore.toString());
        p.put("tlsTrustStorePassword", TRUST_PASSWORD);
        p.putAll(more);
        return p;
    }

    /**
     * Waits for the failed logon and for the next failed attempt (the adapter keeps retrying), then checks that the
     * adapter never got past CONNECTING/ERROR and the simulator never saw a logon. Returns the ERROR detail.
     */
    private String awaitRepeatedFailure() {
        VenueSessionEvent first = h.intake.await(VenueSessionEvent.class,
                e -> e.state() == VenueSessionState.ERROR && e.detail().contains("TLS"), 0);
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.CONNECTING
                && e.detail().startsWith("connected to"), indexAfter(first));
        h.intake.await(VenueSessionEvent.class, e -> e.state() == VenueSessionState.ERROR
                && e.detail().equals(first.detail()), indexAfter(first));
        assertThat(h.intake.all(VenueSessionEvent.class)).extracting(VenueSessionEvent::state)
                .containsOnly(VenueSessionState.CONNECTING, VenueSessionState.ERROR);
        assertThat(h.adapter.sessionState()).isIn(VenueSessionState.CONNECTING, VenueSessionState.ERROR);
        assertThat(h.exchange.loggedOnClients()).isEmpty();
        return first.detail();
    }

    private int indexAfter(VenueSessionEvent event) {
        return h.intake.events().indexOf(event) + 1;
    }

    /** The TLS session of the adapter's live connection (QuickFIX/J keeps the MINA session package-private). */
    private SSLSession tlsSessionOfAdapter() throws Exception {
        Responder responder = h.session().getResponder();
        Method ioSession = IoSessionResponder.class.getDeclaredMethod("getIoSession");
        ioSession.setAccessible(true);
        IoSession io = (IoSession) ioSession.invoke(responder);
        assertThat(io.getFilterChain().get(SslFilter.class)).isNotNull();
        SSLSession tls = (SSLSession) io.getAttribute(SslFilter.SSL_SECURED);
        assertThat(tls).as("TLS session of the adapter's connection").isNotNull();
        return tls;
    }

    /** No store password in what the adapter shows, what it published, the SLF4J log, or any file written. */
    private void assertNoSecretAnywhere() throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(h.adapter.describe());
        texts.add(h.adapter.settings().toString());
        texts.add(String.valueOf(h.intake.events()));
        String slf4jLog = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(slf4jLog).as("the SLF4J log file (surefire configuration)").isNotNull();
        texts.add(Files.readString(Path.of(slf4jLog), StandardCharsets.ISO_8859_1));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(f + ": " + Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(texts).as("texts scanned").hasSizeGreaterThanOrEqualTo(4);
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
