package io.livestack.risk.internal;

/**
 * A sliding window of event times (one second unless told otherwise), as a ring buffer of at most {@code limit}
 * timestamps (allocation-free once sized). An entry counts while {@code now - time < window}; time is event time, so
 * throttling is deterministic.
 * Processing thread only; {@link #count()} is published for display from other threads.
 */
final class RateWindow {

    static final long WINDOW_NANOS = 1_000_000_000L;

    private long[] times = new long[0];
    private int head;
    private int size;
    private volatile int published;

    /** Drops what left the window and makes room for {@code limit} entries (keeping the newest when shrinking). */
    void advance(long now, int limit) {
        advance(now, limit, WINDOW_NANOS);
    }

    /** {@link #advance(long, int)} over a window of {@code windowNanos}. */
    void advance(long now, int limit, long windowNanos) {
        if (times.length != limit) {
            resize(limit);
        }
        while (size > 0 && now - times[head] >= windowNanos) {
            head = (head + 1) % times.length;
            size--;
        }
        published = size;
    }

    /** True when one more entry would exceed {@code limit} (call {@link #advance} first). */
    boolean full() {
        return size >= times.length;
    }

    void add(long now) {
        if (times.length == 0) {
            return;
        }
        if (size == times.length) { // only when the caller ignored full(): drop the oldest
            head = (head + 1) % times.length;
            size--;
        }
        times[(head + size) % times.length] = now;
        size++;
        published = size;
    }

    /** Entries in the window at the last advance/add. */
    int count() {
        return published;
    }

    /** The entries' times, oldest first (what a snapshot holds). */
    java.util.List<Long> times() {
        java.util.List<Long> out = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(times[(head + i) % times.length]);
        }
        return out;
    }

    /** Puts back a snapshot's times, oldest first (the next advance sizes the window to its limit again). */
    void restore(java.util.List<Long> snapshot) {
        times = new long[Math.max(times.length, snapshot.size())];
        head = 0;
        size = snapshot.size();
        for (int i = 0; i < size; i++) {
            times[i] = snapshot.get(i);
        }
        published = size;
    }

    /** Empties the window. */
    void clear() {
        head = 0;
        size = 0;
        published = 0;
    }

    /** Time the oldest entry leaves the window, for messages. */
    long oldest() {
        return size == 0 ? 0 : times[head];
    }

    private void resize(int limit) {
        long[] resized = new long[limit];
        int keep = Math.min(size, limit);
        for (int i = 0; i < keep; i++) {
            resized[i] = times[(head + size - keep + i) % times.length];
        }
        times = resized;
        head = 0;
        size = keep;
    }
}
