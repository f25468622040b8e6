package io.livestack.api.event;

import io.livestack.api.model.StrategyId;
import java.util.Objects;

/**
 * Who a timer belongs to: a strategy (by its id) or a part of the runtime (by name). The two kinds never mix: a
 * strategy called "session" does not receive the session's timers.
 */
public record TimerOwner(Kind kind, String id) {

    public enum Kind {
        /** The runtime itself (the session controller); never fed to strategies. */
        RUNTIME,
        /** A strategy: fed only to the strategy with that id. */
        STRATEGY
    }

    /** The session controller's timers (start and stop timeouts, internal notices). */
    public static final TimerOwner SESSION = new TimerOwner(Kind.RUNTIME, "session");
    /** Execution control's own timers (stuck cancel/replace requests). */
    public static final TimerOwner EXECUTION = new TimerOwner(Kind.RUNTIME, "execution");

    public TimerOwner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a timer owner needs an id");
        }
    }

    public static TimerOwner strategy(StrategyId strategy) {
        return new TimerOwner(Kind.STRATEGY, strategy.value());
    }

    public boolean isStrategy(StrategyId strategy) {
        return kind == Kind.STRATEGY && id.equals(strategy.value());
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
