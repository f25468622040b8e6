package io.livestack.venue.fix.internal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one FIX venue. Built by {@link #parse} from the raw Config Admin properties: every
 * bad value fails with a message naming the key and the value (never the value of a secret). {@link #toString()}
 * masks the secrets.
 */
public record FixVenueSettings(
        VenueId venue,
        String host,
        int port,
        FixDialect dialect,
        String senderCompId,
        String targetCompId,
        int heartbeatSeconds,
        String reconnectInterval,
        int logonTimeoutSeconds,
        String username,
        String password,
        Path storeDir,
        boolean storeSync,
        Path logDir,
        boolean logHeartbeats,
        boolean tlsEnabled,
        String tlsKeyStore,
        String tlsKeyStorePassword,
        String tlsTrustStore,
        String tlsTrustStorePassword,
        String tlsProtocols,
        String tlsKeyStoreType,
        String tlsTrustStoreType,
        boolean tlsVerifyHostname,
        Set<InstrumentId> instruments,
        boolean marketData,
        int marketDepth,
        boolean massStatus,
        int reconcileTimeoutSeconds,
        boolean autoConnect,
        boolean validateIncoming,
        int sentMessageMemory,
        boolean directSend,
        boolean reconcileMassCancel,
        boolean reconcileResend,
        SessionRules rules,
        OrderTags orderTags) {

    public static final String FACTORY_PID = "livestack.venue.fix";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 9878;
    static final String DEFAULT_BEGIN_STRING = "FIX.4.4";
    static final String DEFAULT_APPL_VER_ID = "FIX.5.0SP2";
    static final int DEFAULT_HEARTBEAT_SECONDS = 30;
    static final String DEFAULT_RECONNECT = "1;2;5;10;30";
    static final int DEFAULT_LOGON_TIMEOUT_SECONDS = 10;
    static final String DEFAULT_TLS_PROTOCOLS = "TLSv1.3,TLSv1.2";
    static final String DEFAULT_TLS_STORE_TYPE = "PKCS12";
    static final int DEFAULT_MARKET_DEPTH = 10;
    static final int DEFAULT_RECONCILE_TIMEOUT_SECONDS = 10;
    static final int DEFAULT_SENT_MEMORY = 10_000;

    private static final Pattern COMP_ID = Pattern.compile("[!-~&&[^*]]{1,64}");
    private static final Pattern RECONNECT = Pattern.compile("(\\d+[x*])?\\d+(;(\\d+[x*])?\\d+)*");
    private static final String MASK = "********";

    public FixVenueSettings {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(rules, "rules");
        orderTags = orderTags == null ? OrderTags.NONE : orderTags;
        instruments = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(instruments));
    }

    /**
     * Validates the raw configuration. {@code defaultDataDir} is where the store and the log go when their keys are
     * empty ({@code ${karaf.data}/livestack/fix} in Karaf).
     *
     * @throws IllegalArgumentException naming the key and the bad value
     */
    public static FixVenueSettings parse(Map<String, ?> properties, Path defaultDataDir) {
        VenueConfigReader r = new VenueConfigReader(properties);
        String venueText = r.required("venue");
        VenueId venue;
        try {
            venue = new VenueId(venueText);
        } catch (IllegalArgumentException e) {
            throw r.bad("venue", venueText, e.getMessage());
        }
        String host = r.string("host", DEFAULT_HOST);
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw r.bad("host", host, "expected a host name or address");
        }
        int port = r.integer("port", DEFAULT_PORT, 1, 65535);
        String beginString = r.string("beginString", DEFAULT_BEGIN_STRING);
        FixDialect dialect = FixDialect.forBeginString(beginString);
        if (dialect == null) {
            throw r.bad("beginString", beginString, "expected one of FIX.4.2, FIX.4.4, FIXT.1.1");
        }
        String applVerId = r.string("defaultApplVerID", DEFAULT_APPL_VER_ID);
        if (dialect == FixDialect.FIX50SP2 && !DEFAULT_APPL_VER_ID.equals(applVerId) && !"9".equals(applVerId)) {
            throw r.bad("defaultApplVerID", applVerId, "only FIX.5.0SP2 is supported with FIXT.1.1");
        }
        String sender = r.required("senderCompID");
        if (!COMP_ID.matcher(sender).matches()) {
            throw r.bad("senderCompID", sender, "expected 1-64 printable characters without spaces or '*'");
        }
        String target = r.required("targetCompID");
        if (!COMP_ID.matcher(target).matches()) {
            throw r.bad("targetCompID", target, "expected 1-64 printable characters without spaces or '*'");
        }
        int heartbeat = r.integer("heartbeatInterval", DEFAULT_HEARTBEAT_SECONDS, 1, 300);
        String reconnect = r.string("reconnectInterval", DEFAULT_RECONNECT).replace(" ", "");
        if (!RECONNECT.matcher(reconnect).matches() || Arrays.stream(reconnect.split("[;x*]"))
                .anyMatch(s -> s.length() > 6 || Integer.parseInt(s) <= 0)) {
            throw r.bad("reconnectInterval", reconnect,
                    "expected positive seconds separated by ';', each optionally prefixed by a count and 'x' (e.g. 1;2;5;10;30)");
        }
        int logonTimeout = r.integer("logonTimeout", DEFAULT_LOGON_TIMEOUT_SECONDS, 1, 120);
        String username = r.string("username", "");
        String password = r.secret("password");
        if (!password.isEmpty() && password.indexOf('\u0001') >= 0) {
            throw r.bad("password", MASK, "must not contain the FIX field separator (SOH)");
        }
        Path base = defaultDataDir.resolve(venue.value());
        Path storeDir = r.path("storeDir", base);
        Path logDir = r.path("logDir", base.resolve("log"));
        boolean tls = r.bool("tlsEnabled", false);
        String keyStore = r.string("tlsKeyStore", "");
        String trustStore = r.string("tlsTrustStore", "");
        String keyStoreType = r.storeType("tlsKeyStoreType");
        String trustStoreType = r.storeType("tlsTrustStoreType");
        boolean verifyHostname = r.bool("tlsVerifyHostname", true);
        String protocols = r.string("tlsProtocols", DEFAULT_TLS_PROTOCOLS).replace(" ", "");
        if (tls && protocols.isEmpty()) {
            throw r.bad("tlsProtocols", protocols, "expected at least one protocol, e.g. TLSv1.3");
        }
        if (tls) {
            Set<String> supported = TlsStores.supportedProtocols();
            for (String protocol : protocols.split(",")) {
                if (!supported.isEmpty() && !supported.contains(protocol)) {
                    throw r.bad("tlsProtocols", protocols,
                            "'" + protocol + "' is not a protocol of this JVM " + supported);
                }
            }
        }
        Set<InstrumentId> instruments = r.instruments("instruments");
        boolean marketData = r.bool("marketData", true);
        int depth = r.integer("marketDepth", DEFAULT_MARKET_DEPTH, 0, 1000);
        boolean massStatus = r.bool("massStatus", false);
        if (massStatus && dialect == FixDialect.FIX42) {
            throw r.bad("massStatus", "true", "OrderMassStatusRequest does not exist in FIX.4.2");
        }
        SessionRules rules = SessionRules.parse(r, dialect);
        int reconcileTimeout = r.integer("reconcileTimeout", DEFAULT_RECONCILE_TIMEOUT_SECONDS, 1, 600);
        boolean autoConnect = r.bool("autoConnect", true);
        boolean validate = r.bool("validateIncoming", true);
        int memory = r.integer("sentMessageMemory", DEFAULT_SENT_MEMORY, 100, 1_000_000);
        boolean massCancel = r.bool("reconcileMassCancel", false);
        if (massCancel && dialect == FixDialect.FIX42) {
            throw r.bad("reconcileMassCancel", "true", "OrderMassCancelRequest does not exist in FIX.4.2");
        }
        return new FixVenueSettings(venue, host, port, dialect, sender, target, heartbeat, reconnect, logonTimeout,
                username, password, storeDir, r.bool("storeSync", false), logDir, r.bool("logHeartbeats", false),
                tls, keyStore, r.secret("tlsKeyStorePassword"), trustStore, r.secret("tlsTrustStorePassword"),
                protocols, keyStoreType, trustStoreType, verifyHostname, instruments, marketData, depth, massStatus,
                reconcileTimeout, autoConnect, validate, memory, r.bool("directSend", true), massCancel,
                r.bool("reconcileResend", false), rules, OrderTags.parse(r, rules.extraFields()));
    }

    /** "host:port". */
    public String address() {
        return host + ":" + port;
    }

    /** Whether the same FIX session (the store, the counterparty) is configured: id, CompIDs, version, store. */
    public boolean sameSession(FixVenueSettings other) {
        return venue.equals(other.venue) && dialect == other.dialect && senderCompId.equals(other.senderCompId)
                && targetCompId.equals(other.targetCompId) && storeDir.equals(other.storeDir);
    }

    @Override
    public String toString() {
        return "FixVenueSettings[venue=" + venue + ", address=" + address() + ", beginString="
                + dialect.beginString() + ", " + senderCompId + "->" + targetCompId + ", heartbeat="
                + heartbeatSeconds + "s, reconnect=" + reconnectInterval + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : MASK) + ", storeDir=" + storeDir + ", logDir=" + logDir + ", tls="
                + tlsEnabled + (tlsEnabled ? " (keyStore="
                + (tlsKeyStore.isEmpty() ? "none" : tlsKeyStore + " " + tlsKeyStoreType) + ", keyStorePassword="
                + (tlsKeyStorePassword.isEmpty() ? "" : MASK) + ", trustStore="
                + (tlsTrustStore.isEmpty() ? "JVM default" : tlsTrustStore + " " + tlsTrustStoreType)
                + ", trustStorePassword=" + (tlsTrustStorePassword.isEmpty() ? "" : MASK) + ", protocols="
                + tlsProtocols + ", verifyHostname=" + tlsVerifyHostname + ")" : "")
                + ", instruments=" + instruments + ", marketData=" + marketData + ", marketDepth=" + marketDepth
                + ", massStatus=" + massStatus + ", reconcileTimeout=" + reconcileTimeoutSeconds + "s, directSend="
                + directSend + ", " + rules.describe() + ", " + orderTags.describe() + "]";
    }
}
