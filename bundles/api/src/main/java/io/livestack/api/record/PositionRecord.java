package io.livestack.api.record;

import io.livestack.api.state.PositionView;
import java.util.Objects;

/** The position after a change. */
public record PositionRecord(long seq, long timeNanos, PositionView position) implements ExecutionRecord {

    public PositionRecord {
        Objects.requireNonNull(position, "position");
    }
}
