package io.livestack.runtime.internal;

import io.livestack.runtime.internal.sequencer.WaitStrategyKind;
import java.util.Map;

/**
 * The validated runtime configuration. {@link #from} reads the raw Config Admin properties itself (rather than
 * letting SCR coerce them) so that a malformed value fails activation with a message naming the key and the value.
 */
public record RuntimeConfig(int queueCapacity, WaitStrategyKind waitStrategy, String clOrdIdPrefix,
        boolean autoStart, long startTimeoutMs, long stopTimeoutMs, long stopFlushTimeoutMs, int recordBufferCapacity,
        int batchSize, JournalConfig journal) {

    public static final String PID = "livestack.runtime";

    public static final String QUEUE_CAPACITY = "queue.capacity";
    public static final String WAIT_STRATEGY = "waitStrategy";
    public static final String CLORDID_PREFIX = "clOrdId.prefix";
    public static final String AUTO_START = "session.autoStart";
    public static final String START_TIMEOUT = "session.startTimeoutMs";
    public static final String STOP_TIMEOUT = "session.stopTimeoutMs";
    public static final String STOP_FLUSH_TIMEOUT = "session.stopFlushTimeoutMs";
    public static final String RECORD_BUFFER = "records.bufferCapacity";
    public static final String BATCH_SIZE = "loop.batchSize";

    static final int DEFAULT_QUEUE_CAPACITY = 65536;
    static final String DEFAULT_WAIT_STRATEGY = "parking";
    static final String DEFAULT_CLORDID_PREFIX = "LS";
    static final boolean DEFAULT_AUTO_START = true;
    static final long DEFAULT_START_TIMEOUT_MS = 30_000;
    static final long DEFAULT_STOP_TIMEOUT_MS = 10_000;
    static final long DEFAULT_STOP_FLUSH_TIMEOUT_MS = 10_000;
    static final int DEFAULT_RECORD_BUFFER = 100_000;
    static final int DEFAULT_BATCH_SIZE = 256;

    static final int MIN_QUEUE_CAPACITY = 16;
    static final int MAX_QUEUE_CAPACITY = 1 << 24;
    static final int MAX_PREFIX_LENGTH = 4;
    static final int MAX_BATCH_SIZE = 65536;

    public RuntimeConfig {
        if (queueCapacity < MIN_QUEUE_CAPACITY || queueCapacity > MAX_QUEUE_CAPACITY
                || Integer.bitCount(queueCapacity) != 1) {
            throw new IllegalArgumentException(QUEUE_CAPACITY + " = " + queueCapacity + " must be a power of two between "
                    + MIN_QUEUE_CAPACITY + " and " + MAX_QUEUE_CAPACITY);
        }
        if (waitStrategy == null) {
            throw new IllegalArgumentException(WAIT_STRATEGY + " must be set");
        }
        if (clOrdIdPrefix == null || clOrdIdPrefix.length() > MAX_PREFIX_LENGTH
                || !clOrdIdPrefix.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException(CLORDID_PREFIX + " = '" + clOrdIdPrefix + "' must be 0 to "
                    + MAX_PREFIX_LENGTH + " ASCII letters or digits");
        }
        if (startTimeoutMs <= 0) {
            throw new IllegalArgumentException(START_TIMEOUT + " = " + startTimeoutMs + " must be positive");
        }
        if (stopTimeoutMs <= 0) {
            throw new IllegalArgumentException(STOP_TIMEOUT + " = " + stopTimeoutMs + " must be positive");
        }
        if (stopFlushTimeoutMs <= 0) {
            throw new IllegalArgumentException(STOP_FLUSH_TIMEOUT + " = " + stopFlushTimeoutMs + " must be positive");
        }
        if (recordBufferCapacity <= 0) {
            throw new IllegalArgumentException(RECORD_BUFFER + " = " + recordBufferCapacity + " must be positive");
        }
        if (journal == null) {
            throw new IllegalArgumentException("the journal's configuration must be given");
        }
        if (batchSize <= 0 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(BATCH_SIZE + " = " + batchSize + " must be between 1 and "
                    + MAX_BATCH_SIZE);
        }
    }

    public static RuntimeConfig defaults() {
        return from(Map.of());
    }

    /**
     * Parses and validates Config Admin properties (values may be strings, as in a {@code .cfg} file, or typed).
     * Absent keys take their defaults. Throws {@link IllegalArgumentException} naming the key and the bad value.
     */
    public static RuntimeConfig from(Map<String, ?> properties) {
        return new RuntimeConfig(
                Values.integer(properties, QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
                WaitStrategyKind.parse(Values.string(properties, WAIT_STRATEGY, DEFAULT_WAIT_STRATEGY), WAIT_STRATEGY),
                Values.string(properties, CLORDID_PREFIX, DEFAULT_CLORDID_PREFIX).trim(),
                Values.bool(properties, AUTO_START, DEFAULT_AUTO_START),
                Values.number(properties, START_TIMEOUT, DEFAULT_START_TIMEOUT_MS),
                Values.number(properties, STOP_TIMEOUT, DEFAULT_STOP_TIMEOUT_MS),
                Values.number(properties, STOP_FLUSH_TIMEOUT, DEFAULT_STOP_FLUSH_TIMEOUT_MS),
                Values.integer(properties, RECORD_BUFFER, DEFAULT_RECORD_BUFFER),
                Values.integer(properties, BATCH_SIZE, DEFAULT_BATCH_SIZE),
                JournalConfig.from(properties));
    }

    /** Copy with another auto-start flag (tests, and callers that drive the session themselves). */
    public RuntimeConfig withAutoStart(boolean value) {
        return new RuntimeConfig(queueCapacity, waitStrategy, clOrdIdPrefix, value, startTimeoutMs, stopTimeoutMs,
                stopFlushTimeoutMs, recordBufferCapacity, batchSize, journal);
    }

    /** Copy with another journal configuration. */
    public RuntimeConfig withJournal(JournalConfig value) {
        return new RuntimeConfig(queueCapacity, waitStrategy, clOrdIdPrefix, autoStart, startTimeoutMs, stopTimeoutMs,
                stopFlushTimeoutMs, recordBufferCapacity, batchSize, value);
    }
}
