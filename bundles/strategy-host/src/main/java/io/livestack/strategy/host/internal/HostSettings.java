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

    static HostSettings from(StrategyHostConfig config) {
        long micros = config.slowEventWarnMicros();
        if (micros < 0 || micros > Long.MAX_VALUE / 1_000) {
            throw new IllegalArgumentException("slowEventWarnMicros must be between 0 and "
                    + Long.MAX_VALUE / 1_000 + ", got " + micros);
        }
        return new HostSettings(config.maxConsecutiveFaults(), micros * 1_000, config.faultStackFrames());
    }
}
