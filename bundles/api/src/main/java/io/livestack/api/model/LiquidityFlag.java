package io.livestack.api.model;

/** Whether a fill added or removed liquidity, where the venue says so. */
public enum LiquidityFlag {
    MAKER, TAKER, UNKNOWN
}
