package io.livestack.runtime.internal.chain;

import io.livestack.api.state.StateView;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Reads of the state from other threads (shell, web console, metrics): queued, and run on the processing thread
 * between events against the read-only state, so they see a consistent state. Not sequenced: they change nothing.
 */
public final class Queries {

    /** A query waiting for the processing thread. */
    private record Query<T>(Function<StateView, T> function, CompletableFuture<T> result) {
        void run(StateView state) {
            if (state == null) {
                result.completeExceptionally(new IllegalStateException("the state stage is not available"));
                return;
            }
            try {
                result.complete(function.apply(state));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    private final ConcurrentLinkedQueue<Query<?>> waiting = new ConcurrentLinkedQueue<>();

    /** Queues a query; the caller wakes the processing thread. */
    public <T> CompletableFuture<T> submit(Function<StateView, T> function) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(new Query<>(function, result));
        return result;
    }

    /** Runs a query at once (the caller is the processing thread). */
    public static <T> CompletableFuture<T> runNow(Function<StateView, T> function, StateView state) {
        CompletableFuture<T> result = new CompletableFuture<>();
        new Query<>(function, result).run(state);
        return result;
    }

    /** Runs what is waiting against {@code state} (null: none bound, each fails clearly); returns how many. */
    int drain(StateView state) {
        int n = 0;
        Query<?> q;
        while ((q = waiting.poll()) != null) {
            q.run(state);
            n++;
        }
        return n;
    }

    /** The runtime stopped: every waiting query fails with {@code why}. */
    public void failAll(Throwable why) {
        Query<?> q;
        while ((q = waiting.poll()) != null) {
            q.result().completeExceptionally(why);
        }
    }
}
