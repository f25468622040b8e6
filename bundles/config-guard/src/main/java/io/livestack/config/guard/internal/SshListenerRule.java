package io.livestack.config.guard.internal;

import java.util.Dictionary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Karaf's SSH server (PID {@value #PID}): SSH may listen on a non-loopback address only with key-based logins alone,
 * {@value #AUTH_METHODS} = publickey (Karaf's default also allows password and keyboard-interactive). Otherwise
 * {@value #HOST} becomes {@value ListenerRule#LOOPBACK}. Karaf listens on 0.0.0.0 when {@value #HOST} is absent.
 */
final class SshListenerRule implements ListenerRule {

    static final String PID = "org.apache.karaf.shell";
    static final String HOST = "sshHost";
    static final String AUTH_METHODS = "authMethods";
    private static final String KARAF_DEFAULT_HOST = "0.0.0.0";
    private static final String PUBLICKEY = "publickey";

    @Override
    public String pid() {
        return PID;
    }

    @Override
    public Optional<String> enforce(Dictionary<String, Object> properties) {
        String configured = ListenerRule.text(properties, HOST);
        String host = configured == null || configured.isEmpty() ? KARAF_DEFAULT_HOST : configured;
        if (Loopback.isLoopback(host) || keysOnly(ListenerRule.text(properties, AUTH_METHODS))) {
            return Optional.empty();
        }
        properties.put(HOST, LOOPBACK);
        return Optional.of("SSH refused on " + host + " (" + HOST + (configured == null ? " not set: Karaf's default" : "")
                + "): a non-loopback address needs key-based logins alone, " + AUTH_METHODS + " must be " + PUBLICKEY
                + " (etc/" + PID + ".cfg; the keys in etc/keys.properties). SSH listens on " + LOOPBACK + " only.");
    }

    private static boolean keysOnly(String authMethods) {
        if (authMethods == null) {
            return false;
        }
        List<String> methods = Loopback.split(authMethods.toLowerCase(Locale.ROOT));
        return !methods.isEmpty() && methods.stream().allMatch(PUBLICKEY::equals);
    }
}
