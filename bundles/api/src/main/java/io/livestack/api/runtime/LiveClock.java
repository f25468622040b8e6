package io.livestack.api.runtime;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The one clock: intake reads it once per event to stamp the intake time; nothing in the chain reads the wall
 * clock. Tests and replays register their own.
 */
@ConsumerType
@FunctionalInterface
public interface LiveClock {

    /** Epoch nanoseconds. */
    long nanos();
}
