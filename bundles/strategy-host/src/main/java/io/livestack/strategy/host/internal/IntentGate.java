package io.livestack.strategy.host.internal;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.ProcessingContext;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a strategy may emit: the host alone decides whether a strategy may trade. Intents of a strategy that is not
 * running (stopped, or its service gone) are refused with {@link RejectReason#STRATEGY_NOT_RUNNING}; a strategy
 * inside its {@code onStop} may still cancel. A new order trades for the strategy's configured {@code account}, which
 * overrides the strategy's own choice (none configured: the order is left as it is, the chain gives it its venue's
 * account); while that key holds an invalid account the strategy's new orders are refused. Everything else goes to the chain's intent consumer, whose time (risk,
 * execution, the venue hand-off, all inline) is measured so that it is not charged to the strategy. Processing
 * thread only.
 */
final class IntentGate {

    private static final Logger LOG = LoggerFactory.getLogger(IntentGate.class);

    private final LongSupplier nanoClock;

    /** @param nanoClock the monotonic clock of the per-strategy time measurement (no logic depends on it) */
    IntentGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void emit(HostedStrategy owner, Intent emitted, ProcessingContext context, Consumer<Intent> intents) {
        Intent intent = emitted;
        Lifecycle lifecycle = owner.lifecycle;
        if (owner.detached || lifecycle == Lifecycle.STOPPED) {
            refuse(intent, RejectReason.STRATEGY_NOT_RUNNING, "strategy " + owner.id + " is not running", context);
            return;
        }
        if (lifecycle == Lifecycle.STOPPING && !(intent instanceof CancelOrder)) {
            refuse(intent, RejectReason.STRATEGY_NOT_RUNNING,
                    "strategy " + owner.id + " is stopping: only cancels are accepted", context);
            return;
        }
        if (intent instanceof SubmitOrder submit) {
            if (owner.accountProblem != null) {
                refuse(intent, RejectReason.STRATEGY_NOT_RUNNING, owner.accountProblem, context);
                return;
            }
            if (owner.account != null) {
                intent = submit.withAccount(owner.account);
            }
        }
        if (intents == null) {
            refuse(intent, RejectReason.EXECUTION_UNAVAILABLE,
                    "the chain has not given the strategy host an intent consumer yet", context);
            return;
        }
        owner.intents++;
        long started = nanoClock.getAsLong(); // measurement only
        try {
            intents.accept(intent);
        } finally {
            owner.downstreamNanos += nanoClock.getAsLong() - started;
        }
    }

    private static void refuse(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
        LOG.debug("Refused {}: {} ({})", intent, reason, detail);
        context.record(new RiskRejectionRecord(context.seq(), context.now(), intent, reason, detail));
    }
}
