package io.livestack.runtime.internal.chain;

import io.livestack.api.record.MetadataRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage threw: recorded with the event's place (MetadataRecord RUNTIME, or STRATEGY_FAULT for the strategy host,
 * naming the stage), counted and logged (rate limited); the chain goes on. Processing thread only.
 */
public final class Faults {

    private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

    private final ChainCounters counters;
    private final EventRecords records;
    private final EventClock clock;

    Faults(ChainCounters counters, EventRecords records, EventClock clock) {
        this.counters = counters;
        this.records = records;
        this.clock = clock;
    }

    public void record(StageFailure failure) {
        record(failure.stage(), failure.getCause());
    }

    public void record(Stage where, Throwable t) {
        counters.faults++;
        long seq = clock.seq();
        MetadataRecord.Kind kind = where == Stage.STRATEGY_HOST ? MetadataRecord.Kind.STRATEGY_FAULT
                : MetadataRecord.Kind.RUNTIME;
        if (counters.faults <= 20 || counters.faults % 1000 == 0) {
            LOG.warn("stage {} failed at seq {} (fault {}; the chain goes on)", where, seq, counters.faults, t);
        }
        try {
            records.add(new MetadataRecord(seq, clock.now(), kind, where.label(), "seq " + seq + ": " + t));
        } catch (Throwable again) {
            LOG.error("could not record a fault", again);
        }
    }
}
