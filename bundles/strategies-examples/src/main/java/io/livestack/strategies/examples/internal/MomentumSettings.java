package io.livestack.strategies.examples.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import java.util.Locale;
import java.util.Objects;

/** The validated momentum configuration; quantities and prices fixed-point, times in nanoseconds. */
record MomentumSettings(StrategyId id, VenueId venue, InstrumentId instrument, Source source,
        long sampleIntervalNanos, int shortWindow, int longWindow, long quantity, long maxPosition,
        long cooldownNanos, long slippageBps, long tickSize) {

    /** What the averages follow. */
    enum Source {
        MID, TRADE
    }

    private static final long MILLIS = 1_000_000;

    MomentumSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(source, "source");
        Values.range("sampleIntervalMillis", sampleIntervalNanos / MILLIS, 1, 3_600_000);
        Values.range("shortWindow", shortWindow, 1, 10_000);
        Values.range("longWindow", longWindow, shortWindow + 1L, 10_000);
        requirePositive("quantity", quantity);
        requirePositive("maxPosition", maxPosition);
        Values.range("cooldownMillis", cooldownNanos / MILLIS, 0, 3_600_000);
        Values.range("slippageBps", slippageBps, 0, 1_000);
        requirePositive("tickSize", tickSize);
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + Fixed.format(value));
        }
    }

    static Source source(String text) {
        try {
            return Source.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source must be MID or TRADE, got '" + text + "'", e);
        }
    }

    static MomentumSettings from(MomentumConfig config) {
        return new MomentumSettings(
                Values.strategyId("livestack.strategy.id", config.livestack_strategy_id()),
                Values.venue("venue", config.venue()),
                Values.instrument("instrument", config.instrument()),
                source(config.source()),
                Values.range("sampleIntervalMillis", config.sampleIntervalMillis(), 1, 3_600_000) * MILLIS,
                config.shortWindow(),
                config.longWindow(),
                Values.positiveDecimal("quantity", config.quantity()),
                Values.positiveDecimal("maxPosition", config.maxPosition()),
                Values.range("cooldownMillis", config.cooldownMillis(), 0, 3_600_000) * MILLIS,
                config.slippageBps(),
                Values.positiveDecimal("tickSize", config.tickSize()));
    }
}
