package io.livestack.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedTest {

    private static final BigInteger SCALE = BigInteger.valueOf(Fixed.SCALE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    @Test
    void multiplyTruncatesTowardZeroAtTheEighthDecimal() {
        assertThat(Fixed.multiply(Fixed.parse("30000"), Fixed.parse("0.5"))).isEqualTo(Fixed.parse("15000"));
        assertThat(Fixed.multiply(Fixed.parse("0.00000001"), Fixed.parse("0.5"))).isZero();
        assertThat(Fixed.multiply(Fixed.parse("-2650.01"), Fixed.parse("1.00000001")))
                .isEqualTo(Fixed.parse("-2650.01002650"));
    }

    @Test
    void multiplyOfProductsBeyond64BitsIsExact() {
        // 2650 x 1 needs 2.65e19 before scaling: more than a long holds
        assertThat(Fixed.multiply(Fixed.of(2650), Fixed.of(1))).isEqualTo(Fixed.of(2650));
        assertThat(Fixed.multiply(Fixed.parse("30123.45678901"), Fixed.parse("-7.5")))
                .isEqualTo(Fixed.parse("-225925.92591757"));
    }

    @Test
    void multiplyMatchesExactBigIntegerArithmeticEverywhere() {
        SplittableRandom random = new SplittableRandom(4711);
        List<Long> edges = new ArrayList<>(List.of(0L, 1L, -1L, Fixed.SCALE, -Fixed.SCALE, Fixed.SCALE - 1,
                1 - Fixed.SCALE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE / Fixed.SCALE,
                Long.MIN_VALUE / Fixed.SCALE, 3_037_000_499L, -3_037_000_499L, 92_233_720_368L));
        for (long a : edges) {
            for (long b : edges) {
                check(a, b);
            }
        }
        for (int i = 0; i < 300_000; i++) {
            // magnitudes from 1 to 2^63, both signs: prices, quantities, notionals and beyond
            long a = random.nextLong() >> random.nextInt(64);
            long b = random.nextLong() >> random.nextInt(64);
            check(a, b);
        }
    }

    private static void check(long a, long b) {
        BigInteger exact = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).divide(SCALE);
        if (exact.compareTo(MIN) < 0 || exact.compareTo(MAX) > 0) {
            assertThatThrownBy(() -> Fixed.multiply(a, b)).as(a + " x " + b)
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("overflows");
        } else if (Fixed.multiply(a, b) != exact.longValueExact()) { // (AssertJ only on failure: 300k checks)
            assertThat(Fixed.multiply(a, b)).as(a + " x " + b).isEqualTo(exact.longValueExact());
        }
    }
}
