package io.livestack.runtime.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * The journal's and the snapshots' configuration (keys {@code journal.*} and {@code snapshot.*} of PID
 * {@value RuntimeConfig#PID}).
 *
 * @param enabled            false only for benchmarks and tests: nothing is journaled, nothing can be recovered
 * @param directory          where the segment files go
 * @param segmentBytes       the size of each segment file
 * @param syncIntervalMillis how often what was appended is forced to disk
 * @param snapshotIntervalMillis a snapshot at least this often (0: not by time)
 * @param snapshotIntervalEvents a snapshot after this many events (0: not by count)
 * @param snapshotsRetained      how many snapshot files are kept (the newest)
 * @param retainMillis           how long a segment nobody needs any more is kept (0: every segment forever)
 * @param verify                 a runtime that only verifies a recorded journal ({@link VerifyConfig#NONE}: not)
 */
public record JournalConfig(boolean enabled, Path directory, int segmentBytes, long syncIntervalMillis,
        long snapshotIntervalMillis, long snapshotIntervalEvents, int snapshotsRetained, long retainMillis,
        VerifyConfig verify) {

    public JournalConfig(boolean enabled, Path directory, int segmentBytes, long syncIntervalMillis,
            long snapshotIntervalMillis, long snapshotIntervalEvents, int snapshotsRetained) {
        this(enabled, directory, segmentBytes, syncIntervalMillis, snapshotIntervalMillis, snapshotIntervalEvents,
                snapshotsRetained, DEFAULT_RETAIN_MILLIS, VerifyConfig.NONE);
    }

    public static final String ENABLED = "journal.enabled";
    public static final String DIRECTORY = "journal.directory";
    public static final String SEGMENT_BYTES = "journal.segmentBytes";
    public static final String SYNC_INTERVAL = "journal.syncIntervalMillis";
    public static final String SNAPSHOT_INTERVAL = "snapshot.intervalMillis";
    public static final String SNAPSHOT_EVENTS = "snapshot.intervalEvents";
    public static final String SNAPSHOTS_RETAINED = "snapshot.retain";
    public static final String RETAIN = "journal.retainMillis";
    /** A week: last week's sessions can still be replayed and verified. */
    static final long DEFAULT_RETAIN_MILLIS = 7L * 24 * 3_600_000;

    static final long DEFAULT_SNAPSHOT_INTERVAL_MILLIS = 60_000;
    static final long DEFAULT_SNAPSHOT_EVENTS = 1_000_000;
    static final int DEFAULT_SNAPSHOTS_RETAINED = 3;

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
        if (snapshotIntervalMillis < 0) {
            throw new IllegalArgumentException(SNAPSHOT_INTERVAL + " = " + snapshotIntervalMillis
                    + " must not be negative (0: none by time)");
        }
        if (snapshotIntervalEvents < 0) {
            throw new IllegalArgumentException(SNAPSHOT_EVENTS + " = " + snapshotIntervalEvents
                    + " must not be negative (0: none by count)");
        }
        if (retainMillis < 0) {
            throw new IllegalArgumentException(RETAIN + " = " + retainMillis + " must not be negative (0: keep every "
                    + "segment)");
        }
        if (verify == null) {
            verify = VerifyConfig.NONE;
        }
        if (verify.enabled() && !enabled) {
            throw new IllegalArgumentException(VerifyConfig.SOURCE + " needs " + ENABLED + " = true");
        }
        if (snapshotsRetained < 1) {
            throw new IllegalArgumentException(SNAPSHOTS_RETAINED + " = " + snapshotsRetained + " must be at least 1");
        }
    }

    /** No journal (benchmarks, tests). */
    public static JournalConfig off() {
        return new JournalConfig(false, null, DEFAULT_SEGMENT_BYTES, DEFAULT_SYNC_INTERVAL_MILLIS,
                DEFAULT_SNAPSHOT_INTERVAL_MILLIS, DEFAULT_SNAPSHOT_EVENTS, DEFAULT_SNAPSHOTS_RETAINED);
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
                Values.number(p, SYNC_INTERVAL, DEFAULT_SYNC_INTERVAL_MILLIS),
                Values.number(p, SNAPSHOT_INTERVAL, DEFAULT_SNAPSHOT_INTERVAL_MILLIS),
                Values.number(p, SNAPSHOT_EVENTS, DEFAULT_SNAPSHOT_EVENTS),
                Values.integer(p, SNAPSHOTS_RETAINED, DEFAULT_SNAPSHOTS_RETAINED),
                Values.number(p, RETAIN, DEFAULT_RETAIN_MILLIS), VerifyConfig.from(p));
    }
}
