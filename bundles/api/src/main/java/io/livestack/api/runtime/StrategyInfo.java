package io.livestack.api.runtime;

import io.livestack.api.model.StrategyId;

/** A strategy as the host sees it: kind, whether it is running, its fault count. */
public record StrategyInfo(StrategyId id, String kind, boolean running, long intents, long faults,
        String lastFault) {
}
