package io.livestack.api.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The trading day: it starts every day at {@code start} (a local time) in {@code zone} and ends where the next one
 * starts. A trading day is named by the date it starts on. Configured once, as {@code tradingDayStart} and
 * {@code tradingDayZone} of {@code etc/livestack.risk.cfg} ({@link io.livestack.api.risk.RiskStage#tradingDay()}):
 * what {@code maxDailyLoss} counts from and what "today" means to the operator's views of orders and fills. A start
 * time that a daylight-saving change skips on some date is moved forward by the length of the gap that day
 * ({@link java.time.ZonedDateTime}'s rule). Times are epoch nanoseconds.
 */
public record TradingDay(LocalTime start, ZoneId zone) {

    /** Midnight UTC: the default of {@code tradingDayStart = 00:00} and {@code tradingDayZone = UTC}. */
    public static final TradingDay MIDNIGHT_UTC = new TradingDay(LocalTime.MIDNIGHT, ZoneId.of("UTC"));

    public TradingDay {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
    }

    /** The start of the trading day that contains {@code epochNanos}. */
    public long startOf(long epochNanos) {
        return startOn(dateOf(epochNanos));
    }

    /** The end (exclusive) of the trading day that contains {@code epochNanos}: the next day's start. */
    public long endOf(long epochNanos) {
        return startOn(dateOf(epochNanos).plusDays(1));
    }

    /**
     * The start of the trading day that starts on {@code date}; an ArithmeticException for a date beyond epoch
     * nanoseconds (after 2262).
     */
    public long startOn(LocalDate date) {
        Instant i = date.atTime(start).atZone(zone).toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    /**
     * The date the trading day that contains {@code epochNanos} starts on (its name): the local date, or the day
     * before when that date's start is still to come (also right where a daylight-saving change repeats or skips
     * the start time).
     */
    public LocalDate dateOf(long epochNanos) {
        LocalDate local = Instant.ofEpochSecond(0, epochNanos).atZone(zone).toLocalDate();
        return startOn(local) <= epochNanos ? local : local.minusDays(1);
    }

    /** "00:00 UTC", "17:00 America/New_York". */
    @Override
    public String toString() {
        return start + " " + zone.getId();
    }
}
