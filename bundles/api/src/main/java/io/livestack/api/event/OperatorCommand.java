package io.livestack.api.event;

import java.util.Objects;

/**
 * An operator's state-changing action, sequenced like every other input so that its effect has a place in the
 * total order. {@code user} is who did it (from the shell session or web console login). Plain data: whoever waits
 * for the outcome holds its reply beside the event (see {@link io.livestack.api.runtime.LiveRuntime#execute}), so
 * that a command can be journaled and replayed like any other event.
 */
public record OperatorCommand(long sourceTimeNanos, String user, Command command) implements Event {

    public OperatorCommand {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(command, "command");
    }
}
