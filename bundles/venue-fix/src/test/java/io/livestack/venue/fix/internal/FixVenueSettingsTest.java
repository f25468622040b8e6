package io.livestack.venue.fix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import quickfix.SessionID;
import quickfix.SessionSettings;

class FixVenueSettingsTest {

    private static final Path DATA = Path.of("/srv/karaf/data/livestack/fix");

    private static Map<String, Object> minimal() {
        Map<String, Object> p = new HashMap<>();
        p.put("venue", "FIXSIM");
        p.put("senderCompID", "LIVESTACK");
        p.put("targetCompID", "FIXSIM");
        p.put("instruments", "BTC-USD, ETH-USD");
        return p;
    }

    private static FixVenueSettings parse(Map<String, Object> p) {
        return FixVenueSettings.parse(p, DATA);
    }

    private static void assertRefused(String key, Object value, String... messageParts) {
        Map<String, Object> p = minimal();
        p.put(key, value);
        var refused = assertThatThrownBy(() -> parse(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livestack.venue.fix").hasMessageContaining("'" + key + "'");
        for (String part : messageParts) {
            refused.hasMessageContaining(part);
        }
    }

    @Test
    void aMinimalConfigurationGetsTheDefaults() {
        FixVenueSettings s = parse(minimal());

        assertThat(s.venue()).isEqualTo(VenueId.of("FIXSIM"));
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(9878);
        assertThat(s.dialect()).isEqualTo(FixDialect.FIX44);
        assertThat(s.heartbeatSeconds()).isEqualTo(30);
        assertThat(s.reconnectInterval()).isEqualTo("1;2;5;10;30");
        assertThat(s.storeDir()).isEqualTo(DATA.resolve("FIXSIM"));
        assertThat(s.logDir()).isEqualTo(DATA.resolve("FIXSIM").resolve("log"));
        assertThat(s.instruments()).containsExactly(InstrumentId.of("BTC-USD"), InstrumentId.of("ETH-USD"));
        assertThat(s.marketData()).isTrue();
        assertThat(s.massStatus()).isFalse();
        assertThat(s.autoConnect()).isTrue();
    }

    @Test
    void instrumentsMayComeAsAnArrayOrACommaList() {
        Map<String, Object> p = minimal();
        p.put("instruments", new String[] {"BTC-USD,ETH-USD", "SOL-USD"});

        assertThat(parse(p).instruments()).hasSize(3);
    }

    @Test
    void everyBadValueIsNamedWithItsKey() {
        assertRefused("port", "70000", "70000", "1 to 65535");
        assertRefused("port", "abc", "abc");
        assertRefused("beginString", "FIX.4.3", "FIX.4.3", "FIX.4.2, FIX.4.4, FIXT.1.1");
        assertRefused("heartbeatInterval", "0", "'0'");
        assertRefused("reconnectInterval", "1;x;5", "1;x;5");
        assertRefused("reconnectInterval", "0", "positive");
        assertRefused("senderCompID", "A B", "A B");
        assertRefused("targetCompID", "*", "'*'");
        assertRefused("marketDepth", "-1", "-1");
        assertRefused("autoConnect", "yes", "true or false");
        assertRefused("venue", "has space", "has space");
        assertRefused("instruments", " , ", "at least one instrument");
    }

    @Test
    void missingRequiredKeysAreNamed() {
        for (String key : new String[] {"venue", "senderCompID", "targetCompID"}) {
            Map<String, Object> p = minimal();
            p.remove(key);
            assertThatThrownBy(() -> parse(p)).hasMessageContaining("'" + key + "' is missing");
        }
    }

    @Test
    void massStatusIsRefusedForFix42AndFixtNeedsFix50Sp2() {
        Map<String, Object> p = minimal();
        p.put("beginString", "FIX.4.2");
        p.put("massStatus", "true");
        assertThatThrownBy(() -> parse(p)).hasMessageContaining("'massStatus'");

        Map<String, Object> t = minimal();
        t.put("beginString", "FIXT.1.1");
        t.put("defaultApplVerID", "FIX.5.0");
        assertThatThrownBy(() -> parse(t)).hasMessageContaining("'defaultApplVerID'");
        t.put("defaultApplVerID", "FIX.5.0SP2");
        assertThat(parse(t).dialect()).isEqualTo(FixDialect.FIX50SP2);
    }

    @Test
    void secretsAreNeverPrintedNorNamedInErrors() {
        Map<String, Object> p = minimal();
        p.put("password", "hunter2");
        p.put("tlsEnabled", "true");
        p.put("tlsKeyStorePassword", "ks-secret");
        p.put("tlsTrustStorePassword", "ts-secret");

        String text = parse(p).toString();

        assertThat(text).doesNotContain("hunter2").doesNotContain("ks-secret").doesNotContain("ts-secret")
                .contains("password=********");
        Map<String, Object> bad = minimal();
        bad.put("password", "a\u0001b");
        assertThatThrownBy(() -> parse(bad)).hasMessageContaining("'password'").hasMessageNotContaining("a\u0001b");
    }

    @Test
    void theSessionSettingsNeverResetSequenceNumbersAndUseAFileStore() throws Exception {
        Map<String, Object> p = minimal();
        p.put("beginString", "FIXT.1.1");
        p.put("reconnectInterval", "1;2;5");
        FixVenueSettings s = parse(p);

        SessionSettings ss = FixSessionSettings.initiator(s);
        SessionID id = FixSessionSettings.sessionId(s);

        assertThat(id.getSessionQualifier()).isEqualTo("FIXSIM");
        assertThat(ss.getString(id, "ResetOnLogon")).isEqualTo("N");
        assertThat(ss.getString(id, "ResetOnDisconnect")).isEqualTo("N");
        assertThat(ss.getString(id, "ResetOnLogout")).isEqualTo("N");
        assertThat(ss.getString(id, "PersistMessages")).isEqualTo("Y");
        assertThat(ss.getString(id, "FileStorePath")).isEqualTo(DATA.resolve("FIXSIM").toString());
        assertThat(ss.getString(id, "ReconnectInterval")).isEqualTo("1;2;5");
        assertThat(ss.getString(id, "DefaultApplVerID")).isEqualTo("FIX.5.0SP2");
        assertThat(ss.getString(id, "AppDataDictionary")).endsWith("FIX50SP2.xml");
        assertThat(ss.getString(id, "TransportDataDictionary")).endsWith("FIXT11.xml");
        assertThat(ss.isSetting(id, "SocketUseSSL")).isFalse();
    }

    @Test
    void tlsSettingsReachQuickFixJ() throws Exception {
        Map<String, Object> p = minimal();
        p.put("tlsEnabled", "true");
        p.put("tlsKeyStore", "/etc/client.jks");
        p.put("tlsKeyStoreType", "JKS");
        p.put("tlsKeyStorePassword", "ks-secret");
        p.put("tlsTrustStore", "/etc/trust.p12");
        p.put("tlsTrustStorePassword", "changeit");
        FixVenueSettings s = parse(p);

        SessionSettings ss = FixSessionSettings.initiator(s);
        SessionID id = FixSessionSettings.sessionId(s);

        // the names QuickFIX/J 2.3.2 reads (quickfix.mina.ssl.SSLSupport)
        assertThat(ss.getString(id, "SocketUseSSL")).isEqualTo("Y");
        assertThat(ss.getString(id, "EnabledProtocols")).isEqualTo("TLSv1.3,TLSv1.2");
        assertThat(ss.getString(id, "SocketKeyStore")).isEqualTo("/etc/client.jks");
        assertThat(ss.getString(id, "KeyStoreType")).isEqualTo("JKS");
        assertThat(ss.getString(id, "SocketKeyStorePassword")).isEqualTo("ks-secret");
        assertThat(ss.getString(id, "SocketTrustStore")).isEqualTo("/etc/trust.p12");
        assertThat(ss.getString(id, "TrustStoreType")).isEqualTo("PKCS12");
        assertThat(ss.getString(id, "SocketTrustStorePassword")).isEqualTo("changeit");
        assertThat(ss.getString(id, "EndpointIdentificationAlgorithm")).isEqualTo("HTTPS");
    }

    @Test
    void withoutATrustStoreTheJvmDefaultIsNamedSoThatQuickFixJDoesNotTrustEveryCertificate() throws Exception {
        Map<String, Object> p = minimal();
        p.put("tlsEnabled", "true");
        p.put("tlsVerifyHostname", "false");
        FixVenueSettings s = parse(p);

        SessionSettings ss = FixSessionSettings.initiator(s);
        SessionID id = FixSessionSettings.sessionId(s);

        TlsStores.Location jvm = TlsStores.trustStore(s);
        assertThat(jvm.jvmDefault()).isTrue();
        assertThat(Path.of(jvm.path())).exists();
        assertThat(ss.getString(id, "SocketTrustStore")).isEqualTo(jvm.path());
        assertThat(ss.isSetting(id, "SocketKeyStore")).isFalse();
        assertThat(ss.isSetting(id, "EndpointIdentificationAlgorithm")).isFalse();
        assertThat(TlsStores.problem(s)).as("the JVM's trust store opens").isNull();
        assertThat(s.toString()).contains("trustStore=JVM default").contains("keyStore=none")
                .contains("verifyHostname=false");
    }

    @Test
    void refusesUnknownStoreTypesAndProtocols() {
        assertRefused("tlsKeyStoreType", "PEM-ish", "not a key store type");
        assertRefused("tlsTrustStoreType", "BKS-nope", "not a key store type");
        assertRefused("tlsVerifyHostname", "maybe", "true or false");
        Map<String, Object> p = minimal();
        p.put("tlsEnabled", "true");
        p.put("tlsProtocols", "TLSv1.3,TLSv9");
        assertThatThrownBy(() -> parse(p)).hasMessageContaining("'tlsProtocols'").hasMessageContaining("'TLSv9'");
    }

    @Test
    void explainsTlsFailuresForAnOperator() {
        Map<String, Object> p = minimal();
        p.put("tlsEnabled", "true");
        p.put("tlsTrustStore", "/etc/trust.p12");
        FixVenueSettings s = parse(p);

        assertThat(TlsStores.explain(new javax.net.ssl.SSLHandshakeException("PKIX path building failed: x"), s))
                .startsWith("TLS handshake failed: the venue's certificate is not trusted by tlsTrustStore "
                        + "/etc/trust.p12 (SSLHandshakeException: PKIX path building failed");
        assertThat(TlsStores.explain(new javax.net.ssl.SSLHandshakeException("Received fatal alert: "
                + "certificate_required"), s)).contains("the venue refused our client certificate (none sent");
        assertThat(TlsStores.explain(new javax.net.ssl.SSLHandshakeException("No appropriate protocol"), s))
                .contains("no TLS protocol in common with the venue (tlsProtocols = TLSv1.3,TLSv1.2)");
        assertThat(TlsStores.explain(new java.io.IOException("Connection reset by peer"), s))
                .isEqualTo("connection error (IOException: Connection reset by peer)");
        assertThat(TlsStores.problem(s)).startsWith("TLS: cannot open tlsTrustStore /etc/trust.p12")
                .contains("no readable file");
    }

    @Test
    void theSameSessionIsRecognisedAcrossChanges() {
        FixVenueSettings a = parse(minimal());
        Map<String, Object> p = minimal();
        p.put("heartbeatInterval", "10");
        FixVenueSettings b = parse(p);
        p.put("senderCompID", "OTHER");
        FixVenueSettings c = parse(p);

        assertThat(a.sameSession(b)).isTrue();
        assertThat(a.sameSession(c)).isFalse();
    }
}
