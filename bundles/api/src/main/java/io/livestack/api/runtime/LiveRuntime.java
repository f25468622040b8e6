package io.livestack.api.runtime;

import io.livestack.api.event.Command;
import io.livestack.api.state.StateView;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operator surface of the running chain, for the shell, the web console, metrics and health (any thread).
 * Commands are sequenced like every other input and recorded with the user; queries run on the processing thread
 * between events, so they see a consistent state.
 */
@ProviderType
public interface LiveRuntime {

    CompletableFuture<CommandResult> execute(Command command, String user);

    /** Run {@code query} against the state on the processing thread; copy what it returns out of the views. */
    <T> CompletableFuture<T> query(Function<StateView, T> query);

    RuntimeStatus status();
}
