package io.livestack.api.model;

public enum Side {
    BUY, SELL;

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for BUY, -1 for SELL: the sign a fill of this side gives to a position. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}
