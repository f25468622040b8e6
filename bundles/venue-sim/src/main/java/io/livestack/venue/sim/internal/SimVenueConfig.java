package io.livestack.venue.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Factory configuration {@code livestack.venue.sim} (files {@code etc/livestack.venue.sim-<name>.cfg}): one simulated
 * venue per configuration. Decimal values are strings, parsed exactly.
 */
@ObjectClassDefinition(
        name = "Live Stack simulated venue",
        description = "An in-process paper-trading venue: a seeded random-walk market with a depth book, and"
                + " matching of our orders against it.")
public @interface SimVenueConfig {

    @AttributeDefinition(name = "Venue id",
            description = "The venue's id (also the service property livestack.venue), e.g. SIM. Required.")
    String venue();

    @AttributeDefinition(name = "Account",
            description = "The account of this venue's orders whose strategy names none (service property account;"
                    + " FIX Account), e.g. ACC-1; empty = DEFAULT.")
    String account() default "";

    @AttributeDefinition(name = "Instruments",
            description = "Comma-separated SYMBOL:INITIAL_PRICE pairs, e.g. \"BTC-USD:50000, ETH-USD:3000\".")
    String instruments() default "BTC-USD:50000";

    @AttributeDefinition(name = "Tick size", description = "Price increment, a positive decimal; order prices must"
            + " be multiples of it.")
    String tickSize() default "0.01";

    @AttributeDefinition(name = "Spread (ticks)", description = "Best ask minus best bid, in ticks (1 to 1000).")
    int spreadTicks() default 2;

    @AttributeDefinition(name = "Volatility (bps)",
            description = "Largest random-walk step of the price per market data interval, in basis points of the"
                    + " price; each step is uniform in [-v, +v] (0 = a flat market, at most 1000).")
    int volatilityBps() default 2;

    @AttributeDefinition(name = "Market data interval (ms)",
            description = "How often the price walks and the book is published while logged on (10 to 60000).")
    long marketDataIntervalMillis() default 250;

    @AttributeDefinition(name = "Depth levels", description = "Price levels per side of the book (1 to 50).")
    int depthLevels() default 5;

    @AttributeDefinition(name = "Liquidity per level",
            description = "Quantity at each level after every step, a positive decimal.")
    String liquidityPerLevel() default "0.5";

    @AttributeDefinition(name = "Latency (ms)",
            description = "Delay between a request and the venue acting on it, and of the logon (0 to 10000).")
    long latencyMillis() default 2;

    @AttributeDefinition(name = "Seed", description = "Random seed: the same seed gives the same market.")
    long seed() default 42;

    @AttributeDefinition(name = "Snapshot every (steps)",
            description = "Publish a full book snapshot every this many steps, deltas in between (1 to 10000).")
    int snapshotEverySteps() default 20;

    @AttributeDefinition(name = "Reconcile timeout (ms)",
            description = "If the runtime does not ask for reconciliation within this time after logon, the venue"
                    + " logs on anyway (0 = wait forever, at most 600000).")
    long reconcileTimeoutMillis() default 10_000;
}
