package io.livestack.shell.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.state.OrderView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How values read in tables. */
final class Text {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String fixed(long value) {
        return Fixed.format(value);
    }

    static String price(OrderView o) {
        return o.type() == OrderType.MARKET ? "MKT" : Fixed.format(o.price());
    }

    /** Epoch nanos as UTC time; "-" for 0. */
    static String time(long epochNanos) {
        return epochNanos == 0 ? "-" : TIME.format(Instant.ofEpochSecond(0, epochNanos));
    }

    /**
     * A range as the operator reads it: {@code in the trading day 2026-12-08 (from 00:00 UTC)} when it is one, else
     * {@code from 2026-12-08T09:00:00Z to 2026-12-08T10:00:00Z}.
     */
    static String range(long since, long until, io.livestack.api.model.TradingDay day) {
        if (day.startOf(since) == since && day.endOf(since) == until) {
            return "in the trading day " + day.dateOf(since) + " (from " + day + ")";
        }
        return "from " + io.livestack.api.history.HistoryRange.text(since) + " to "
                + io.livestack.api.history.HistoryRange.text(until);
    }

    static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
