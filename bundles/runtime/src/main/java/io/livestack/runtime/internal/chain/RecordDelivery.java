package io.livestack.runtime.internal.chain;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands records to a sink: one record with {@code accept}, an event's several with {@code acceptAll} (so that the
 * sink commits them together). A sink must never refuse; one that throws is counted as a fault and logged (rate
 * limited), and the chain goes on. Processing thread only.
 */
final class RecordDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RecordDelivery.class);

    private final ChainCounters counters;
    private long sinkFailures;

    RecordDelivery(ChainCounters counters) {
        this.counters = counters;
    }

    void deliver(ExecutionRecordSink sink, List<ExecutionRecord> records) {
        try {
            if (records.size() == 1) {
                sink.accept(records.get(0));
            } else {
                sink.acceptAll(records);
            }
            if (!(sink instanceof RecordBuffer)) {
                counters.recordsDelivered += records.size();
            }
        } catch (Throwable t) {
            counters.faults++;
            sinkFailures++;
            if (sinkFailures <= 10 || sinkFailures % 10_000 == 0) {
                LOG.error("the record sink threw on {} ({} times so far; records must never be refused)", records,
                        sinkFailures, t);
            }
        }
    }
}
