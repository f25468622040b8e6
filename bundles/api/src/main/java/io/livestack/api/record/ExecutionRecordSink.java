package io.livestack.api.record;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes execution records from the processing thread and makes them durable. {@link #accept} and
 * {@link #acceptAll} must never block or throw: a sink that cannot write keeps the records (bounded memory, then
 * spill) and writes them later, in order.
 */
@ConsumerType
public interface ExecutionRecordSink {

    /** One record (e.g. the only record an event produced, or one not caused by a sequenced event). */
    void accept(ExecutionRecord record);

    /**
     * The records of one event, in the order they were produced (e.g. for a fill: the OrderRecord, the FillRecord
     * and the PositionRecord): the sink keeps them together and writes them in one transaction, so that after a
     * crash either all of them are durable or none is. The caller hands over a list it no longer changes.
     * <p>
     * The default accepts them one by one, without that guarantee; a durable sink overrides it.
     */
    default void acceptAll(List<ExecutionRecord> records) {
        for (ExecutionRecord record : records) {
            accept(record);
        }
    }
}
