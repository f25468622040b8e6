package io.livestack.execution.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The validated execution settings. */
public record ExecutionSettings(Path stateFile, boolean synthesizeMissingFills, boolean killResendsPendingCancels,
        boolean killSweepOnReconnect, boolean applyUnknownOrderFills) {

    static final String PID = "livestack.execution";
    static final String DEFAULT_STATE_FILE = "${karaf.data}/livestack/trading-state.properties";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final List<String> BOOLEAN_KEYS = List.of("synthesizeMissingFills", "killResendsPendingCancels",
            "killSweepOnReconnect", "applyUnknownOrderFills");

    /** Defaults with the state file at {@code stateFile} (tests). */
    public static ExecutionSettings defaults(Path stateFile) {
        return new ExecutionSettings(stateFile, true, true, true, true);
    }

    /**
     * Validates the raw configuration: booleans must be true/false, the state file a resolvable path.
     *
     * @throws IllegalArgumentException naming each bad key and value
     */
    static ExecutionSettings from(ExecutionConfig config, Map<String, ?> raw, UnaryOperator<String> properties) {
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
        Path stateFile = null;
        String text = config.stateFile();
        if (text == null || text.isBlank()) {
            errors.add("stateFile='" + text + "' must name a file");
        } else {
            try {
                stateFile = Path.of(resolve(text.trim(), properties));
            } catch (IllegalArgumentException e) { // includes InvalidPathException
                errors.add("stateFile='" + text + "': " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid execution configuration (PID " + PID + "): "
                    + String.join("; ", errors));
        }
        return new ExecutionSettings(stateFile, config.synthesizeMissingFills(), config.killResendsPendingCancels(),
                config.killSweepOnReconnect(), config.applyUnknownOrderFills());
    }

    /** Replaces ${name} with the system property; ${karaf.data} falls back to "data" outside Karaf. */
    static String resolve(String text, UnaryOperator<String> properties) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = properties.apply(name);
            if (value == null && name.equals("karaf.data")) {
                value = "data";
            }
            if (value == null) {
                throw new IllegalArgumentException("${" + name + "} is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
