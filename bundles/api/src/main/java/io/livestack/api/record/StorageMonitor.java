package io.livestack.api.record;

import org.osgi.annotation.versioning.ProviderType;

/** Published by the storage bundle beside its {@link ExecutionRecordSink}: its status for metrics, health, tests. */
@ProviderType
public interface StorageMonitor {

    /** Cheap, never blocks. */
    StorageStatus status();
}
