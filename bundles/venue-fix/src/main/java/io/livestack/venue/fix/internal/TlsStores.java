package io.livestack.venue.fix.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * The TLS side of a venue: where the stores are (the configured trust store, or the JVM's default one), a check that
 * they open before QuickFIX/J is started with them, and an operator's explanation of a failed TLS handshake. Nothing
 * here ever puts a password into a message.
 * <p>
 * Why the JVM default trust store is named explicitly: QuickFIX/J 2.3 (SSLContextFactory) falls back to MINA's
 * {@code BogusTrustManagerFactory}, which trusts every certificate, when no {@code SocketTrustStore} is set.
 */
final class TlsStores {

    /** A trust store as QuickFIX/J is given it; {@code password} empty = none (certificates need none). */
    record Location(String path, String type, String password, boolean jvmDefault) {
        String describe() {
            return jvmDefault ? "the JVM's default trust store " + path + " (tlsTrustStore is empty)"
                    : "tlsTrustStore " + path;
        }
    }

    private TlsStores() {
    }

    /** The trust store the venue's certificate is checked against: the configured one, else the JVM's default. */
    static Location trustStore(FixVenueSettings s) {
        if (!s.tlsTrustStore().isEmpty()) {
            return new Location(s.tlsTrustStore(), s.tlsTrustStoreType(), s.tlsTrustStorePassword(), false);
        }
        // the same lookup as the JDK's own default trust manager (sun.security.ssl.TrustStoreManager)
        String path = System.getProperty("javax.net.ssl.trustStore", "");
        if (path.isEmpty()) {
            Path security = Path.of(System.getProperty("java.home"), "lib", "security");
            Path jssecacerts = security.resolve("jssecacerts");
            path = (Files.isRegularFile(jssecacerts) ? jssecacerts : security.resolve("cacerts")).toString();
        }
        String type = System.getProperty("javax.net.ssl.trustStoreType", "");
        return new Location(path, type.isEmpty() ? KeyStore.getDefaultType() : type,
                System.getProperty("javax.net.ssl.trustStorePassword", ""), true);
    }

    /** The TLS protocols this JVM supports (empty if that cannot be found out). */
    static Set<String> supportedProtocols() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Collections.emptySet();
        }
    }

    /**
     * Opens the key store (if any) and the trust store as QuickFIX/J will: null when both are usable, else what is
     * wrong, naming the key to fix (QuickFIX/J itself would report a bare exception, or silently use an empty store).
     */
    static String problem(FixVenueSettings s) {
        if (!s.tlsKeyStore().isEmpty()) {
            String where = "tlsKeyStore " + s.tlsKeyStore();
            KeyStore keys;
            try {
                keys = load(s.tlsKeyStore(), s.tlsKeyStoreType(), s.tlsKeyStorePassword().toCharArray());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                return "TLS: cannot open " + where + " (tlsKeyStoreType " + s.tlsKeyStoreType()
                        + ", tlsKeyStorePassword): " + reason(e);
            }
            if (!hasPrivateKey(keys, s.tlsKeyStorePassword().toCharArray())) {
                return "TLS: " + where + " holds no private key with its certificate that tlsKeyStorePassword "
                        + "opens (the client certificate for the venue)";
            }
        }
        Location trust = trustStore(s);
        KeyStore trusted;
        try {
            trusted = load(trust.path(), trust.type(),
                    trust.password().isEmpty() ? null : trust.password().toCharArray());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "TLS: cannot open " + trust.describe() + " (" + (trust.jvmDefault() ? "type " + trust.type()
                    : "tlsTrustStoreType " + trust.type() + ", tlsTrustStorePassword") + "): " + reason(e);
        }
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(trusted.aliases())) {
                anyCertificate |= trusted.getCertificate(alias) != null;
            }
            if (!anyCertificate) {
                return "TLS: " + trust.describe() + " holds no certificate: no venue could be trusted";
            }
        } catch (GeneralSecurityException e) {
            return "TLS: cannot read " + trust.describe() + ": " + reason(e);
        }
        return null;
    }

    /**
     * What an operator needs to know about an exception on the venue connection, e.g. "TLS handshake failed: the
     * venue's certificate is not trusted by tlsTrustStore /etc/trust.p12 (SSLHandshakeException: PKIX path building
     * failed: ...)".
     */
    static String explain(Throwable error, FixVenueSettings s) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        SSLException ssl = null;
        StringBuilder all = new StringBuilder();
        boolean certPath = false;
        for (Throwable t : chain) {
            if (ssl == null && t instanceof SSLException e) {
                ssl = e;
            }
            certPath |= t instanceof CertPathBuilderException || t instanceof CertPathValidatorException;
            all.append(' ').append(t.getMessage());
        }
        if (ssl == null) {
            return "connection error (" + summary(chain.get(chain.size() - 1)) + ")";
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        String why;
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            why = "the venue's certificate does not name the host " + s.host()
                    + " (subject alternative names; tlsVerifyHostname = true)";
        } else if (certPath || text.contains("pkix path") || text.contains("certification path")) {
            why = "the venue's certificate is not trusted by " + trustStore(s).describe();
        } else if (text.contains("received fatal alert") && (text.contains("bad_certificate")
                || text.contains("certificate_required") || text.contains("unknown_ca")
                || text.contains("certificate_unknown") || text.contains("certificate_expired")
                || text.contains("access_denied"))) {
            why = "the venue refused our client certificate ("
                    + (s.tlsKeyStore().isEmpty() ? "none sent: tlsKeyStore is empty" : "tlsKeyStore " + s.tlsKeyStore())
                    + ")";
        } else if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
            why = "no TLS protocol in common with the venue (tlsProtocols = " + s.tlsProtocols() + ")";
        } else if (text.contains("unrecognized ssl message") || text.contains("plaintext connection")) {
            why = "the venue does not answer with TLS on " + s.address();
        } else {
            why = "see the cause";
        }
        return "TLS handshake failed: " + why + " (" + summary(ssl) + ")";
    }

    private static KeyStore load(String path, String type, char[] password)
            throws IOException, GeneralSecurityException {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("no readable file " + file);
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static boolean hasPrivateKey(KeyStore store, char[] password) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) != null
                        && store.getKey(alias, password) != null) {
                    return true;
                }
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return false;
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String summary(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
