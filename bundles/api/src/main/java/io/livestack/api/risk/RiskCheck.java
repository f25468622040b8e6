package io.livestack.api.risk;

import io.livestack.api.intent.Intent;
import io.livestack.api.state.StateView;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An extra pre-trade check, registered as an OSGi service from any bundle; the risk stage runs it after the built-in
 * checks, on the processing thread, for every submit and replace intent. It must be fast and must not block; a
 * check that throws rejects the intent (fail closed) with {@link RejectReason#CUSTOM_CHECK}.
 */
@ConsumerType
public interface RiskCheck {

    String name();

    RiskDecision check(Intent intent, StateView state, long nowNanos);
}
