package io.livestack.risk.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The risk limits, PID {@value RiskLimits#PID} ({@code etc/livestack.risk.cfg}). Quantities, notionals and positions
 * are decimals in instrument units / quote currency. The per-order and per-position limits can be overridden per
 * instrument with a key suffix, e.g. {@code maxOrderQuantity.BTC-USD = 5}. A limit of 0 allows nothing. Every value
 * is validated: a negative, non-numeric or unknown key refuses the whole configuration (and on a live change the
 * previous limits stay in force).
 */
@ObjectClassDefinition(name = "Live Stack risk limits",
        description = "Pre-trade risk limits. Per-instrument overrides: <key>.<instrument> for maxOrderQuantity, "
                + "maxOrderNotional, maxPosition and priceBandBps.")
public @interface RiskConfig {

    @AttributeDefinition(description = "Largest quantity of one order (decimal, instrument units)")
    String maxOrderQuantity() default RiskLimits.DEFAULT_MAX_ORDER_QUANTITY;

    @AttributeDefinition(description = "Largest notional (price x quantity, decimal, quote currency) of one order; "
            + "market orders are valued at the reference price")
    String maxOrderNotional() default RiskLimits.DEFAULT_MAX_ORDER_NOTIONAL;

    @AttributeDefinition(description = "Largest absolute net position per instrument (decimal), checked on the "
            + "projected position including this order (and open orders on the same side, see "
            + "countOpenOrdersInPosition); an order that reduces the exposure is always allowed")
    String maxPosition() default RiskLimits.DEFAULT_MAX_POSITION;

    @AttributeDefinition(description = "Price band (fat finger): largest deviation of a limit price from the "
            + "reference price (mid of the venue's book, else its last trade, else the instrument's mark), in basis "
            + "points")
    long priceBandBps() default RiskLimits.DEFAULT_PRICE_BAND_BPS;

    @AttributeDefinition(description = "Largest number of open orders (all venues, all strategies)")
    int maxOpenOrders() default RiskLimits.DEFAULT_MAX_OPEN_ORDERS;

    @AttributeDefinition(description = "New and replace orders allowed per second (sliding window on event time)")
    int maxOrdersPerSecond() default RiskLimits.DEFAULT_MAX_ORDERS_PER_SECOND;

    @AttributeDefinition(description = "Cancel requests allowed per second (sliding window on event time)")
    int maxCancelsPerSecond() default RiskLimits.DEFAULT_MAX_CANCELS_PER_SECOND;

    @AttributeDefinition(description = "Refuse an order that would trade against one of our own resting orders on the "
            + "same instrument and venue")
    boolean selfCrossCheck() default RiskLimits.DEFAULT_SELF_CROSS_CHECK;

    @AttributeDefinition(description = "Count open orders on the same side in the projected position of maxPosition "
            + "(worst case: all of them fill)")
    boolean countOpenOrdersInPosition() default RiskLimits.DEFAULT_COUNT_OPEN_ORDERS_IN_POSITION;

    @AttributeDefinition(description = "Refuse limit orders when there is no reference price (market orders always "
            + "need one); when false the price band is skipped for them")
    boolean limitOrdersRequireReference() default RiskLimits.DEFAULT_LIMIT_ORDERS_REQUIRE_REFERENCE;
}
