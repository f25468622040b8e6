package io.livestack.risk.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The risk limits, PID {@value RiskLimits#PID} ({@code etc/livestack.risk.cfg}). Quantities, notionals and positions
 * are decimals in instrument units / quote currency. The scoped limits ({@link RiskLimits#SCOPES}) take a key suffix
 * per scope ({@code .strategy.<ID>|*}, {@code .account.<ID>|*}, {@code .instrument.<ID>}, {@code .venue.<ID>}, and the
 * older {@code .<INSTRUMENT>}); those are not attributes here (their names are the operator's). A limit of 0 allows
 * nothing. Every value is validated: a negative, non-numeric or unknown key, or a scope the limit lacks, refuses the
 * whole configuration (and on a live change the previous limits stay in force).
 */
@ObjectClassDefinition(name = "Live Stack risk limits",
        description = "Risk limits, desk-wide here. Per scope: <limit>.strategy.<ID>|*, <limit>.account.<ID>|*, "
                + "<limit>.instrument.<ID> (or <limit>.<INSTRUMENT>), <limit>.venue.<ID>; the most restrictive "
                + "wins. Off unless set: priceCollarBps, maxGrossExposure, maxNetExposure, maxLoss, maxDailyLoss, "
                + "maxMessagesPerSecond (per strategy/venue), maxFillsPerWindow. See docs/risk.md.")
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

    @AttributeDefinition(description = "Window of the price collar (priceCollarBps) in ms: the reference prices seen "
            + "over it, sampled at each check at most every 100 ms")
    long priceCollarWindowMs() default RiskLimits.DEFAULT_PRICE_COLLAR_WINDOW_MS;

    @AttributeDefinition(description = "The same strategy, instrument, side, price and quantity again within this "
            + "many ms is refused (DUPLICATE_ORDER); 0: off")
    long duplicateWindowMs() default RiskLimits.DEFAULT_DUPLICATE_WINDOW_MS;

    @AttributeDefinition(description = "Window of the repeated-execution throttle (maxFillsPerWindow) in ms")
    long fillWindowMs() default RiskLimits.DEFAULT_FILL_WINDOW_MS;

    @AttributeDefinition(description = "What a broken maxLoss or maxDailyLoss sets its scope to: REDUCING or HALTED")
    String lossAction() default RiskLimits.DEFAULT_LOSS_ACTION;

    @AttributeDefinition(description = "Start of the trading day (HH:mm) for maxDailyLoss")
    String tradingDayStart() default RiskLimits.DEFAULT_TRADING_DAY_START;

    @AttributeDefinition(description = "Time zone of tradingDayStart, e.g. UTC, Europe/London")
    String tradingDayZone() default RiskLimits.DEFAULT_TRADING_DAY_ZONE;
}
