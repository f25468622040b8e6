package io.livestack.api.event;

import java.util.Objects;

/**
 * An event in its place in the total order: the sequence number intake assigned and the time intake received it.
 * Together with {@link Event#sourceTimeNanos()} this is the event's header; stages never read the wall clock, they
 * use {@link #intakeTimeNanos()}.
 */
public record Sequenced(long seq, long intakeTimeNanos, Event event) {

    public Sequenced {
        Objects.requireNonNull(event, "event");
        if (seq <= 0) {
            throw new IllegalArgumentException("sequence numbers start at 1, got " + seq);
        }
    }

    public long sourceTimeNanos() {
        return event.sourceTimeNanos();
    }
}
