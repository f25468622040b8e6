package io.livestack.api.runtime;

import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingState;
import java.util.Map;

/**
 * The runtime at a glance (any thread): session state, the last sequence number, queue depth, counts, which stages
 * are bound (a missing risk or execution stage means fail closed), trading state and kill switch.
 */
public record RuntimeStatus(SessionState session, long lastSeq, int queueDepth, long eventsProcessed,
        long conflated, Map<String, Boolean> stages, TradingState globalTradingState, boolean killSwitchEngaged) {
}
