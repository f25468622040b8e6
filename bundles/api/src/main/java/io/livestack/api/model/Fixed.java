package io.livestack.api.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Prices, quantities and money are exact fixed-point {@code long}s with {@link #DECIMALS} decimal places: the value
 * 1.5 is stored as {@code 150_000_000}. No {@code double} ever carries money. Conversions at the edges (FIX, config,
 * shell, storage) go through {@link BigDecimal} and refuse anything that would lose precision.
 */
public final class Fixed {

    public static final int DECIMALS = 8;
    public static final long SCALE = 100_000_000L;
    private static final BigInteger BIG_SCALE = BigInteger.valueOf(SCALE);

    private Fixed() {
    }

    /** Whole units, e.g. {@code of(100)} is 100.0. */
    public static long of(long units) {
        return Math.multiplyExact(units, SCALE);
    }

    /** Exact conversion; throws if {@code value} has more than {@link #DECIMALS} decimals or does not fit. */
    public static long fromBigDecimal(BigDecimal value) {
        try {
            return value.setScale(DECIMALS, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + value.toPlainString() + "' is not representable with "
                    + DECIMALS + " decimals in 64 bits", e);
        }
    }

    /** Parses a decimal string such as "101.25"; a clear error names the bad text. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a decimal number, got an empty value");
        }
        try {
            return fromBigDecimal(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number", e);
        }
    }

    public static BigDecimal toBigDecimal(long value) {
        return BigDecimal.valueOf(value, DECIMALS);
    }

    /** Plain decimal text without trailing zeros, e.g. "101.25", "3". */
    public static String format(long value) {
        BigDecimal d = toBigDecimal(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** price × quantity as a fixed-point value, truncated toward zero at the 8th decimal; throws on overflow. */
    public static long multiply(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / SCALE;
        }
        // The product needs 128 bits (e.g. any notional above 92.23 units): with a = q * SCALE + r (r has the sign
        // of a), a * b / SCALE = q * b + r * b / SCALE, and q * b and r * b have the same sign, so truncating the
        // second term truncates the whole. Exact, and no BigInteger on the hot path while r * b fits in 64 bits.
        long q = a / SCALE;
        long r = a % SCALE;
        long rbHi = Math.multiplyHigh(r, b);
        long rb = r * b;
        if ((rbHi == 0 && rb >= 0) || (rbHi == -1 && rb < 0)) {
            try {
                return Math.addExact(Math.multiplyExact(q, b), rb / SCALE);
            } catch (ArithmeticException e) {
                throw new ArithmeticException("fixed-point product overflows: " + format(a) + " x " + format(b));
            }
        }
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(BIG_SCALE);
        try {
            return product.longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("fixed-point product overflows: " + format(a) + " x " + format(b));
        }
    }

    /** a / b as a fixed-point value (e.g. notional / quantity = average price), truncated toward zero. */
    public static long divide(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        long hi = Math.multiplyHigh(a, SCALE);
        long lo = a * SCALE;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / b;
        }
        return BigInteger.valueOf(a).multiply(BIG_SCALE).divide(BigInteger.valueOf(b)).longValueExact();
    }
}
