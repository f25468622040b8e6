package io.livestack.api.event;

import io.livestack.api.runtime.CommandResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An operator's state-changing action, sequenced like every other input so that its effect has a place in the
 * total order. {@code user} is who did it (from the shell session or web console login); the processing thread
 * completes {@code reply} once the action has been applied.
 */
public record OperatorCommand(long sourceTimeNanos, String user, Command command,
        CompletableFuture<CommandResult> reply) implements Event {

    public OperatorCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reply, "reply");
    }
}
