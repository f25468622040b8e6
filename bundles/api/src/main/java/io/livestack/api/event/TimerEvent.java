package io.livestack.api.event;

import java.util.Objects;

/**
 * A timer fired. {@code owner} names who asked for it — a strategy, or a part of the runtime such as the session —
 * and {@code token} is the owner's own tag. Timers are events so that time-driven behaviour is replayable. The
 * source time is the time the timer was due.
 */
public record TimerEvent(long sourceTimeNanos, TimerOwner owner, long token) implements Event {

    public TimerEvent {
        Objects.requireNonNull(owner, "owner");
    }
}
