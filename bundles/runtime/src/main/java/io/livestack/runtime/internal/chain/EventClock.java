package io.livestack.runtime.internal.chain;

import io.livestack.api.event.Sequenced;

/** The place and time of the event being processed: what every stage reads as "seq" and "now". */
public final class EventClock {

    private long seq;
    private long now;

    void begin(Sequenced event) {
        seq = event.seq();
        now = event.intakeTimeNanos();
    }

    public long seq() {
        return seq;
    }

    public long now() {
        return now;
    }
}
