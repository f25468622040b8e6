package io.livestack.runtime.internal.chain;

/**
 * What the runtime does before the chain takes live events — a recovery from the journal — stepped by the chain
 * agent on the processing thread until it says it is done. Until then no event is sequenced.
 */
public interface Startup {

    /** Nothing to do. */
    Startup DONE = () -> true;

    /** Does the next part of the work; true once the chain may take live events. */
    boolean step();

    /** Why the work cannot be done (the chain takes nothing until it is), or null. */
    default String failure() {
        return null;
    }
}
