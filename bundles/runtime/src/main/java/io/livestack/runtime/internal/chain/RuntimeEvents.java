package io.livestack.runtime.internal.chain;

import io.livestack.api.event.RuntimeEvent;

/** What the runtime does with its own events (snapshot, recovered, manifest), on the processing thread. */
public interface RuntimeEvents {

    /** Nothing (no journal). */
    RuntimeEvents NONE = (event, replayed) -> { };

    /** {@code replayed}: the event comes again from the journal in a recovery. */
    void on(RuntimeEvent event, boolean replayed);
}
