package io.livestack.runtime.internal.sequencer;

import io.livestack.api.event.Event;
import io.livestack.api.runtime.CommandResult;
import java.util.concurrent.CompletableFuture;

/** An event waiting outside the ring (internal lane, held reports), with its intake stamp and reply. */
record Stamped(Event event, CompletableFuture<CommandResult> reply, long stamp) {
}
