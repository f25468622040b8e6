package io.livestack.api.history;

import java.util.List;
import java.util.Objects;

/**
 * One page of a {@link HistoryQuery}, newest first: its rows, how many rows the query has in all, and where they come
 * from. {@code storedThrough}: the rows of events up to this seq come from the database, the later ones from the live
 * state (-1: nothing from the database). {@code storedUnavailable}: null when the database answered; otherwise why it
 * did not, and the page holds the live state's rows only.
 */
public record HistoryPage<T>(HistoryQuery query, List<T> items, long total, long storedThrough,
        String storedUnavailable) {

    public HistoryPage {
        Objects.requireNonNull(query, "query");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** Rows after this page. */
    public long remaining() {
        return Math.max(0, total - query.offset() - items.size());
    }

    /** Whether the database's rows are in (the answer is complete as far as the records go). */
    public boolean stored() {
        return storedUnavailable == null;
    }
}
