package io.livestack.config.guard.internal;

import java.util.Dictionary;
import java.util.Optional;

/**
 * The rule for one listener's configuration PID: whether the configuration it is about to receive may stand and,
 * when it may not, the one change that keeps the listener on loopback.
 */
interface ListenerRule {

    /** Loopback address a refused listener is put on. */
    String LOOPBACK = "127.0.0.1";

    /** The configuration PID of the listener (what Config Admin delivers to it). */
    String pid();

    /**
     * Checks the properties the listener is about to receive; when they are refused, changes them (in place) so that
     * the listener only listens on loopback and returns why, naming the key to set. Empty when they may stand.
     */
    Optional<String> enforce(Dictionary<String, Object> properties);

    /** A property as text (Config Admin values may be strings, booleans or numbers); null when absent. */
    static String text(Dictionary<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? null : String.valueOf(value).trim();
    }
}
