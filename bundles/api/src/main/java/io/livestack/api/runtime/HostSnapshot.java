package io.livestack.api.runtime;

import io.livestack.api.model.StrategyId;
import java.util.List;
import java.util.Objects;

/**
 * The strategy host's own state as plain data: whether the session runs (strategies start on their own then), and
 * per strategy whether it runs and its counts of what it did. Strategies' own fields are not in it: after a recovery
 * they start again ({@code onStart}) with the state as it is.
 */
public record HostSnapshot(boolean sessionRunning, List<Hosted> strategies) {

    /**
     * One strategy in the host: whether it was bound (its service attached) or only known (waiting for its service),
     * whether it runs, and its counts.
     */
    public record Hosted(StrategyId id, boolean attached, boolean running, long events, long intents, long faults,
            int consecutiveFaults, String lastFault) {
        public Hosted {
            Objects.requireNonNull(id, "id");
        }
    }

    public static final HostSnapshot EMPTY = new HostSnapshot(false, List.of());

    public HostSnapshot {
        strategies = List.copyOf(strategies);
    }
}
