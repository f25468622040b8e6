package io.livestack.runtime.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * The journal's configuration (keys {@code journal.*} of PID {@value RuntimeConfig#PID}).
 *
 * @param enabled            false only for benchmarks and tests: nothing is journaled, nothing can be recovered
 * @param directory          where the segment files go
 * @param segmentBytes       the size of each segment file
 * @param syncIntervalMillis how often what was appended is forced to disk
 */
public record JournalConfig(boolean enabled, Path directory, int segmentBytes, long syncIntervalMillis) {

    public static final String ENABLED = "journal.enabled";
    public static final String DIRECTORY = "journal.directory";
    public static final String SEGMENT_BYTES = "journal.segmentBytes";
    public static final String SYNC_INTERVAL = "journal.syncIntervalMillis";

    static final int DEFAULT_SEGMENT_BYTES = 64 << 20;
    static final long DEFAULT_SYNC_INTERVAL_MILLIS = 2;
    static final int MIN_SEGMENT_BYTES = 1 << 16;
    static final int MAX_SEGMENT_BYTES = 1 << 30;
    static final long MAX_SYNC_INTERVAL_MILLIS = 10_000;

    public JournalConfig {
        if (enabled && directory == null) {
            throw new IllegalArgumentException(DIRECTORY + " must be set");
        }
        if (segmentBytes < MIN_SEGMENT_BYTES || segmentBytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException(SEGMENT_BYTES + " = " + segmentBytes + " must be between "
                    + MIN_SEGMENT_BYTES + " and " + MAX_SEGMENT_BYTES);
        }
        if (syncIntervalMillis < 1 || syncIntervalMillis > MAX_SYNC_INTERVAL_MILLIS) {
            throw new IllegalArgumentException(SYNC_INTERVAL + " = " + syncIntervalMillis + " must be between 1 and "
                    + MAX_SYNC_INTERVAL_MILLIS);
        }
    }

    /** No journal (benchmarks, tests). */
    public static JournalConfig off() {
        return new JournalConfig(false, null, DEFAULT_SEGMENT_BYTES, DEFAULT_SYNC_INTERVAL_MILLIS);
    }

    /** A journal in {@code directory} with the default segment size and sync interval. */
    public static JournalConfig in(Path directory) {
        return new JournalConfig(true, directory, DEFAULT_SEGMENT_BYTES, DEFAULT_SYNC_INTERVAL_MILLIS);
    }

    public JournalConfig withSegmentBytes(int bytes) {
        return new JournalConfig(enabled, directory, bytes, syncIntervalMillis);
    }

    /** The default directory: {@code livestack/journal} under Karaf's data folder (else the working directory). */
    static Path defaultDirectory() {
        String data = System.getProperty("karaf.data");
        return (data == null ? Path.of("data") : Path.of(data)).resolve("livestack").resolve("journal");
    }

    static JournalConfig from(Map<String, ?> p) {
        boolean enabled = Values.bool(p, ENABLED, true);
        String dir = Values.string(p, DIRECTORY, null);
        return new JournalConfig(enabled, dir == null || dir.isBlank() ? defaultDirectory() : Path.of(dir.trim()),
                Values.integer(p, SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES),
                Values.number(p, SYNC_INTERVAL, DEFAULT_SYNC_INTERVAL_MILLIS));
    }
}
