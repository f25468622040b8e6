package io.livestack.runtime.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Verification of a recorded journal (keys {@code verify.*} of PID {@value RuntimeConfig#PID}), set by
 * {@code bin/livestack-journal verify} for a runtime that only replays: the journal in {@code source} (never written)
 * is run through this runtime's stage bundles, venues replaced by stand-ins that never send, and what they produce is
 * compared with what the live session produced. The runtime takes no live event.
 *
 * @param source     the recorded journal's directory; null: a normal runtime
 * @param fromSeq    where the comparison starts: the replay starts from the recorded session's latest snapshot
 *                   before this seq (its state restored), or from the journal's start when there is none
 * @param toSeq      the last input replayed
 * @param configs    what-if configurations: per PID, the properties that replace every journaled configuration of
 *                   that PID (and the differences they cause are expected, not divergences)
 * @param report     a file the outcome is written to (null: only the status and the log)
 * @param strategies {@code call}: the strategies of this runtime are called and what they decide is compared with
 *                   the journaled decisions (a new strategy build or configuration is checked); {@code replay}: the
 *                   journaled decisions are replayed (only risk, execution control and state are checked)
 * @param speed      0: as fast as the stages go; else the recorded pace times this factor (1: as it happened)
 */
public record VerifyConfig(Path source, long fromSeq, long toSeq, Map<String, Map<String, String>> configs,
        Path report, Strategies strategies, double speed) {

    public static final String SOURCE = "verify.source";
    public static final String FROM = "verify.from";
    public static final String TO = "verify.to";
    public static final String CONFIG = "verify.config";
    public static final String REPORT = "verify.report";
    public static final String STRATEGIES = "verify.strategies";
    public static final String SPEED = "verify.speed";

    /** What a verification does with the strategies. */
    public enum Strategies {
        CALL, REPLAY
    }

    public static final VerifyConfig NONE = new VerifyConfig(null, 1, Long.MAX_VALUE, Map.of(), null,
            Strategies.CALL, 0);

    public VerifyConfig {
        if (fromSeq < 1) {
            throw new IllegalArgumentException(FROM + " = " + fromSeq + " must be a sequence number (1 or more)");
        }
        if (toSeq < fromSeq) {
            throw new IllegalArgumentException(TO + " = " + toSeq + " must be a sequence number not before "
                    + FROM + " (" + fromSeq + ")");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(SPEED + " = " + speed + " must be 0 (as fast as possible) or a"
                    + " positive factor of the recorded pace");
        }
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    public boolean enabled() {
        return source != null;
    }

    static VerifyConfig from(Map<String, ?> p) {
        String source = Values.string(p, SOURCE, "").trim();
        if (source.isEmpty()) {
            return NONE;
        }
        Path dir = Path.of(source);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(SOURCE + " = " + source + " is not a directory");
        }
        long from = Values.number(p, FROM, 1);
        long to = Values.number(p, TO, Long.MAX_VALUE);
        String strategies = Values.string(p, STRATEGIES, "call").trim();
        Strategies mode = switch (strategies.toLowerCase(java.util.Locale.ROOT)) {
            case "call" -> Strategies.CALL;
            case "replay" -> Strategies.REPLAY;
            default -> throw new IllegalArgumentException(STRATEGIES + " = " + strategies + ": expected call or replay");
        };
        String speedText = Values.string(p, SPEED, "0").trim();
        double speed;
        try {
            speed = Double.parseDouble(speedText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPEED + " = " + speedText + " is not a number");
        }
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String pair : Values.string(p, CONFIG, "").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(CONFIG + ": '" + pair.trim() + "' is not PID=FILE");
            }
            configs.put(pair.substring(0, eq).trim(), read(Path.of(pair.substring(eq + 1).trim())));
        }
        String report = Values.string(p, REPORT, "").trim();
        return new VerifyConfig(dir, from, to, configs, report.isEmpty() ? null : Path.of(report), mode, speed);
    }

    private static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException(CONFIG + ": cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> m = new TreeMap<>();
        props.forEach((k, v) -> m.put(k.toString(), v.toString().trim()));
        return m;
    }
}
