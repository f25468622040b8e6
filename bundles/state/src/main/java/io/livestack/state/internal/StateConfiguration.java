package io.livestack.state.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the state stage, PID {@value #PID} (optional: {@code etc/livestack.state.cfg}; every key has a
 * default). Validated by {@link RecoveryGate#checkedWait}, which names the key and the bad value.
 */
@ObjectClassDefinition(id = StateConfiguration.PID, name = "Live Stack state",
        description = "The state stage: order books, orders, positions and P&L, rebuilt from storage at start")
public @interface StateConfiguration {

    String PID = "livestack.state";
    String RECOVERY_WAIT_MS = "recovery.waitMs";
    long DEFAULT_RECOVERY_WAIT_MS = 15_000;

    @AttributeDefinition(name = "Recovery wait (ms)", min = "0",
            description = "How long after it starts the state holds the chain (no event is processed) waiting for "
                    + "the storage's record recovery service, so that stored open orders and positions are loaded "
                    + "before the first event. It stops waiting as soon as a recovery was applied; when none comes "
                    + "within this time it starts without. 0 = do not wait (no storage installed)")
    long recovery_waitMs() default DEFAULT_RECOVERY_WAIT_MS;
}
