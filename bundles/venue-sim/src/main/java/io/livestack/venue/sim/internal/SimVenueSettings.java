package io.livestack.venue.sim.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The validated simulated venue configuration; prices and quantities fixed-point. */
record SimVenueSettings(VenueId venue, Map<InstrumentId, Long> instruments, long tickSize, int spreadTicks,
        int volatilityBps, long marketDataIntervalMillis, int depthLevels, long liquidityPerLevel,
        long latencyMillis, long seed, int snapshotEverySteps, long reconcileTimeoutMillis) {

    SimVenueSettings {
        Objects.requireNonNull(venue, "venue");
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("instruments must name at least one SYMBOL:PRICE");
        }
        instruments = Collections.unmodifiableMap(new TreeMap<>(instruments));
        positive("tickSize", tickSize);
        range("spreadTicks", spreadTicks, 1, 1_000);
        range("volatilityBps", volatilityBps, 0, 1_000);
        range("marketDataIntervalMillis", marketDataIntervalMillis, 10, 60_000);
        range("depthLevels", depthLevels, 1, 50);
        positive("liquidityPerLevel", liquidityPerLevel);
        range("latencyMillis", latencyMillis, 0, 10_000);
        range("snapshotEverySteps", snapshotEverySteps, 1, 10_000);
        range("reconcileTimeoutMillis", reconcileTimeoutMillis, 0, 600_000);
        for (Map.Entry<InstrumentId, Long> e : instruments.entrySet()) {
            if (e.getValue() / tickSize <= depthLevels + spreadTicks) {
                throw new IllegalArgumentException("instruments: the initial price of " + e.getKey() + " ("
                        + Fixed.format(e.getValue()) + ") must be more than " + (depthLevels + spreadTicks)
                        + " ticks of " + Fixed.format(tickSize));
            }
        }
    }

    static SimVenueSettings from(SimVenueConfig config) {
        return new SimVenueSettings(
                venueId(config.venue()),
                parseInstruments(config.instruments()),
                decimal("tickSize", config.tickSize()),
                config.spreadTicks(),
                config.volatilityBps(),
                config.marketDataIntervalMillis(),
                config.depthLevels(),
                decimal("liquidityPerLevel", config.liquidityPerLevel()),
                config.latencyMillis(),
                config.seed(),
                config.snapshotEverySteps(),
                config.reconcileTimeoutMillis());
    }

    static VenueId venueId(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("venue is required (the venue id), got an empty value");
        }
        try {
            return VenueId.of(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venue: '" + text + "' is not a valid venue id: "
                    + e.getMessage(), e);
        }
    }

    /** "BTC-USD:50000, ETH-USD:3000" to instrument → initial price. */
    static Map<InstrumentId, Long> parseInstruments(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("instruments must name at least one SYMBOL:PRICE, got an empty value");
        }
        Map<InstrumentId, Long> result = new TreeMap<>();
        for (String item : text.split(",")) {
            String entry = item.trim();
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("instruments: '" + entry + "' is not SYMBOL:PRICE (in '" + text
                        + "')");
            }
            InstrumentId instrument;
            try {
                instrument = InstrumentId.of(entry.substring(0, colon).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("instruments: '" + entry + "' has an invalid symbol: "
                        + e.getMessage(), e);
            }
            long price = decimal("instruments", entry.substring(colon + 1));
            if (result.put(instrument, price) != null) {
                throw new IllegalArgumentException("instruments: " + instrument + " is listed twice in '" + text
                        + "'");
            }
        }
        return result;
    }

    private static long decimal(String key, String text) {
        try {
            return Fixed.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + Fixed.format(value));
        }
    }

    private static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
