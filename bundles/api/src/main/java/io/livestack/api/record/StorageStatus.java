package io.livestack.api.record;

import java.util.Objects;

/**
 * The execution-record store at a glance (any thread). Counts are since the store started.
 *
 * @param health UP: writing, backlog in memory; DEGRADED: writing but spilled to the local spool (or durability
 *        weaker than configured); DOWN: the database is unreachable (records are kept: memory, then spool);
 *        FAILED: records were lost (the spool could not be written), see {@code detail}
 * @param backlog records accepted and not yet durable (memory + spool)
 * @param spilled records that went through the local spool file because memory was full
 * @param written records committed to the database (not counting duplicates or dead letters)
 * @param duplicates records found already written (a replay after a restart) and skipped
 * @param deadLettered records that could not be written and went to the dead-letter table
 * @param lost records that could not be kept at all (only when the spool itself failed); never 0 silently
 * @param lastCommitNanos how long the last batch commit took, including the sync to disk
 * @param lastRecordToDurableNanos accept-to-durable time of the oldest record of the last batch
 * @param detail one line: the last error, or what the store is doing
 */
public record StorageStatus(Health health, long backlog, long spilled, long written, long duplicates,
        long deadLettered, long lost, long lastCommitNanos, long lastRecordToDurableNanos, String detail) {

    public enum Health {
        UP, DEGRADED, DOWN, FAILED
    }

    public StorageStatus {
        Objects.requireNonNull(health, "health");
        detail = detail == null ? "" : detail;
    }
}
