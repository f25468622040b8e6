package io.livestack.strategy.host.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the strategy host, PID {@value StrategyHost#PID} (optional: the defaults work). */
@ObjectClassDefinition(
        name = "Live Stack strategy host",
        description = "How the strategy host contains faulty and slow strategies.")
public @interface StrategyHostConfig {

    @AttributeDefinition(
            name = "Max consecutive faults",
            description = "A strategy whose callbacks throw this many times in a row is stopped (at least 1).")
    int maxConsecutiveFaults() default 3;

    @AttributeDefinition(
            name = "Slow event warning (microseconds)",
            description = "Log a warning when a strategy's onEvent takes longer than this and sets a new maximum"
                    + " for that strategy (0 disables the warning; the timing is measured either way).")
    long slowEventWarnMicros() default 10_000;

    @AttributeDefinition(
            name = "Fault stack frames",
            description = "How many stack frames a STRATEGY_FAULT record keeps per throwable (1 to 50).")
    int faultStackFrames() default 8;
}
