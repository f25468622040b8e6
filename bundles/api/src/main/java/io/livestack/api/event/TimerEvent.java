package io.livestack.api.event;

import java.util.Objects;

/**
 * A timer fired. {@code owner} names who asked for it (a strategy id, or a runtime component such as
 * "session"); {@code token} is the owner's own tag. Timers are events so that time-driven behaviour is replayable.
 */
public record TimerEvent(long sourceTimeNanos, String owner, long token) implements Event {

    public TimerEvent {
        Objects.requireNonNull(owner, "owner");
    }
}
