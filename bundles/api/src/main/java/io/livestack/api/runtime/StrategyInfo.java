package io.livestack.api.runtime;

import io.livestack.api.model.StrategyId;

/**
 * A strategy as the host sees it: kind, whether it is running, its fault count. {@code autoStart}: started with the
 * session. {@code events}, {@code meanEventNanos} and {@code maxEventNanos}: how many events it was fed and how long
 * its {@code onEvent} took, not counting the processing of its intents by the loop (a slow strategy delays the whole
 * chain: it runs on the processing thread and cannot be preempted).
 */
public record StrategyInfo(StrategyId id, String kind, boolean running, long intents, long faults,
        String lastFault, boolean autoStart, long events, long meanEventNanos, long maxEventNanos) {

    /** Without the auto-start flag and timing figures. */
    public StrategyInfo(StrategyId id, String kind, boolean running, long intents, long faults, String lastFault) {
        this(id, kind, running, intents, faults, lastFault, false, 0, 0, 0);
    }
}
