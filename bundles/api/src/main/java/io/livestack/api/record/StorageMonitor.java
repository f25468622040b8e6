package io.livestack.api.record;

import org.osgi.annotation.versioning.ProviderType;

/** Published by the storage bundle beside its {@link ExecutionRecordSink}: its status for metrics, health, tests. */
@ProviderType
public interface StorageMonitor {

    /** Cheap, never blocks. */
    StorageStatus status();

    /**
     * The projection mark: every journaled event up to this seq has its records in the database (written and
     * committed, or dead-lettered); -1 while it is not known (the mark not read from the database yet). Cheap, never
     * blocks.
     */
    default long projectionMark() {
        return -1;
    }
}
