package io.livestack.api.history;

import io.livestack.api.model.TradingDay;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time range [{@code since}, {@code until}) in epoch nanoseconds, and how an operator writes its ends. Without
 * either end it is the current trading day; with {@code since} alone it runs to the end of the current trading day;
 * with {@code until} alone it is the trading day that ends there (the one containing the instant before it). An end
 * is one of:
 * <ul>
 * <li>an instant with its offset: {@code 2026-12-08T09:00:00Z}, {@code 2026-12-08T10:00+01:00};</li>
 * <li>a date and time in the trading day's zone: {@code 2026-12-08T09:00}, {@code 2026-12-08 09:00:30};</li>
 * <li>a date: the start of the trading day that starts on it ({@code 2026-12-08});</li>
 * <li>{@code today} / {@code yesterday}: the start of the current / previous trading day; {@code now};</li>
 * <li>a time ago: {@code -30s}, {@code -15m}, {@code -2h}, {@code -1d} (24 hours).</li>
 * </ul>
 */
public record HistoryRange(long since, long until) {

    private static final Pattern AGO = Pattern.compile("-(\\d{1,9})([smhd])");

    public HistoryRange {
        if (since >= until) {
            throw new IllegalArgumentException("the range is empty: since " + text(since) + " is not before until "
                    + text(until));
        }
    }

    /** The trading day that contains {@code nowNanos}. */
    public static HistoryRange day(TradingDay day, long nowNanos) {
        return new HistoryRange(day.startOf(nowNanos), day.endOf(nowNanos));
    }

    /**
     * The range an operator asked for: {@code sinceText} and {@code untilText} as above, null or blank when not
     * given. A bad end is an IllegalArgumentException naming it, its value and what it may be.
     */
    public static HistoryRange parse(String sinceText, String untilText, TradingDay day, long nowNanos) {
        Objects.requireNonNull(day, "day");
        boolean hasSince = sinceText != null && !sinceText.isBlank();
        boolean hasUntil = untilText != null && !untilText.isBlank();
        long until = hasUntil ? bound(untilText, "until", day, nowNanos) : day.endOf(nowNanos);
        long since = hasSince ? bound(sinceText, "since", day, nowNanos)
                : hasUntil ? day.startOf(until - 1) : day.startOf(nowNanos);
        if (since >= until) {
            throw new IllegalArgumentException("the range is empty: since " + (hasSince ? "'" + sinceText.trim()
                    + "' (" + text(since) + ")" : text(since)) + " is not before until " + (hasUntil ? "'"
                    + untilText.trim() + "' (" + text(until) + ")" : text(until)));
        }
        return new HistoryRange(since, until);
    }

    /** One end of a range ({@code what}: since or until), in epoch nanoseconds. */
    public static long bound(String text, String what, TradingDay day, long nowNanos) {
        String t = text == null ? "" : text.trim();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "now":
                return nowNanos;
            case "today":
                return day.startOf(nowNanos);
            case "yesterday":
                return day.startOn(day.dateOf(nowNanos).minusDays(1));
            default:
                break;
        }
        Matcher ago = AGO.matcher(t);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            long unit = switch (ago.group(2)) {
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> 86_400_000_000_000L;
            };
            try {
                return Math.subtractExact(nowNanos, Math.multiplyExact(n, unit));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + " '" + t + "' is too long ago");
            }
        }
        try {
            if (t.length() == 10) {
                return day.startOn(LocalDate.parse(t));
            }
            String iso = t.replace(' ', 'T');
            if (iso.endsWith("Z") || iso.endsWith("z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
                return nanos(OffsetDateTime.parse(iso.toUpperCase(Locale.ROOT)).toInstant());
            }
            return nanos(LocalDateTime.parse(iso).atZone(day.zone()).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " '" + t + "' is not a time: write an instant ("
                    + "2026-12-08T09:00:00Z), a date and time in the trading day's zone " + day.zone().getId()
                    + " (2026-12-08T09:00), a date (2026-12-08: that trading day's start, " + day.start()
                    + "), today, yesterday, now, or a time ago (-30m, -2h, -1d)");
        }
    }

    /** An epoch-nanos instant as ISO-8601 UTC ({@code 2026-12-08T09:00:00Z}). */
    public static String text(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }

    private static long nanos(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }
}
