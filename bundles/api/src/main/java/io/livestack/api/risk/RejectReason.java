package io.livestack.api.risk;

/**
 * Why an intent was refused before reaching a venue. Each rule has one owner, the stage that checks it (see
 * docs/architecture.md, "Where each rule lives"): the risk stage checks what an intent asks for against the limits,
 * execution control what it would do to an order and a venue, the strategy host whether its strategy may trade, the
 * chain whether the session runs and whether a stage is there at all.
 */
public enum RejectReason {
    /** Risk: quantity not positive. Execution control: a replace's quantity not above what is filled. */
    INVALID_QUANTITY,
    /** Risk: a limit price not positive. */
    INVALID_PRICE,
    /** Execution control: no adapter for the venue. */
    UNKNOWN_VENUE,
    /** Execution control: the venue does not list the instrument. */
    UNKNOWN_INSTRUMENT,
    /** Execution control: no order by that ClOrdID. */
    UNKNOWN_ORDER,
    /** Execution control: a new order's ClOrdID already names an order (a strategy or tool reused one). */
    DUPLICATE_CLIENT_ORDER_ID,
    /** Execution control: the order is closed, or a request on it is still pending. */
    ORDER_NOT_OPEN,
    /** Risk. */
    MAX_ORDER_QUANTITY,
    /** Risk. */
    MAX_ORDER_NOTIONAL,
    /** Risk. */
    MAX_POSITION,
    /** Risk: a limit price too far from the reference price. */
    PRICE_BAND,
    /** Risk: no reference price to value or band the order. */
    NO_REFERENCE_PRICE,
    /** Risk. */
    MAX_OPEN_ORDERS,
    /** Risk: new orders and replaces per second. */
    ORDER_RATE,
    /** Risk: cancels per second. */
    CANCEL_RATE,
    /** Risk: the order would trade against our own resting order. */
    SELF_CROSS,
    /** Execution control: the effective trading state is HALTED (or the kill switch is engaged). */
    TRADING_HALTED,
    /** Execution control: the effective trading state is REDUCING and the order would not reduce the position. */
    TRADING_REDUCING,
    /** Execution control: the venue is not LOGGED_ON, or its adapter refused the request. */
    VENUE_NOT_READY,
    /** Strategy host: the strategy is not running (or is stopping: only cancels). */
    STRATEGY_NOT_RUNNING,
    /** Chain: new orders and replaces need a RUNNING session. */
    SESSION_NOT_RUNNING,
    /** Chain: no risk stage is bound, or it failed: no new orders and replaces (fail closed). */
    RISK_UNAVAILABLE,
    /** Chain: no execution control is bound, or it failed: no new orders and replaces (fail closed). */
    EXECUTION_UNAVAILABLE,
    /** Risk: a pluggable {@link RiskCheck} refused, threw or gave no decision; the refusal names the check. */
    CUSTOM_CHECK,
    /**
     * Chain: the journal cannot be written (or forced to disk), so a new order could not be recovered after a crash:
     * no new orders and replaces until it can again (fail closed); cancels still go.
     */
    JOURNAL_UNAVAILABLE,
    /** Risk: the instrument has no reference data at the venue and reference data is required. */
    NO_REFERENCE_DATA,
    /** Risk: a limit price not on the instrument's tick grid (reference data). */
    OFF_TICK,
    /** Risk: a quantity not a whole number of lots (reference data). */
    OFF_LOT,
    /** Risk: a quantity below the instrument's minimum or above its venue maximum (reference data). */
    QUANTITY_OUT_OF_RANGE,
    /** Risk: the order would take gross exposure (sum of |position value|) of a scope over its limit (15c3-5). */
    MAX_GROSS_EXPOSURE,
    /** Risk: the order would take net exposure (signed position value) of a scope over its limit (15c3-5). */
    MAX_NET_EXPOSURE,
    /** Risk: a limit price outside the collar around the reference prices seen over the collar window. */
    PRICE_COLLAR,
    /** Risk: new orders, replaces and cancels per second of a venue or a strategy over the limit (RTS 6 Art. 15). */
    MESSAGE_RATE,
    /** Risk: the same strategy sent the same instrument, side, price and quantity within the duplicate window. */
    DUPLICATE_ORDER,
    /**
     * Risk: the scope's loss (realized + unrealized − fees, in total or since the start of the trading day) is over
     * its limit.
     */
    MAX_LOSS
}
