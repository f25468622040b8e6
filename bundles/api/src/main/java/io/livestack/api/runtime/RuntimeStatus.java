package io.livestack.api.runtime;

import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingState;
import java.util.Map;

/**
 * The runtime at a glance (any thread): session state, the last sequence number, queue depth, counts, which stages
 * are bound (a missing risk or execution stage means fail closed), trading state and kill switch, and the journal:
 *
 * @param recovery what the start did: the recovery from the journal, what it waits for, or why it failed
 * @param journal  the journal's state: off, appending (with the last seq appended and on disk), or why it fails
 * @param halted   why the runtime takes no new orders (or no events at all) whatever the trading state says — a
 *                 recovery that failed, a journal that cannot be written — or null
 */
public record RuntimeStatus(SessionState session, long lastSeq, int queueDepth, long eventsProcessed,
        long conflated, Map<String, Boolean> stages, TradingState globalTradingState, boolean killSwitchEngaged,
        String recovery, String journal, String halted) {

    /** A status without a journal. */
    public RuntimeStatus(SessionState session, long lastSeq, int queueDepth, long eventsProcessed, long conflated,
            Map<String, Boolean> stages, TradingState globalTradingState, boolean killSwitchEngaged) {
        this(session, lastSeq, queueDepth, eventsProcessed, conflated, stages, globalTradingState, killSwitchEngaged,
                "none (no journal)", "off", null);
    }
}
