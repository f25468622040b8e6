package io.livestack.api.event;

/** One price level: fixed-point price and aggregate quantity (see {@link io.livestack.api.model.Fixed}). */
public record BookLevel(long price, long quantity) {

    public BookLevel {
        if (quantity < 0) {
            throw new IllegalArgumentException("level quantity must not be negative: " + quantity);
        }
    }
}
