package io.livestack.state.internal;

import io.livestack.api.record.FillRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The last {@value #CAPACITY} fills applied, a ring (oldest overwritten). Processing thread only. */
final class RecentFills {

    static final int CAPACITY = 10_000;

    private final FillRecord[] ring = new FillRecord[CAPACITY];
    private int count;
    private int next;

    void add(FillRecord fill) {
        ring[next] = fill;
        next = (next + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
    }

    /** Puts back what a snapshot holds (newest first). */
    void restore(List<FillRecord> newestFirst) {
        java.util.Arrays.fill(ring, null);
        count = 0;
        next = 0;
        for (int i = Math.min(newestFirst.size(), CAPACITY) - 1; i >= 0; i--) {
            add(newestFirst.get(i));
        }
    }

    /** Newest first, at most {@code max}. */
    List<FillRecord> newest(int max) {
        int n = Math.max(0, Math.min(max, count));
        List<FillRecord> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(ring[(next - i + CAPACITY) % CAPACITY]);
        }
        return Collections.unmodifiableList(out);
    }
}
