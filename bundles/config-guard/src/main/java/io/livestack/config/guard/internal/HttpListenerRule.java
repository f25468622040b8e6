package io.livestack.config.guard.internal;

import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

/**
 * pax-web (PID {@value #PID}): HTTP may listen on a non-loopback address only as HTTPS alone — plain HTTP off
 * ({@value #HTTP_ENABLED} = false), HTTPS on ({@value #HTTPS_ENABLED} = true) with a key store
 * ({@value #KEYSTORE}). Otherwise {@value #ADDRESSES} becomes {@value ListenerRule#LOOPBACK}. pax-web listens on
 * 0.0.0.0 when {@value #ADDRESSES} is absent, so an absent key counts as non-loopback.
 */
final class HttpListenerRule implements ListenerRule {

    static final String PID = "org.ops4j.pax.web";
    static final String ADDRESSES = "org.ops4j.pax.web.listening.addresses";
    static final String HTTP_ENABLED = "org.osgi.service.http.enabled";
    static final String HTTPS_ENABLED = "org.osgi.service.http.secure.enabled";
    static final String KEYSTORE = "org.ops4j.pax.web.ssl.keystore";
    private static final String PAX_WEB_DEFAULT_ADDRESS = "0.0.0.0";

    @Override
    public String pid() {
        return PID;
    }

    @Override
    public Optional<String> enforce(Dictionary<String, Object> properties) {
        String configured = ListenerRule.text(properties, ADDRESSES);
        List<String> addresses = Loopback.split(configured == null ? PAX_WEB_DEFAULT_ADDRESS : configured);
        if (Loopback.allLoopback(addresses)) {
            return Optional.empty();
        }
        String missing = missingKey(properties);
        if (missing == null) {
            return Optional.empty();
        }
        properties.put(ADDRESSES, LOOPBACK);
        return Optional.of("HTTP refused on " + String.join(",", addresses) + " (" + ADDRESSES
                + (configured == null ? " not set: pax-web's default" : "") + "): a non-loopback address needs HTTPS alone, "
                + missing + " (etc/" + PID + ".cfg). HTTP listens on " + LOOPBACK + " only.");
    }

    /** The first key that keeps this configuration from being HTTPS alone, with what it must be; null when none. */
    private static String missingKey(Dictionary<String, Object> properties) {
        String http = ListenerRule.text(properties, HTTP_ENABLED);
        if (http == null || !http.equalsIgnoreCase("false")) {
            return HTTP_ENABLED + " must be false (plain HTTP)";
        }
        if (!"true".equalsIgnoreCase(ListenerRule.text(properties, HTTPS_ENABLED))) {
            return HTTPS_ENABLED + " must be true";
        }
        String keystore = ListenerRule.text(properties, KEYSTORE);
        if (keystore == null || keystore.isEmpty()) {
            return KEYSTORE + " must name the server's key store";
        }
        return null;
    }
}
