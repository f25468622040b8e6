package io.livestack.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void entriesLeaveTheWindowAfterOneSecondOfEventTime() {
        RateWindow window = new RateWindow();
        window.advance(0, 2);
        window.add(0);
        window.advance(500, 2);
        window.add(500);
        window.advance(999_999_999, 2);
        assertThat(window.full()).isTrue();
        window.advance(1_000_000_000, 2);
        assertThat(window.full()).isFalse();
        assertThat(window.count()).isEqualTo(1);
    }

    @Test
    void shrinkingTheLimitKeepsTheNewestEntries() {
        RateWindow window = new RateWindow();
        window.advance(0, 5);
        for (int i = 1; i <= 5; i++) {
            window.add(i);
        }
        window.advance(10, 2);
        assertThat(window.count()).isEqualTo(2);
        assertThat(window.oldest()).isEqualTo(4);
        assertThat(window.full()).isTrue();

        window.advance(10, 4);
        assertThat(window.count()).isEqualTo(2);
        assertThat(window.full()).isFalse();
    }

    @Test
    void aClockGoingBackwardsKeepsEntriesInTheWindow() {
        RateWindow window = new RateWindow();
        window.advance(1_000, 1);
        window.add(1_000);
        window.advance(10, 1);
        assertThat(window.full()).isTrue();
    }
}
