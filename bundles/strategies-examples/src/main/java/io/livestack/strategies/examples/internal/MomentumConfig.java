package io.livestack.strategies.examples.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Factory configuration {@code livestack.strategy.momentum} (files {@code etc/livestack.strategy.momentum-<name>.cfg}).
 * Decimal values are strings, parsed exactly.
 */
@ObjectClassDefinition(
        name = "Live Stack momentum taker",
        description = "Takes liquidity with IOC orders when a short moving average of the price crosses a long one.")
public @interface MomentumConfig {

    @AttributeDefinition(name = "Strategy id",
            description = "Unique id of this strategy instance (becomes the service property livestack.strategy.id)."
                    + " Required.")
    String livestack_strategy_id();

    @AttributeDefinition(name = "Auto start", description = "Start with the trading session.")
    boolean livestack_strategy_autoStart() default false;

    @AttributeDefinition(name = "Venue", description = "Venue id to trade at, e.g. SIM.")
    String venue() default "SIM";

    @AttributeDefinition(name = "Instrument", description = "Instrument id to trade, e.g. BTC-USD.")
    String instrument() default "BTC-USD";

    @AttributeDefinition(name = "Price source", description = "What the averages follow: the book mid or trade prices.",
            options = { @Option(label = "Book mid", value = "MID"), @Option(label = "Trade prices", value = "TRADE") })
    String source() default "MID";

    @AttributeDefinition(name = "Sample interval (ms)",
            description = "Event time between two samples of the price (1 to 3600000).")
    long sampleIntervalMillis() default 500;

    @AttributeDefinition(name = "Short window (samples)", description = "Samples in the short average (1 to 10000).")
    int shortWindow() default 5;

    @AttributeDefinition(name = "Long window (samples)",
            description = "Samples in the long average (more than the short window, at most 10000).")
    int longWindow() default 20;

    @AttributeDefinition(name = "Order size", description = "Quantity of each order, a positive decimal.")
    String quantity() default "0.01";

    @AttributeDefinition(name = "Max position",
            description = "Absolute net position limit, a positive decimal: orders are shrunk to stay within it.")
    String maxPosition() default "0.05";

    @AttributeDefinition(name = "Cooldown (ms)",
            description = "Event time after an order during which crossings are ignored (0 to 3600000).")
    long cooldownMillis() default 5000;

    @AttributeDefinition(name = "Slippage (bps)",
            description = "How far beyond the opposite best price the IOC limit goes, in basis points (0 to 1000).")
    int slippageBps() default 10;

    @AttributeDefinition(name = "Tick size", description = "Price increment of the instrument, a positive decimal.")
    String tickSize() default "0.01";
}
