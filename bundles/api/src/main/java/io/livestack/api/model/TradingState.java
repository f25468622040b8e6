package io.livestack.api.model;

/**
 * ACTIVE trades normally; REDUCING only lets orders through that reduce the position; HALTED lets no new order
 * through (cancels still go).
 */
public enum TradingState {
    ACTIVE, REDUCING, HALTED;

    /** The more restrictive of two states. */
    public TradingState mostRestrictive(TradingState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
