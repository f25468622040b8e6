package io.livestack.api.history;

import java.util.List;
import java.util.Objects;

/** The first rows of a stored query, newest first, and how many rows the query has in all. */
public record StoredSlice<T>(List<T> items, long total) {

    public StoredSlice {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (total < items.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + items.size() + " rows");
        }
    }

    public static <T> StoredSlice<T> empty() {
        return new StoredSlice<>(List.of(), 0);
    }
}
