package io.livestack.runtime.internal.sequencer;

import java.util.Locale;

/** How the processing thread waits for the next event when there is none (config key {@code waitStrategy}). */
public enum WaitStrategyKind {
    PARKING("parking"), BLOCKING("blocking"), SLEEPING("sleeping"), YIELDING("yielding"), BUSY_SPIN("busy-spin");

    private final String key;

    WaitStrategyKind(String key) {
        this.key = key;
    }

    /** The configuration value. */
    public String key() {
        return key;
    }

    /** Parses a configuration value; {@code keyName} names the key in the error. */
    public static WaitStrategyKind parse(String text, String keyName) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (WaitStrategyKind k : values()) {
            if (k.key.equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                keyName + " = '" + text + "' is not one of parking, blocking, sleeping, yielding, busy-spin");
    }
}
