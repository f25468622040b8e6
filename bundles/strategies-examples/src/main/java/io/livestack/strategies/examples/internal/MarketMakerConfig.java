package io.livestack.strategies.examples.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Factory configuration {@code livestack.strategy.marketmaker} (files
 * {@code etc/livestack.strategy.marketmaker-<name>.cfg}). Decimal values are strings, parsed exactly.
 */
@ObjectClassDefinition(
        name = "Live Stack market maker",
        description = "Quotes one bid and one ask around the mid of one instrument at one venue.")
public @interface MarketMakerConfig {

    @AttributeDefinition(name = "Strategy id",
            description = "Unique id of this strategy instance (becomes the service property livestack.strategy.id)."
                    + " Required.")
    String livestack_strategy_id();

    @AttributeDefinition(name = "Auto start", description = "Start with the trading session.")
    boolean livestack_strategy_autoStart() default false;

    @AttributeDefinition(name = "Venue", description = "Venue id to quote at, e.g. SIM.")
    String venue() default "SIM";

    @AttributeDefinition(name = "Instrument", description = "Instrument id to quote, e.g. BTC-USD.")
    String instrument() default "BTC-USD";

    @AttributeDefinition(name = "Quote size", description = "Quantity of each quote, a positive decimal.")
    String quantity() default "0.01";

    @AttributeDefinition(name = "Max position",
            description = "Absolute net position limit, a positive decimal: a side whose fill would take the"
                    + " position beyond it is shrunk, then no longer quoted.")
    String maxPosition() default "0.05";

    @AttributeDefinition(name = "Spread (bps)",
            description = "Distance between our bid and ask in basis points of the mid (1 to 5000).")
    int spreadBps() default 20;

    @AttributeDefinition(name = "Requote threshold (bps)",
            description = "Replace the quotes when the mid moved more than this many basis points from the mid"
                    + " they were placed at (1 to 5000).")
    int requoteThresholdBps() default 5;

    @AttributeDefinition(name = "Skew (bps)",
            description = "At the position limit the quotes are shifted by this many basis points of the mid"
                    + " against the position (proportionally below it); 0 disables skewing (0 to 5000).")
    int skewBps() default 10;

    @AttributeDefinition(name = "Tick size", description = "Price increment of the instrument, a positive decimal.")
    String tickSize() default "0.01";

    @AttributeDefinition(name = "Reject back-off (ms)",
            description = "After a refused intent, place no new quote for this long in event time (0 to 3600000).")
    long rejectBackoffMillis() default 2000;
}
