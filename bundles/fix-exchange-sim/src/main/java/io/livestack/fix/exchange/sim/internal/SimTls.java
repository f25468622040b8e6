package io.livestack.fix.exchange.sim.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * The simulator's optional TLS (QuickFIX/J {@code SocketUseSSL}): its key store (private key and certificate), the
 * enabled protocols and, for mutual TLS, whether a client certificate is required and the trust store that checks it.
 * Validated by {@link #parse}: every bad value names its key, never the value of a password; the stores are opened
 * with their passwords there, so that a wrong path, type or password fails the configuration, not the first client.
 * {@link #toString()} masks the passwords.
 */
public record SimTls(
        boolean enabled,
        Path keyStore,
        String keyStorePassword,
        String keyStoreType,
        String protocols,
        boolean needClientAuth,
        Path trustStore,
        String trustStorePassword,
        String trustStoreType) {

    static final String DEFAULT_STORE_TYPE = "PKCS12";
    static final String DEFAULT_PROTOCOLS = "TLSv1.3,TLSv1.2";
    private static final String MASK = "********";

    /**
     * @param bad builds the exception for a key and its bad value (the caller's PID and wording)
     */
    static SimTls parse(Map<String, ?> p, Problem bad) {
        boolean enabled = bool(p, "tlsEnabled", false, bad);
        String keyStoreType = storeType(p, "tlsKeyStoreType", bad);
        String trustStoreType = storeType(p, "tlsTrustStoreType", bad);
        String protocols = str(p, "tlsProtocols", DEFAULT_PROTOCOLS).replace(" ", "");
        boolean needClientAuth = bool(p, "tlsNeedClientAuth", false, bad);
        String keyStorePassword = secret(p, "tlsKeyStorePassword");
        String trustStorePassword = secret(p, "tlsTrustStorePassword");
        String keyStoreText = str(p, "tlsKeyStore", "");
        String trustStoreText = str(p, "tlsTrustStore", "");
        if (!enabled) {
            return new SimTls(false, null, "", keyStoreType, protocols, false, null, "", trustStoreType);
        }
        checkProtocols(protocols, bad);
        if (keyStoreText.isEmpty()) {
            throw bad.of("tlsKeyStore", "", "required with tlsEnabled = true: the key store (PKCS12 or JKS) with "
                    + "the simulator's private key and certificate");
        }
        if (needClientAuth && trustStoreText.isEmpty()) {
            throw bad.of("tlsTrustStore", "", "tlsNeedClientAuth = true needs the trust store of the client "
                    + "certificates (without one, QuickFIX/J would accept any client certificate)");
        }
        Path keyStore = path("tlsKeyStore", keyStoreText, bad);
        KeyStore keys = load(keyStore, keyStoreType, keyStorePassword.toCharArray(), "tlsKeyStore",
                "tlsKeyStorePassword", "tlsKeyStoreType", bad);
        if (!hasPrivateKey(keys, keyStorePassword)) {
            throw bad.of("tlsKeyStore", keyStoreText, "the key store holds no private key (with its certificate) "
                    + "that tlsKeyStorePassword opens: a TLS acceptor needs one");
        }
        Path trustStore = null;
        if (!trustStoreText.isEmpty()) {
            trustStore = path("tlsTrustStore", trustStoreText, bad);
            // like QuickFIX/J: no password = none (certificates need none to be read)
            KeyStore trusted = load(trustStore, trustStoreType,
                    trustStorePassword.isEmpty() ? null : trustStorePassword.toCharArray(), "tlsTrustStore",
                    "tlsTrustStorePassword", "tlsTrustStoreType", bad);
            if (size(trusted) == 0) {
                throw bad.of("tlsTrustStore", trustStoreText, "the trust store holds no certificate");
            }
        }
        return new SimTls(true, keyStore, keyStorePassword, keyStoreType, protocols, needClientAuth, trustStore,
                trustStorePassword, trustStoreType);
    }

    /** Adds the TLS settings to an acceptor (template) session: every template of one port must say the same. */
    void configure(SessionSettings ss, SessionID template) {
        if (!enabled) {
            return;
        }
        ss.setBool(template, "SocketUseSSL", true);
        ss.setString(template, "SocketKeyStore", keyStore.toString());
        // always set: unset, QuickFIX/J would open the store with its own default password
        ss.setString(template, "SocketKeyStorePassword", keyStorePassword);
        // QuickFIX/J 2.3 reads KeyStoreType / TrustStoreType (default JKS), not Socket...StoreType
        ss.setString(template, "KeyStoreType", keyStoreType);
        ss.setString(template, "EnabledProtocols", protocols);
        ss.setBool(template, "NeedClientAuth", needClientAuth);
        if (trustStore != null) {
            ss.setString(template, "SocketTrustStore", trustStore.toString());
            if (!trustStorePassword.isEmpty()) {
                ss.setString(template, "SocketTrustStorePassword", trustStorePassword);
            }
            ss.setString(template, "TrustStoreType", trustStoreType);
        }
    }

    @Override
    public String toString() {
        if (!enabled) {
            return "off";
        }
        return "on (keyStore=" + keyStore + " " + keyStoreType + ", keyStorePassword="
                + (keyStorePassword.isEmpty() ? "" : MASK) + ", protocols=" + protocols + ", needClientAuth="
                + needClientAuth + (trustStore == null ? "" : ", trustStore=" + trustStore + " " + trustStoreType
                        + ", trustStorePassword=" + (trustStorePassword.isEmpty() ? "" : MASK)) + ")";
    }

    /** Builds the exception for a key, its (displayable) value and the reason. */
    @FunctionalInterface
    interface Problem {
        IllegalArgumentException of(String key, Object value, String why);
    }

    private static void checkProtocols(String protocols, Problem bad) {
        List<String> wanted = Arrays.stream(protocols.split(",")).filter(s -> !s.isEmpty()).toList();
        if (wanted.isEmpty()) {
            throw bad.of("tlsProtocols", protocols, "expected at least one protocol, e.g. TLSv1.3");
        }
        Set<String> supported = supportedProtocols();
        for (String w : wanted) {
            if (!supported.isEmpty() && !supported.contains(w)) {
                throw bad.of("tlsProtocols", protocols, "'" + w + "' is not a protocol of this JVM " + supported);
            }
        }
    }

    private static Set<String> supportedProtocols() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Collections.emptySet();
        }
    }

    private static String storeType(Map<String, ?> p, String key, Problem bad) {
        String type = str(p, key, "");
        if (type.isEmpty()) {
            return DEFAULT_STORE_TYPE;
        }
        try {
            KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw bad.of(key, type, "not a key store type of this JVM (e.g. PKCS12 or JKS)");
        }
        return type;
    }

    private static Path path(String key, String text, Problem bad) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw bad.of(key, text, "not a valid path: " + e.getMessage());
        }
    }

    private static KeyStore load(Path file, String type, char[] password, String key, String passwordKey,
            String typeKey, Problem bad) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw bad.of(key, file, "no readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw bad.of(key, file, "cannot be opened as " + typeKey + " " + type + " with " + passwordKey + ": "
                    + e.getMessage());
        }
    }

    private static boolean hasPrivateKey(KeyStore store, String password) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) != null
                        && store.getKey(alias, password.toCharArray()) != null) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static int size(KeyStore store) {
        try {
            return store.size();
        } catch (KeyStoreException e) {
            return 0;
        }
    }

    private static String str(Map<String, ?> p, String key, String defaultValue) {
        Object v = p.get(key);
        return v == null ? defaultValue : v.toString().trim();
    }

    private static String secret(Map<String, ?> p, String key) {
        Object v = p.get(key);
        return v == null ? "" : v instanceof char[] chars ? new String(chars) : v.toString();
    }

    private static boolean bool(Map<String, ?> p, String key, boolean defaultValue, Problem bad) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String text = v.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad.of(key, v, "expected true or false");
    }
}
