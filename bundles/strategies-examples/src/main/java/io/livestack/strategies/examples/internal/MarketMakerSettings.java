package io.livestack.strategies.examples.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/** The validated market maker configuration; quantities and prices fixed-point. */
record MarketMakerSettings(StrategyId id, VenueId venue, InstrumentId instrument, long quantity, long maxPosition,
        long spreadBps, long requoteThresholdBps, long skewBps, long tickSize, long rejectBackoffNanos) {

    MarketMakerSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        requirePositive("quantity", quantity);
        requirePositive("maxPosition", maxPosition);
        requirePositive("tickSize", tickSize);
        Values.range("spreadBps", spreadBps, 1, 5_000);
        Values.range("requoteThresholdBps", requoteThresholdBps, 1, 5_000);
        Values.range("skewBps", skewBps, 0, 5_000);
        Values.range("rejectBackoffMillis", rejectBackoffNanos / 1_000_000, 0, 3_600_000);
    }

    private static void requirePositive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + Fixed.format(value));
        }
    }

    static MarketMakerSettings from(MarketMakerConfig config) {
        return new MarketMakerSettings(
                Values.strategyId("livestack.strategy.id", config.livestack_strategy_id()),
                Values.venue("venue", config.venue()),
                Values.instrument("instrument", config.instrument()),
                Values.positiveDecimal("quantity", config.quantity()),
                Values.positiveDecimal("maxPosition", config.maxPosition()),
                config.spreadBps(),
                config.requoteThresholdBps(),
                config.skewBps(),
                Values.positiveDecimal("tickSize", config.tickSize()),
                Values.range("rejectBackoffMillis", config.rejectBackoffMillis(), 0, 3_600_000) * 1_000_000);
    }
}
