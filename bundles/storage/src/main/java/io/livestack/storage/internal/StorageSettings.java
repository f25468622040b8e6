package io.livestack.storage.internal;

import java.time.Duration;

/**
 * Validated settings of the record store (from the {@code livestack.storage} configuration, see {@link StorageConfig};
 * docs/storage.md explains them).
 *
 * @param batchMaxSize about the most records read from the journal and written in one transaction: a batch holds
 *        whole events, so it may exceed it by the rest of one event
 * @param idleWaitMillis how long a writer that found nothing new in the journal waits before it looks again; also
 *        the tick at which a pause after a failure ends
 * @param commitIntervalMillis shortest time between the starts of two batches while the writer keeps up (group
 *        commit): events journaled meanwhile join the next batch; a writer behind (its last batch was full) does not
 *        wait. 0: every batch as soon as the previous one is durable
 * @param durability what a commit guarantees
 * @param retryMaxBackoff longest pause between attempts while the database or the journal cannot be used
 * @param shutdownTimeout how long a stop waits for the batch being written
 */
record StorageSettings(int batchMaxSize, long idleWaitMillis, long commitIntervalMillis, Durability durability,
        Duration retryMaxBackoff, Duration shutdownTimeout) {

    StorageSettings {
        require(batchMaxSize >= 1 && batchMaxSize <= 100_000, "batchMaxSize", batchMaxSize, "1..100000");
        require(idleWaitMillis >= 1 && idleWaitMillis <= 1000, "idleWaitMillis", idleWaitMillis, "1..1000");
        require(commitIntervalMillis >= 0 && commitIntervalMillis <= 1000, "commitIntervalMillis",
                commitIntervalMillis, "0..1000");
        require(durability != null, "durability", durability, "SYNC, FLUSH or COMMIT");
        require(retryMaxBackoff != null && retryMaxBackoff.toMillis() >= 1 && retryMaxBackoff.toMillis() <= 600_000,
                "retryMaxBackoffMillis", retryMaxBackoff == null ? null : retryMaxBackoff.toMillis(), "1..600000");
        require(shutdownTimeout != null && !shutdownTimeout.isNegative() && shutdownTimeout.toMillis() <= 600_000,
                "shutdownTimeoutMillis", shutdownTimeout == null ? null : shutdownTimeout.toMillis(), "0..600000");
    }

    /** The defaults, as in {@link StorageConfig}. */
    static StorageSettings defaults() {
        return new StorageSettings(2000, 10, 10, Durability.SYNC, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    StorageSettings withBatchMaxSize(int size) {
        return new StorageSettings(size, idleWaitMillis, commitIntervalMillis, durability, retryMaxBackoff,
                shutdownTimeout);
    }

    StorageSettings withCommitIntervalMillis(long millis) {
        return new StorageSettings(batchMaxSize, idleWaitMillis, millis, durability, retryMaxBackoff, shutdownTimeout);
    }

    StorageSettings withRetryMaxBackoff(Duration backoff) {
        return new StorageSettings(batchMaxSize, idleWaitMillis, commitIntervalMillis, durability, backoff,
                shutdownTimeout);
    }

    private static void require(boolean ok, String key, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("livestack.storage: " + key + " = " + value + " is invalid, expected "
                    + range);
        }
    }
}
