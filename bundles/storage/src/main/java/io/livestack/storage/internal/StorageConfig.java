package io.livestack.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration PID {@code livestack.storage} (etc/livestack.storage.cfg; every key has a default). docs/storage.md
 * explains them. Keys of the retired spool ({@link StorageComponent#RETIRED_KEYS}) are ignored with a warning.
 */
@ObjectClassDefinition(name = "Live Stack storage",
        description = "Execution records projected from the runtime's journal, through Camel routes, into the "
                + "livestack DataSource")
@interface StorageConfig {

    @AttributeDefinition(name = "DataSource", description = "Service filter of the javax.sql.DataSource to write to "
            + "(published by pax-jdbc-config from etc/org.ops4j.datasource-livestack.cfg)")
    String dataSource_target() default "(dataSourceName=livestack)";

    @AttributeDefinition(name = "Batch size", description = "About the most records read from the journal and "
            + "written in one transaction (1..100000); events are never split, so a batch may exceed it by the rest "
            + "of one event")
    int batchMaxSize() default 2000;

    @AttributeDefinition(name = "Idle wait (ms)", description = "How long a writer that found nothing new in the "
            + "journal waits before it looks again (1..1000)")
    long idleWaitMillis() default 10;

    @AttributeDefinition(name = "Commit interval (ms)", description = "Shortest time between the starts of two "
            + "batch commits while the writer keeps up (0..1000): events journaled meanwhile join the next batch "
            + "(group commit); a writer that is behind does not wait; 0 writes each batch as soon as the previous one "
            + "is durable")
    long commitIntervalMillis() default 10;

    @AttributeDefinition(name = "Durability", description = "What a batch commit guarantees: SYNC survives a power "
            + "loss (H2: CHECKPOINT SYNC after each commit), FLUSH a process crash (H2: CHECKPOINT), COMMIT the "
            + "database's own commit only. Whatever a database loses is written again from the journal", options = {
                @Option(label = "SYNC", value = "SYNC"), @Option(label = "FLUSH", value = "FLUSH"),
                @Option(label = "COMMIT", value = "COMMIT")})
    String durability() default "SYNC";

    @AttributeDefinition(name = "Longest retry pause (ms)", description = "Longest pause between attempts while the "
            + "database or the journal cannot be used (1..600000)")
    long retryMaxBackoffMillis() default 2000;

    @AttributeDefinition(name = "Shutdown wait (ms)", description = "How long a stop waits for the batch being "
            + "written (0..600000); what is not written is read from the journal again at the next start")
    long shutdownTimeoutMillis() default 5000;
}
