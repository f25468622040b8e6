package io.livestack.api.runtime;

/** How an operator command ended: ok, or a one-line error naming the problem. */
public record CommandResult(boolean ok, String message) {

    public static CommandResult ok(String message) {
        return new CommandResult(true, message);
    }

    public static CommandResult error(String message) {
        return new CommandResult(false, message);
    }
}
