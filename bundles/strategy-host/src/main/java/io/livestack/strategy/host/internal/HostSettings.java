package io.livestack.strategy.host.internal;

/** The validated host configuration. */
record HostSettings(int maxConsecutiveFaults, long slowEventWarnNanos, int faultStackFrames) {

    static final HostSettings DEFAULTS = new HostSettings(3, 10_000_000L, 8);

    HostSettings {
        if (maxConsecutiveFaults < 1) {
            throw new IllegalArgumentException(
                    "maxConsecutiveFaults must be at least 1, got " + maxConsecutiveFaults);
        }
        if (slowEventWarnNanos < 0) {
            throw new IllegalArgumentException("slowEventWarnMicros must not be negative, got "
                    + slowEventWarnNanos / 1_000);
        }
        if (faultStackFrames < 1 || faultStackFrames > 50) {
            throw new IllegalArgumentException("faultStackFrames must be between 1 and 50, got " + faultStackFrames);
        }
    }

    /** From text values (a journaled configuration); absent keys keep {@code current}'s. */
    static HostSettings from(java.util.Map<String, String> p, HostSettings current) {
        return new HostSettings(integer(p, "maxConsecutiveFaults", current.maxConsecutiveFaults()),
                Math.multiplyExact(number(p, "slowEventWarnMicros", current.slowEventWarnNanos() / 1_000), 1_000L),
                integer(p, "faultStackFrames", current.faultStackFrames()));
    }

    /** The settings as text (what is journaled). */
    java.util.Map<String, String> text() {
        return java.util.Map.of("maxConsecutiveFaults", Integer.toString(maxConsecutiveFaults),
                "slowEventWarnMicros", Long.toString(slowEventWarnNanos / 1_000),
                "faultStackFrames", Integer.toString(faultStackFrames));
    }

    private static long number(java.util.Map<String, String> p, String key, long current) {
        String v = p.get(key);
        if (v == null) {
            return current;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = '" + v + "' is not a whole number", e);
        }
    }

    private static int integer(java.util.Map<String, String> p, String key, int current) {
        return Math.toIntExact(number(p, key, current));
    }

    static HostSettings from(StrategyHostConfig config) {
        long micros = config.slowEventWarnMicros();
        if (micros < 0 || micros > Long.MAX_VALUE / 1_000) {
            throw new IllegalArgumentException("slowEventWarnMicros must be between 0 and "
                    + Long.MAX_VALUE / 1_000 + ", got " + micros);
        }
        return new HostSettings(config.maxConsecutiveFaults(), micros * 1_000, config.faultStackFrames());
    }
}
