package io.livestack.state.internal;

import io.livestack.api.model.ExecId;
import io.livestack.api.model.VenueId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The executions applied, with the event time each was applied at, so that a resent report is recognised and never
 * counts twice: "venue|execId" (the exec id was seen) and "venue|execId identity" (this report, by its content; a
 * space never occurs in an id). Kept in the order they were applied, so that letting go of the old ones is a
 * walk from the front. Processing thread only.
 */
final class Executions {

    private final LinkedHashMap<String, Long> applied = new LinkedHashMap<>();

    static String key(VenueId venue, ExecId execId) {
        return venue.value() + '|' + execId.value();
    }

    static String key(VenueId venue, ExecId execId, String identity) {
        return key(venue, execId) + ' ' + identity;
    }

    boolean knows(String key) {
        return applied.containsKey(key);
    }

    /** False when it was known already. */
    boolean remember(String key, long timeNanos) {
        return applied.putIfAbsent(key, timeNanos) == null;
    }

    boolean isEmpty() {
        return applied.isEmpty();
    }

    /** Lets go of those applied before {@code cutoffNanos}; returns how many. */
    int evictBefore(long cutoffNanos) {
        int n = 0;
        Iterator<Map.Entry<String, Long>> it = applied.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue() >= cutoffNanos) {
                break;
            }
            it.remove();
            n++;
        }
        return n;
    }

    Map<String, Long> snapshot() {
        return new LinkedHashMap<>(applied);
    }

    void restore(Map<String, Long> executions) {
        applied.clear();
        applied.putAll(executions);
    }
}
