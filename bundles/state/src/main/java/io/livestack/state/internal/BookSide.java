package io.livestack.state.internal;

import io.livestack.api.event.BookLevel;
import java.util.Arrays;
import java.util.List;

/**
 * One side of an order book as two parallel sorted primitive arrays (price, quantity), best level LAST: bids are kept
 * in ascending price order, asks in descending price order. Market data churns mostly near the top of the book, so
 * putting the best level at the end makes the common insert/delete shift only the few elements above it; lookups are
 * a binary search. Nothing is allocated per update once the arrays have grown to the book's depth.
 */
final class BookSide {

    private static final int INITIAL_CAPACITY = 16;

    private final boolean bid;
    private long[] prices = new long[INITIAL_CAPACITY];
    private long[] quantities = new long[INITIAL_CAPACITY];
    private int size;

    BookSide(boolean bid) {
        this.bid = bid;
    }

    int depth() {
        return size;
    }

    /** Price of level {@code i} from the top (0 = best). */
    long price(int i) {
        checkLevel(i);
        return prices[size - 1 - i];
    }

    long quantity(int i) {
        checkLevel(i);
        return quantities[size - 1 - i];
    }

    long bestPrice() {
        return size == 0 ? 0 : prices[size - 1];
    }

    long bestQuantity() {
        return size == 0 ? 0 : quantities[size - 1];
    }

    void clear() {
        size = 0;
    }

    /** Sets the quantity at {@code price}; quantity 0 deletes the level (deleting an absent level is a no-op). */
    void set(long price, long quantity) {
        int i = search(price);
        if (i >= 0) {
            if (quantity == 0) {
                remove(i);
            } else {
                quantities[i] = quantity;
            }
        } else if (quantity != 0) {
            insert(-i - 1, price, quantity);
        }
    }

    /**
     * Replaces the side with {@code levels} given best first (as in a snapshot). Levels with quantity 0 are skipped.
     * A well-ordered snapshot is copied in one pass; one that is not strictly ordered (or repeats a price) is
     * inserted level by level instead, so the side is always sorted.
     */
    void load(List<BookLevel> levels) {
        int n = levels.size();
        ensureCapacity(n);
        size = 0;
        boolean ordered = true;
        for (int k = n - 1; k >= 0; k--) { // worst first, so that the best ends up last
            BookLevel level = levels.get(k);
            if (level.quantity() == 0) {
                continue;
            }
            if (size > 0 && !before(prices[size - 1], level.price())) {
                ordered = false;
                break;
            }
            prices[size] = level.price();
            quantities[size] = level.quantity();
            size++;
        }
        if (!ordered) {
            size = 0;
            for (int k = 0; k < n; k++) {
                BookLevel level = levels.get(k);
                set(level.price(), level.quantity());
            }
        }
    }

    /** True when a level at {@code a} sits below (is worse than) a level at {@code b} in this side's order. */
    private boolean before(long a, long b) {
        return bid ? a < b : a > b;
    }

    /** Index of {@code price}, or {@code -(insertionPoint + 1)}. */
    private int search(long price) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long p = prices[mid];
            if (p == price) {
                return mid;
            }
            if (before(p, price)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -(lo + 1);
    }

    private void insert(int at, long price, long quantity) {
        ensureCapacity(size + 1);
        int tail = size - at;
        if (tail > 0) {
            System.arraycopy(prices, at, prices, at + 1, tail);
            System.arraycopy(quantities, at, quantities, at + 1, tail);
        }
        prices[at] = price;
        quantities[at] = quantity;
        size++;
    }

    private void remove(int at) {
        int tail = size - at - 1;
        if (tail > 0) {
            System.arraycopy(prices, at + 1, prices, at, tail);
            System.arraycopy(quantities, at + 1, quantities, at, tail);
        }
        size--;
    }

    private void ensureCapacity(int wanted) {
        if (wanted > prices.length) {
            int capacity = Math.max(wanted, prices.length * 2);
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
        }
    }

    private void checkLevel(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("level " + i + " of a book side with " + size + " levels");
        }
    }
}
