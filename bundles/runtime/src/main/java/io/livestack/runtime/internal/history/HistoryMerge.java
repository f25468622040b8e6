package io.livestack.runtime.internal.history;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.HistoryQuery;
import io.livestack.api.history.StoredSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page from the state's rows and the database's: two lists without a row in common, each newest first, merged
 * (the state's row first on a tie) and cut to the query's page. Each list holds at least its first
 * {@link HistoryQuery#depth()} rows, so the merged first {@code depth} rows are right whatever the other list holds
 * further down; the total is the sum of both totals.
 */
final class HistoryMerge {

    private HistoryMerge() {
    }

    /**
     * {@code stored}: null when the database did not answer ({@code unavailable} says why); {@code cut}: the seq up to
     * which the database's rows were taken.
     */
    static <T> HistoryPage<T> page(HistoryQuery q, List<T> state, long stateTotal, StoredSlice<T> stored, long cut,
            String unavailable, Comparator<? super T> newestFirst) {
        List<T> db = stored == null ? List.of() : stored.items();
        List<T> merged = new ArrayList<>(Math.min(q.depth(), state.size() + db.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < q.depth() && (i < state.size() || j < db.size())) {
            if (j >= db.size() || (i < state.size() && newestFirst.compare(state.get(i), db.get(j)) <= 0)) {
                merged.add(state.get(i++));
            } else {
                merged.add(db.get(j++));
            }
        }
        List<T> items = merged.subList(Math.min(q.offset(), merged.size()), merged.size());
        long total = stateTotal + (stored == null ? 0 : stored.total());
        return new HistoryPage<>(q, items, total, stored == null ? -1 : cut, stored == null ? unavailable : null);
    }
}
