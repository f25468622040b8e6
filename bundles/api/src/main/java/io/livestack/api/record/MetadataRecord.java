package io.livestack.api.record;

import java.util.Objects;

/**
 * Execution metadata: session start/stop, venue connectivity changes, strategy lifecycle and faults, the
 * configuration in force, trading state changes.
 */
public record MetadataRecord(long seq, long timeNanos, Kind kind, String subject, String detail)
        implements ExecutionRecord {

    public enum Kind {
        SESSION, VENUE, STRATEGY, STRATEGY_FAULT, CONFIG, TRADING_STATE, RUNTIME
    }

    public MetadataRecord {
        Objects.requireNonNull(kind, "kind");
        subject = subject == null ? "" : subject;
        detail = detail == null ? "" : detail;
    }
}
