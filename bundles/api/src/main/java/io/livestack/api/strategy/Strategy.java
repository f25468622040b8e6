package io.livestack.api.strategy;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.risk.RejectReason;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A trading strategy, registered as an OSGi service (usually one per factory configuration
 * {@code livestack.strategy.<kind>}) with the service property {@value #ID_PROPERTY}. The strategy host calls it
 * on the processing thread only. It sees events and state and emits intents through its {@link StrategyContext};
 * it never talks to a venue. An exception thrown from any method is contained: recorded as a fault, and the
 * strategy is stopped after repeated faults; the chain goes on.
 */
@ConsumerType
public interface Strategy {

    String ID_PROPERTY = "livestack.strategy.id";

    /** Enabled: may trade from now on. */
    default void onStart(StrategyContext context) {
    }

    /** Every event after intake and state derivation: market data, execution reports, session events, timers. */
    void onEvent(Sequenced event, StrategyContext context);

    /** One of this strategy's intents was refused (risk or execution control). */
    default void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
    }

    /** Disabled: no more intents are accepted from it. Its open orders stay unless it cancels them here. */
    default void onStop(StrategyContext context) {
    }
}
