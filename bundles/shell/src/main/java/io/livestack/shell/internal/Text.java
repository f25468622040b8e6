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

    static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
