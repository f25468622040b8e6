package io.livestack.risk.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each limit last refused or acted, per scope (event time), and how often each limit broke: what the usage
 * table's {@code breached}, the "risk" health indicator and the breach counters show. Written on the processing
 * thread, read from any. Not part of the snapshot: a display of the recent past, not a limit's state.
 */
final class Breaches {

    /** How long a breach keeps its limit marked and the health DEGRADED. */
    static final long RECENT_NANOS = 60_000_000_000L;

    /** The last breach of one limit at one scope. */
    record Breach(String limit, String scope, long timeNanos, String detail) {
    }

    private final Map<String, Breach> last = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile Breach latest;
    private volatile long now;
    /** The latest event time seen (processing thread). */
    private long seen;
    static final long PUBLISH_NANOS = 10_000_000L;
    private volatile Listener listener = Listener.NONE;

    /** Told of every breach (the metrics' counters). */
    interface Listener {
        Listener NONE = limit -> { };

        void breached(String limit);
    }

    void listener(Listener l) {
        listener = l == null ? Listener.NONE : l;
    }

    void record(String limit, String scope, long timeNanos, String detail) {
        Breach b = new Breach(limit, scope, timeNanos, detail);
        last.put(limit + "@" + scope, b);
        counts.computeIfAbsent(limit, k -> new AtomicLong()).incrementAndGet();
        latest = b;
        if (timeNanos > now) {
            now = timeNanos;
        }
        if (timeNanos > seen) {
            seen = timeNanos;
        }
        listener.breached(limit);
    }

    /**
     * The latest event time the stage saw (what "recent" is measured from), published to other threads when it moved
     * on by {@value #PUBLISH_NANOS} ns or more (a volatile write per check would be needless on the hot path).
     */
    void seen(long timeNanos) {
        if (timeNanos > seen) {
            seen = timeNanos;
            if (timeNanos - now >= PUBLISH_NANOS) {
                now = timeNanos;
            }
        }
    }

    long now() {
        return now;
    }

    /** Whether the limit broke at that scope within {@link #RECENT_NANOS}. */
    boolean recent(String limit, String scope) {
        Breach b = last.get(limit + "@" + scope);
        return b != null && now - b.timeNanos() < RECENT_NANOS;
    }

    /** Whether the limit broke recently at a scope whose label starts with {@code prefix} (e.g. "strategy:"). */
    boolean recentAny(String limit, String prefix) {
        String key = limit + "@" + prefix;
        for (Map.Entry<String, Breach> e : last.entrySet()) {
            if (e.getKey().startsWith(key) && now - e.getValue().timeNanos() < RECENT_NANOS) {
                return true;
            }
        }
        return false;
    }

    /** The newest breach if it is recent, else null. */
    Breach latestRecent() {
        Breach b = latest;
        return b != null && now - b.timeNanos() < RECENT_NANOS ? b : null;
    }

    long count(String limit) {
        AtomicLong c = counts.get(limit);
        return c == null ? 0 : c.get();
    }

    Map<String, AtomicLong> counts() {
        return counts;
    }
}
