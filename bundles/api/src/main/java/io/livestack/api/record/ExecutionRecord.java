package io.livestack.api.record;

/**
 * A durable fact of live execution, produced by the chain as it happens and handed to
 * {@link ExecutionRecordSink}. {@code seq} is the sequence number of the event that caused it (0 for records not
 * caused by a sequenced event), {@code timeNanos} that event's intake time (epoch nanos).
 */
public sealed interface ExecutionRecord
        permits OrderRecord, FillRecord, PositionRecord, RiskRejectionRecord, OperatorActionRecord, MetadataRecord {

    long seq();

    long timeNanos();
}
