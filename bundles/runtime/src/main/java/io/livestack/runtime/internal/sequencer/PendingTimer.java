package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.TimerOwner;

/** A timer scheduled and not yet fired: what a snapshot holds of the runtime's own timers. */
public record PendingTimer(long atNanos, TimerOwner owner, long token) {
}
