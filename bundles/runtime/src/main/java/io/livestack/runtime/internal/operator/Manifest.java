package io.livestack.runtime.internal.operator;

import java.util.Map;

/**
 * What is in force, for the journal: {@code bundle:<symbolic name>} → version of the Live Stack bundles and of the
 * bundles that provide strategies, and {@code config:<pid>:<key>} → value of their configurations. Journaled as a
 * MANIFEST event at every session start, so that a replay can say what differed; any thread.
 */
@FunctionalInterface
public interface Manifest {

    /** Nothing known (outside OSGi). */
    Manifest NONE = Map::of;

    Map<String, String> current();
}
