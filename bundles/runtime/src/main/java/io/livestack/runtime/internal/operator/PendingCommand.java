package io.livestack.runtime.internal.operator;

import io.livestack.api.event.OperatorCommand;
import io.livestack.api.runtime.CommandResult;
import java.util.concurrent.CompletableFuture;

/** An operator command and whoever waits for its outcome (null: nobody, e.g. the runtime's own auto-start). */
public record PendingCommand(OperatorCommand command, CompletableFuture<CommandResult> reply) {
}
