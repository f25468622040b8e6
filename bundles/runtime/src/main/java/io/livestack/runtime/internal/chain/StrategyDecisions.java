package io.livestack.runtime.internal.chain;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.runtime.DecisionLog.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In a verification that calls the strategies: what each numbered strategy call of one event decided now (its intents
 * in order, the headline of what it threw), and the first call whose decision differs from the journaled one.
 * Processing thread only.
 */
final class StrategyDecisions {

    private final Map<Integer, StrategyId> strategies = new TreeMap<>();
    private final Map<Integer, List<Intent>> intents = new TreeMap<>();
    private final Map<Integer, String> faults = new TreeMap<>();

    void clear() {
        strategies.clear();
        intents.clear();
        faults.clear();
    }

    void called(int callback, StrategyId strategy) {
        strategies.put(callback, strategy);
    }

    void emitted(int callback, Intent intent) {
        intents.computeIfAbsent(callback, k -> new ArrayList<>()).add(intent);
    }

    void threw(int callback, String headline) {
        faults.put(callback, headline);
    }

    /**
     * The first call (by number) that decided otherwise than {@code journaled} (per call; absent: it emitted nothing
     * and did not throw), as "strategy ID): journaled …, decided now …", or null when every call decided the same.
     * A call journaled but not made now (the strategy was not there) differs too.
     */
    String firstDifference(Map<Integer, Recorded> journaled) {
        TreeSet<Integer> calls = new TreeSet<>(strategies.keySet());
        calls.addAll(journaled.keySet());
        for (int call : calls) {
            Recorded was = journaled.get(call);
            List<Intent> wasIntents = was == null ? List.of() : was.intents();
            String wasFault = was == null ? null : was.faultHeadline();
            List<Intent> now = intents.getOrDefault(call, List.of());
            String nowFault = faults.get(call);
            if (!wasIntents.equals(now) || !Objects.equals(wasFault, nowFault)) {
                StrategyId who = strategies.get(call);
                return "strategy " + (who == null ? "(not called now)" : who.value()) + ", call " + call
                        + "): journaled " + describe(wasIntents, wasFault) + ", decided now "
                        + (who == null ? "nothing (the call was not made)" : describe(now, nowFault));
            }
        }
        return null;
    }

    private static String describe(List<Intent> intents, String fault) {
        return intents + (fault == null ? "" : " and threw " + fault);
    }
}
