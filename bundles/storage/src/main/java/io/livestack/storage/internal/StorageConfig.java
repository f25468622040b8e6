package io.livestack.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code livestack.storage} (optional: every key has a default). docs/storage.md explains them. */
@ObjectClassDefinition(name = "Live Stack storage",
        description = "Execution records written through Camel routes to the livestack DataSource")
@interface StorageConfig {

    @AttributeDefinition(name = "DataSource", description = "Service filter of the javax.sql.DataSource to write to "
            + "(published by pax-jdbc-config from etc/org.ops4j.datasource-livestack.cfg)")
    String dataSource_target() default "(dataSourceName=livestack)";

    @AttributeDefinition(name = "Batch size", description = "Most records written in one transaction (1..100000); "
            + "one event's records are never split, so a batch may exceed it by the rest of one event")
    int batchMaxSize() default 2000;

    @AttributeDefinition(name = "Idle wait (ms)", description = "How long an idle writer waits for a record before "
            + "it looks again (1..1000); a record arriving in memory wakes it at once")
    long idleWaitMillis() default 10;

    @AttributeDefinition(name = "Commit interval (ms)", description = "Shortest time between the starts of two "
            + "batch commits (0..1000): records arriving meanwhile join the next batch (group commit), a record after "
            + "a quiet spell is written at once; 0 writes each batch as soon as the previous one is durable")
    long commitIntervalMillis() default 10;

    @AttributeDefinition(name = "Memory bound", description = "Records kept in memory while the database is slow or "
            + "down, before they spill to the spool file (>= 1)")
    int memoryCapacity() default 50_000;

    @AttributeDefinition(name = "Spool directory", description = "Local directory of the append-only spool files; "
            + "${karaf.data} is the distribution's data directory")
    String spoolDirectory() default "${karaf.data}/livestack/spool";

    @AttributeDefinition(name = "Spool segment size (bytes)", description = "A spool file is closed and the next "
            + "one started at this size (>= 4096)")
    long spoolSegmentBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Durability", description = "What a batch commit guarantees: SYNC survives a power "
            + "loss (H2: CHECKPOINT SYNC after each commit), FLUSH a process crash (H2: CHECKPOINT), COMMIT the "
            + "database's own commit only", options = {
                @Option(label = "SYNC", value = "SYNC"), @Option(label = "FLUSH", value = "FLUSH"),
                @Option(label = "COMMIT", value = "COMMIT")})
    String durability() default "SYNC";

    @AttributeDefinition(name = "Longest retry pause (ms)", description = "Longest pause between write attempts "
            + "while the database is unavailable (> 0)")
    long retryMaxBackoffMillis() default 2000;

    @AttributeDefinition(name = "Recovery wait (ms)", description = "How long a recovery query waits for the backlog "
            + "to be written first (>= 0)")
    long recoveryTimeoutMillis() default 10_000;

    @AttributeDefinition(name = "Recent executions (hours)", description = "Fills within this span of the newest "
            + "one are returned as recent execution keys (> 0)")
    int recoveryExecKeyWindowHours() default 24;

    @AttributeDefinition(name = "Shutdown wait (ms)", description = "How long a stop waits for the memory backlog to "
            + "be written; the rest is spooled (>= 0)")
    long shutdownTimeoutMillis() default 5000;
}
