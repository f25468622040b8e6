package io.livestack.strategies.examples.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import java.math.BigInteger;

/** Configuration parsing that names the key and the bad value, and the small fixed-point helpers both strategies use. */
final class Values {

    static final long BPS = 10_000;

    private Values() {
    }

    static StrategyId strategyId(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + " is required (the strategy's unique id), got an empty value");
        }
        try {
            return StrategyId.of(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a valid id: " + e.getMessage(), e);
        }
    }

    static VenueId venue(String key, String text) {
        try {
            return VenueId.of(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a valid venue id: " + e.getMessage(), e);
        }
    }

    static InstrumentId instrument(String key, String text) {
        try {
            return InstrumentId.of(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a valid instrument id: "
                    + e.getMessage(), e);
        }
    }

    /** A strictly positive decimal, parsed exactly with {@link Fixed#parse}. */
    static long positiveDecimal(String key, String text) {
        long value;
        try {
            value = Fixed.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got '" + text + "'");
        }
        return value;
    }

    static long range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** a × b / c, exact before the final truncation toward zero. */
    static long mulDiv(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** {@code bps} basis points of {@code value}. */
    static long bps(long value, long bps) {
        return mulDiv(value, bps, BPS);
    }

    /** Whether {@code value} differs from {@code reference} by more than {@code bps} basis points of it. */
    static boolean movedMoreThan(long value, long reference, long bps) {
        return Math.abs(value - reference) > bps(Math.abs(reference), bps);
    }

    static long floorToTick(long price, long tick) {
        return price - Math.floorMod(price, tick);
    }

    static long ceilToTick(long price, long tick) {
        long floor = floorToTick(price, tick);
        return floor == price ? price : floor + tick;
    }

    /**
     * The tick for the instrument at the venue around {@code price}: the reference data's (etc/livestack.refdata.cfg,
     * through the state view) when it has one, else {@code configured} (the strategy's own tickSize).
     */
    static long tick(io.livestack.api.state.StateView state, io.livestack.api.model.VenueId venue,
            io.livestack.api.model.InstrumentId instrument, long price, long configured) {
        io.livestack.api.state.InstrumentSpec spec = state.instrumentSpec(venue, instrument);
        long tick = spec == null ? 0 : spec.tickAt(price);
        return tick > 0 ? tick : configured;
    }
}
