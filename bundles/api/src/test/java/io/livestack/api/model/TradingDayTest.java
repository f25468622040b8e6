package io.livestack.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TradingDayTest {

    static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void midnightUtcIsTheCalendarDay() {
        TradingDay day = TradingDay.MIDNIGHT_UTC;
        long noon = nanos("2026-12-08T12:00:00Z");
        assertThat(day.startOf(noon)).isEqualTo(nanos("2026-12-08T00:00:00Z"));
        assertThat(day.endOf(noon)).isEqualTo(nanos("2026-12-09T00:00:00Z"));
        assertThat(day.dateOf(noon)).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(day.startOf(nanos("2026-12-08T00:00:00Z"))).as("the start belongs to its day")
                .isEqualTo(nanos("2026-12-08T00:00:00Z"));
        assertThat(day.startOf(nanos("2026-12-08T00:00:00Z") - 1)).isEqualTo(nanos("2026-12-07T00:00:00Z"));
        assertThat(day).hasToString("00:00 UTC");
    }

    @Test
    void aDayStartingInTheEveningIsNamedByTheDateItStartsOn() {
        TradingDay day = new TradingDay(LocalTime.of(17, 0), ZoneId.of("America/New_York"));
        long morning = nanos("2026-12-08T14:00:00Z"); // 09:00 in New York
        assertThat(day.startOf(morning)).isEqualTo(nanos("2026-12-07T22:00:00Z"));
        assertThat(day.endOf(morning)).isEqualTo(nanos("2026-12-08T22:00:00Z"));
        assertThat(day.dateOf(morning)).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(day.startOn(LocalDate.of(2026, 12, 8))).isEqualTo(nanos("2026-12-08T22:00:00Z"));
    }

    @Test
    void daylightSavingChangesKeepEveryInstantInExactlyOneDay() {
        ZoneId london = ZoneId.of("Europe/London");
        // 2026-03-29: 01:00 GMT -> 02:00 BST (01:30 does not exist); 2026-10-25: 02:00 BST -> 01:00 GMT (01:30 twice)
        TradingDay day = new TradingDay(LocalTime.of(1, 30), london);
        long skippedStart = day.startOn(LocalDate.of(2026, 3, 29));
        assertThat(skippedStart).as("moved forward by the gap").isEqualTo(nanos("2026-03-29T01:30:00Z"));
        assertThat(day.startOf(nanos("2026-03-29T01:10:00Z"))).as("02:10 BST: before the moved start")
                .isEqualTo(day.startOn(LocalDate.of(2026, 3, 28)));
        long firstStart = day.startOn(LocalDate.of(2026, 10, 25));
        assertThat(firstStart).as("the first 01:30").isEqualTo(nanos("2026-10-25T00:30:00Z"));
        assertThat(day.startOf(nanos("2026-10-25T01:10:00Z"))).as("the second 01:10, after the day started")
                .isEqualTo(firstStart);
        for (long t = nanos("2026-03-27T00:00:00Z"); t < nanos("2026-03-31T00:00:00Z"); t += 600_000_000_000L) {
            assertThat(day.startOf(t)).isLessThanOrEqualTo(t);
            assertThat(day.endOf(t)).isGreaterThan(t);
        }
        for (long t = nanos("2026-10-23T00:00:00Z"); t < nanos("2026-10-27T00:00:00Z"); t += 600_000_000_000L) {
            assertThat(day.startOf(t)).isLessThanOrEqualTo(t);
            assertThat(day.endOf(t)).isGreaterThan(t);
        }
    }
}
