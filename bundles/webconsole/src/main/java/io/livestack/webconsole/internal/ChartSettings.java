package io.livestack.webconsole.internal;

/** The charts' sample interval and history length from the web console's configuration, checked. */
final class ChartSettings {

    static final long MIN_INTERVAL_MILLIS = 100;
    static final long MAX_INTERVAL_MILLIS = 60_000;
    static final int MAX_HISTORY_MINUTES = 24 * 60;
    /** Points kept per series at most, whatever the configuration says (memory and page size stay bounded). */
    static final int MAX_POINTS = 86_400;

    private ChartSettings() {
    }

    static long intervalMillis(WebConsoleConfig config) {
        long v = config.chartIntervalMillis();
        if (v < MIN_INTERVAL_MILLIS || v > MAX_INTERVAL_MILLIS) {
            throw new IllegalArgumentException("livestack.webconsole chartIntervalMillis = " + v + ": must be "
                    + MIN_INTERVAL_MILLIS + " to " + MAX_INTERVAL_MILLIS);
        }
        return v;
    }

    static int capacity(WebConsoleConfig config) {
        int minutes = config.chartHistoryMinutes();
        if (minutes < 1 || minutes > MAX_HISTORY_MINUTES) {
            throw new IllegalArgumentException("livestack.webconsole chartHistoryMinutes = " + minutes
                    + ": must be 1 to " + MAX_HISTORY_MINUTES);
        }
        long points = minutes * 60_000L / intervalMillis(config);
        return (int) Math.max(1, Math.min(MAX_POINTS, points));
    }
}
