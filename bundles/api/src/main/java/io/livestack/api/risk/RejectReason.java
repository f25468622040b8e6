package io.livestack.api.risk;

/** Why an intent was refused before reaching a venue. */
public enum RejectReason {
    INVALID_QUANTITY,
    INVALID_PRICE,
    UNKNOWN_VENUE,
    UNKNOWN_INSTRUMENT,
    UNKNOWN_ORDER,
    ORDER_NOT_OPEN,
    MAX_ORDER_QUANTITY,
    MAX_ORDER_NOTIONAL,
    MAX_POSITION,
    PRICE_BAND,
    NO_REFERENCE_PRICE,
    MAX_OPEN_ORDERS,
    ORDER_RATE,
    CANCEL_RATE,
    SELF_CROSS,
    TRADING_HALTED,
    TRADING_REDUCING,
    VENUE_NOT_READY,
    STRATEGY_NOT_RUNNING,
    SESSION_NOT_RUNNING,
    RISK_UNAVAILABLE,
    EXECUTION_UNAVAILABLE,
    /** A pluggable {@link RiskCheck} refused; the record names the check. */
    CUSTOM_CHECK
}
