package io.livestack.execution.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The validated execution settings. */
public record ExecutionSettings(boolean synthesizeMissingFills, boolean killResendsPendingCancels,
        boolean killSweepOnReconnect, boolean applyUnknownOrderFills, long stuckRequestTimeoutMs) {

    static final String PID = "livestack.execution";
    static final String STUCK_TIMEOUT = "stuckRequestTimeoutMs";
    static final long DEFAULT_STUCK_TIMEOUT_MS = 10_000;
    private static final long MIN_STUCK_TIMEOUT_MS = 100;
    private static final long MAX_STUCK_TIMEOUT_MS = 3_600_000;

    /** The booleans given, the stuck-request timeout at its default. */
    public ExecutionSettings(boolean synthesizeMissingFills, boolean killResendsPendingCancels,
            boolean killSweepOnReconnect, boolean applyUnknownOrderFills) {
        this(synthesizeMissingFills, killResendsPendingCancels, killSweepOnReconnect, applyUnknownOrderFills,
                DEFAULT_STUCK_TIMEOUT_MS);
    }

    private static final List<String> BOOLEAN_KEYS = List.of("synthesizeMissingFills", "killResendsPendingCancels",
            "killSweepOnReconnect", "applyUnknownOrderFills");

    /** Every setting at its default (true). */
    public static ExecutionSettings defaults() {
        return new ExecutionSettings(true, true, true, true);
    }

    /**
     * Validates the raw configuration (booleans must be true/false) and takes the values from {@code config}.
     *
     * @throws IllegalArgumentException naming each bad key and value
     */
    static ExecutionSettings from(ExecutionConfig config, Map<String, ?> raw) {
        validate(raw);
        return new ExecutionSettings(config.synthesizeMissingFills(), config.killResendsPendingCancels(),
                config.killSweepOnReconnect(), config.applyUnknownOrderFills(), config.stuckRequestTimeoutMs());
    }

    /**
     * The settings from the raw configuration alone (values as text or Boolean); an absent key keeps its default
     * (true), other keys are ignored.
     *
     * @throws IllegalArgumentException naming each bad key and value
     */
    static ExecutionSettings parse(Map<String, ?> raw) {
        validate(raw);
        return new ExecutionSettings(flag(raw, "synthesizeMissingFills"), flag(raw, "killResendsPendingCancels"),
                flag(raw, "killSweepOnReconnect"), flag(raw, "applyUnknownOrderFills"), stuckTimeout(raw));
    }

    private static void validate(Map<String, ?> raw) {
        List<String> errors = new ArrayList<>();
        for (String key : BOOLEAN_KEYS) {
            Object value = raw.get(key);
            if (value != null && !(value instanceof Boolean)) {
                String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                if (!text.equals("true") && !text.equals("false")) {
                    errors.add(key + "='" + value + "' is not true or false");
                }
            }
        }
        Object timeout = raw.get(STUCK_TIMEOUT);
        if (timeout != null) {
            try {
                long ms = Long.parseLong(String.valueOf(timeout).trim());
                if (ms < MIN_STUCK_TIMEOUT_MS || ms > MAX_STUCK_TIMEOUT_MS) {
                    errors.add(STUCK_TIMEOUT + "='" + timeout + "' is not between " + MIN_STUCK_TIMEOUT_MS + " and "
                            + MAX_STUCK_TIMEOUT_MS + " ms");
                }
            } catch (NumberFormatException e) {
                errors.add(STUCK_TIMEOUT + "='" + timeout + "' is not a whole number of milliseconds");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid execution configuration (PID " + PID + "): "
                    + String.join("; ", errors));
        }
    }

    /** The validated stuck-request timeout; absent means the default. */
    private static long stuckTimeout(Map<String, ?> raw) {
        Object value = raw.get(STUCK_TIMEOUT);
        return value == null ? DEFAULT_STUCK_TIMEOUT_MS : Long.parseLong(String.valueOf(value).trim());
    }

    /** A validated boolean key; absent means true. */
    private static boolean flag(Map<String, ?> raw, String key) {
        Object value = raw.get(key);
        return value == null || Boolean.parseBoolean(String.valueOf(value).trim());
    }
}
