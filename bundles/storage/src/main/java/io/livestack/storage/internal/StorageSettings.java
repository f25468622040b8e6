package io.livestack.storage.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Validated settings of the record store (from the {@code livestack.storage} configuration).
 *
 * @param batchMaxSize most records written in one transaction, except that a batch is extended to the end of the
 *        event its last record belongs to (an event's records are never split between transactions)
 * @param idleWaitMillis how long an idle writer waits for a record before it looks again (it is woken at once by
 *        a record arriving in memory); also the retry tick while the database is down
 * @param commitIntervalMillis shortest time between the starts of two batches (group commit): records arriving
 *        meanwhile join the next batch; a record after a quiet spell is written at once. 0: every batch as soon as
 *        the previous one is durable
 * @param memoryCapacity records kept in memory before spilling to the spool
 * @param spoolDirectory where the spool files live
 * @param spoolSegmentBytes size at which a spool file is closed and the next one started
 * @param durability what a commit guarantees
 * @param retryMaxBackoff longest pause between attempts while the database is unavailable
 * @param recoveryTimeout how long a recovery query waits for the backlog to be written first
 * @param recoveryExecKeyWindow fills within this span of the newest one are returned as recent execution keys
 * @param shutdownTimeout how long a stop waits for the memory backlog to be written (then it is spooled)
 */
record StorageSettings(int batchMaxSize, long idleWaitMillis, long commitIntervalMillis, int memoryCapacity, Path spoolDirectory,
        long spoolSegmentBytes, Durability durability, Duration retryMaxBackoff, Duration recoveryTimeout,
        Duration recoveryExecKeyWindow, Duration shutdownTimeout) {

    StorageSettings {
        require(batchMaxSize >= 1 && batchMaxSize <= 100_000, "batchMaxSize", batchMaxSize, "1..100000");
        require(idleWaitMillis >= 1 && idleWaitMillis <= 1000, "idleWaitMillis", idleWaitMillis, "1..1000");
        require(commitIntervalMillis >= 0 && commitIntervalMillis <= 1000, "commitIntervalMillis",
                commitIntervalMillis, "0..1000");
        require(memoryCapacity >= 1, "memoryCapacity", memoryCapacity, ">= 1");
        require(spoolSegmentBytes >= 4096, "spoolSegmentBytes", spoolSegmentBytes, ">= 4096");
        require(!retryMaxBackoff.isNegative() && !retryMaxBackoff.isZero(), "retryMaxBackoffMillis",
                retryMaxBackoff.toMillis(), "> 0");
        require(!recoveryTimeout.isNegative(), "recoveryTimeoutMillis", recoveryTimeout.toMillis(), ">= 0");
        require(!recoveryExecKeyWindow.isNegative() && !recoveryExecKeyWindow.isZero(),
                "recoveryExecKeyWindowHours", recoveryExecKeyWindow.toHours(), "> 0");
        require(!shutdownTimeout.isNegative(), "shutdownTimeoutMillis", shutdownTimeout.toMillis(), ">= 0");
        if (spoolDirectory == null) {
            throw new IllegalArgumentException("spoolDirectory must be set");
        }
        if (durability == null) {
            throw new IllegalArgumentException("durability must be set");
        }
    }

    /** Defaults (as in {@code StorageConfig}) with this spool directory. */
    static StorageSettings defaults(Path spoolDirectory) {
        return new StorageSettings(2000, 10, 10, 50_000, spoolDirectory, 64L * 1024 * 1024, Durability.SYNC,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofSeconds(5));
    }

    StorageSettings withMemoryCapacity(int capacity) {
        return new StorageSettings(batchMaxSize, idleWaitMillis, commitIntervalMillis, capacity, spoolDirectory, spoolSegmentBytes,
                durability, retryMaxBackoff, recoveryTimeout, recoveryExecKeyWindow, shutdownTimeout);
    }

    StorageSettings withBatchMaxSize(int size) {
        return new StorageSettings(size, idleWaitMillis, commitIntervalMillis, memoryCapacity, spoolDirectory, spoolSegmentBytes,
                durability, retryMaxBackoff, recoveryTimeout, recoveryExecKeyWindow, shutdownTimeout);
    }

    StorageSettings withCommitIntervalMillis(long millis) {
        return new StorageSettings(batchMaxSize, idleWaitMillis, millis, memoryCapacity, spoolDirectory,
                spoolSegmentBytes, durability, retryMaxBackoff, recoveryTimeout, recoveryExecKeyWindow,
                shutdownTimeout);
    }

    StorageSettings withRetryMaxBackoff(Duration backoff) {
        return new StorageSettings(batchMaxSize, idleWaitMillis, commitIntervalMillis, memoryCapacity, spoolDirectory, spoolSegmentBytes,
                durability, backoff, recoveryTimeout, recoveryExecKeyWindow, shutdownTimeout);
    }

    private static void require(boolean ok, String key, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("livestack.storage: " + key + " = " + value + " is invalid, expected "
                    + range);
        }
    }
}
