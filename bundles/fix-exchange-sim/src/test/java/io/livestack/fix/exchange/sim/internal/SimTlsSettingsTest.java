package io.livestack.fix.exchange.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * The simulator's optional TLS keys: off by default, every bad value refused naming its key (never a password's
 * value), passwords masked. (Logging on over TLS is tested end to end in venue-fix's TlsLoopbackTest.)
 */
class SimTlsSettingsTest {

    @TempDir
    Path dir;

    private static SimSettings parse(Map<String, Object> p) {
        return SimSettings.parse(p, Path.of("x"));
    }

    private static void assertRefused(Map<String, Object> p, String key, String... parts) {
        var refused = assertThatThrownBy(() -> parse(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livestack.fixsim: key '" + key + "'");
        for (String part : parts) {
            refused.hasMessageContaining(part);
        }
    }

    private static Map<String, Object> tls(Object... keysAndValues) {
        Map<String, Object> p = new HashMap<>();
        p.put("tlsEnabled", "true");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }

    /** An empty PKCS12 store (no key, no certificate) protected by this password. */
    private Path emptyStore(String name, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    @Test
    void tlsIsOffByDefaultAndAddsNothingToTheSessions() {
        SimSettings s = parse(Map.of());
        SessionSettings ss = new SessionSettings();
        SessionID template = new SessionID("FIX.4.4", "FIXSIM", "*");

        s.tls().configure(ss, template);

        assertThat(s.tls().enabled()).isFalse();
        assertThat(ss.isSetting(template, "SocketUseSSL")).isFalse();
        assertThat(s.toString()).contains("tls=off");
    }

    @Test
    void refusesBadTlsValuesNamingTheKey() throws Exception {
        assertRefused(Map.of("tlsEnabled", "yes"), "tlsEnabled", "'yes'", "true or false");
        assertRefused(tls(), "tlsKeyStore", "required with tlsEnabled = true");
        assertRefused(tls("tlsKeyStore", dir.resolve("missing.p12").toString()), "tlsKeyStore", "no readable file");
        assertRefused(tls("tlsKeyStoreType", "PEM-ish"), "tlsKeyStoreType", "'PEM-ish'", "not a key store type");
        assertRefused(tls("tlsProtocols", "TLSv1.3,SSLv9"), "tlsProtocols", "'SSLv9'");
        assertRefused(tls("tlsNeedClientAuth", "sometimes"), "tlsNeedClientAuth", "true or false");

        Path keys = emptyStore("keys.p12", "right-password");
        assertRefused(tls("tlsKeyStore", keys.toString(), "tlsKeyStorePassword", "wrong-password"), "tlsKeyStore",
                "cannot be opened as tlsKeyStoreType PKCS12 with tlsKeyStorePassword");
        assertRefused(tls("tlsKeyStore", keys.toString(), "tlsKeyStorePassword", "right-password"), "tlsKeyStore",
                "holds no private key");
        assertThatThrownBy(() -> parse(tls("tlsKeyStore", keys.toString(), "tlsKeyStorePassword", "wrong-password")))
                .hasMessageNotContaining("wrong-password").hasMessageNotContaining("right-password");
    }

    @Test
    void clientCertificatesNeedATrustStore() {
        assertRefused(tls("tlsKeyStore", dir.resolve("sim.p12").toString(), "tlsNeedClientAuth", "true"),
                "tlsTrustStore", "tlsNeedClientAuth = true needs the trust store");
    }

    @Test
    void theSessionSettingsCarryTheStoresAndTheirTypesAndToStringMasksThePasswords() throws Exception {
        SimTls tls = new SimTls(true, Path.of("/etc/sim.p12"), "key-secret", "PKCS12", "TLSv1.3", true,
                Path.of("/etc/clients.jks"), "trust-secret", "JKS");
        SessionSettings ss = new SessionSettings();
        SessionID template = new SessionID("FIX.4.4", "FIXSIM", "*");

        tls.configure(ss, template);

        assertThat(ss.getDefaultProperties()).isEmpty();
        assertThat(ss.getSessionProperties(template, false)).containsEntry("SocketUseSSL", "Y")
                .containsEntry("SocketKeyStore", "/etc/sim.p12").containsEntry("KeyStoreType", "PKCS12")
                .containsEntry("SocketKeyStorePassword", "key-secret").containsEntry("EnabledProtocols", "TLSv1.3")
                .containsEntry("NeedClientAuth", "Y").containsEntry("SocketTrustStore", "/etc/clients.jks")
                .containsEntry("TrustStoreType", "JKS").containsEntry("SocketTrustStorePassword", "trust-secret");
        assertThat(tls.toString()).contains("keyStore=/etc/sim.p12 PKCS12", "needClientAuth=true",
                "trustStore=/etc/clients.jks JKS", "keyStorePassword=********").doesNotContain("key-secret")
                .doesNotContain("trust-secret");
    }
}
