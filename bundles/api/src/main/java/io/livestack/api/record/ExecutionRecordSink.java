package io.livestack.api.record;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes execution records from the processing thread and makes them durable. {@link #accept} must never block or
 * throw: a sink that cannot write keeps the record (bounded memory, then spill) and writes it later, in order.
 */
@ConsumerType
public interface ExecutionRecordSink {

    void accept(ExecutionRecord record);
}
