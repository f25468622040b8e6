package io.livestack.execution.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The validated execution settings. */
public record ExecutionSettings(boolean synthesizeMissingFills, boolean killResendsPendingCancels,
        boolean killSweepOnReconnect, boolean applyUnknownOrderFills) {

    static final String PID = "livestack.execution";

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
                config.killSweepOnReconnect(), config.applyUnknownOrderFills());
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
                flag(raw, "killSweepOnReconnect"), flag(raw, "applyUnknownOrderFills"));
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
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid execution configuration (PID " + PID + "): "
                    + String.join("; ", errors));
        }
    }

    /** A validated boolean key; absent means true. */
    private static boolean flag(Map<String, ?> raw, String key) {
        Object value = raw.get(key);
        return value == null || Boolean.parseBoolean(String.valueOf(value).trim());
    }
}
