package io.livestack.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.TradingDay;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class HistoryRangeTest {

    static final TradingDay LONDON_8 = new TradingDay(LocalTime.of(8, 0), ZoneId.of("Europe/London"));
    static final long NOW = nanos("2026-12-08T15:30:00Z");

    @Test
    void withoutEndsItIsTheCurrentTradingDay() {
        HistoryRange r = HistoryRange.parse(null, " ", LONDON_8, NOW);
        assertThat(r).isEqualTo(new HistoryRange(nanos("2026-12-08T08:00:00Z"), nanos("2026-12-09T08:00:00Z")));
        assertThat(HistoryRange.day(LONDON_8, NOW)).isEqualTo(r);
    }

    @Test
    void sinceAloneRunsToTheEndOfTodayAndUntilAloneIsTheDayEndingThere() {
        assertThat(HistoryRange.parse("-2h", null, LONDON_8, NOW))
                .isEqualTo(new HistoryRange(nanos("2026-12-08T13:30:00Z"), nanos("2026-12-09T08:00:00Z")));
        assertThat(HistoryRange.parse(null, "2026-12-08", LONDON_8, NOW)).as("yesterday's trading day")
                .isEqualTo(new HistoryRange(nanos("2026-12-07T08:00:00Z"), nanos("2026-12-08T08:00:00Z")));
    }

    @Test
    void everyFormOfAnEnd() {
        assertThat(bound("2026-12-08T09:00:00Z")).isEqualTo(nanos("2026-12-08T09:00:00Z"));
        assertThat(bound("2026-12-08T10:00+01:00")).isEqualTo(nanos("2026-12-08T09:00:00Z"));
        assertThat(bound("2026-12-08T04:00:00.5-05:00")).isEqualTo(nanos("2026-12-08T09:00:00.5Z"));
        assertThat(bound("2026-07-08T09:00")).as("local time in the zone (BST)")
                .isEqualTo(nanos("2026-07-08T08:00:00Z"));
        assertThat(bound("2026-12-08 09:00:30")).isEqualTo(nanos("2026-12-08T09:00:30Z"));
        assertThat(bound("2026-12-01")).as("that trading day's start").isEqualTo(nanos("2026-12-01T08:00:00Z"));
        assertThat(bound("today")).isEqualTo(nanos("2026-12-08T08:00:00Z"));
        assertThat(bound("Yesterday")).isEqualTo(nanos("2026-12-07T08:00:00Z"));
        assertThat(bound("now")).isEqualTo(NOW);
        assertThat(bound("-30s")).isEqualTo(NOW - 30_000_000_000L);
        assertThat(bound("-15m")).isEqualTo(nanos("2026-12-08T15:15:00Z"));
        assertThat(bound("-1d")).isEqualTo(nanos("2026-12-07T15:30:00Z"));
    }

    @Test
    void aBadEndIsNamedWithWhatItMayBe() {
        assertThatThrownBy(() -> HistoryRange.parse("2026-13-01", null, LONDON_8, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("since '2026-13-01' is not a time: write an instant (2026-12-08T09:00:00Z), "
                        + "a date and time in the trading day's zone Europe/London (2026-12-08T09:00), a date "
                        + "(2026-12-08: that trading day's start, 08:00)");
        assertThatThrownBy(() -> HistoryRange.parse(null, "2h", LONDON_8, NOW))
                .hasMessageStartingWith("until '2h' is not a time");
        assertThatThrownBy(() -> HistoryRange.parse("-99999999d", null, LONDON_8, NOW))
                .hasMessage("since '-99999999d' is too long ago");
        assertThatThrownBy(() -> HistoryRange.parse("9999-01-01", null, LONDON_8, NOW))
                .hasMessageStartingWith("since '9999-01-01' is not a time");
        assertThatThrownBy(() -> HistoryRange.parse("now", "-1h", LONDON_8, NOW))
                .hasMessage("the range is empty: since 'now' (2026-12-08T15:30:00Z) is not before until '-1h' "
                        + "(2026-12-08T14:30:00Z)");
    }

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static long bound(String text) {
        return HistoryRange.bound(text, "since", LONDON_8, NOW);
    }
}
