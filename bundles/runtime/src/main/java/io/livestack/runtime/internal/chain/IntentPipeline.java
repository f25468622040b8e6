package io.livestack.runtime.internal.chain;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.state.OrderView;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The way of an intent: session → risk → execution control → venue, in one pass, one direction. The chain itself
 * checks only what no stage owns: new orders and replaces need a journal that can be written (JOURNAL_UNAVAILABLE:
 * an order the journal does not hold could not be recovered) and a RUNNING session (SESSION_NOT_RUNNING). Risk checks
 * what the intent asks for (with a read-only state), execution control what it would do to an order and a venue, and
 * sends it; a missing stage is its fail-closed stand-in. A stage that throws is a fault blamed on it, and the intent
 * is refused (RISK_UNAVAILABLE, EXECUTION_UNAVAILABLE) — except a cancel, which a failing risk stage does not hold
 * back. A new order without an account (its strategy's configuration names none, or an operator's) gets its
 * venue's configured {@code account}, else {@link AccountId#DEFAULT}, before risk sees it (a venue whose configured
 * account is invalid refuses it: VENUE_NOT_READY). Every refusal is recorded (RiskRejectionRecord), counted, and told to the strategy (not for an operator's
 * manual intent). Processing thread only.
 */
public final class IntentPipeline implements Consumer<Intent> {

    private final ChainContext context;
    private final Supplier<Stages> stages;
    private final Supplier<SessionState> session;
    private final Faults faults;
    private final ChainCounters counters;
    private final TickToOrder tickToOrder;
    private final ChainJournal journal;
    private final Function<VenueId, AccountId> venueAccounts;

    /** @param venueAccounts the account of a venue's orders that name none (its binding's configuration) */
    IntentPipeline(ChainContext context, Supplier<Stages> stages, Supplier<SessionState> session, Faults faults,
            ChainCounters counters, TickToOrder tickToOrder, ChainJournal journal,
            Function<VenueId, AccountId> venueAccounts) {
        this.journal = journal;
        this.venueAccounts = venueAccounts;
        this.context = context;
        this.stages = stages;
        this.session = session;
        this.faults = faults;
        this.counters = counters;
        this.tickToOrder = tickToOrder;
    }

    /** A strategy's intent (the host hands it over). */
    @Override
    public void accept(Intent intent) {
        handle(intent, false);
    }

    /**
     * Why an intent did not go to its venue (already recorded); {@code customCheck} names the pluggable risk check
     * that refused, if one did.
     */
    public record Refusal(RejectReason reason, String detail, String customCheck) {

        Refusal(RejectReason reason, String detail) {
            this(reason, detail, null);
        }
    }

    /** Sends an intent on its way; {@code manual}: an operator's, whose refusal is not told to a strategy. */
    public Refusal handle(Intent given, boolean manual) {
        Intent intent = given;
        Refusal refusal = null;
        if (given instanceof SubmitOrder submit && submit.account() == null) {
            try {
                intent = submit.withAccount(venueAccounts.apply(submit.venue()));
            } catch (IllegalArgumentException e) {
                refusal = new Refusal(RejectReason.VENUE_NOT_READY, e.getMessage());
            }
        }
        refusal = refusal != null ? refusal : route(intent);
        if (refusal == null) {
            counters.intentsAccepted++;
        } else {
            refuse(intent, refusal, manual);
        }
        return refusal;
    }

    private Refusal route(Intent intent) {
        Stages s = stages.get();
        if (!(intent instanceof CancelOrder)) {
            String journalFailure = journal.failure();
            if (journalFailure != null) {
                return new Refusal(RejectReason.JOURNAL_UNAVAILABLE, journalFailure);
            }
            SessionState state = session.get();
            if (state != SessionState.RUNNING) {
                return new Refusal(RejectReason.SESSION_NOT_RUNNING, "the session is " + state);
            }
        }
        RiskDecision decision;
        try {
            decision = Guard.call(Stage.RISK, () -> s.risk().check(intent, context.state(), context.now()));
        } catch (StageFailure f) {
            faults.record(f);
            decision = intent instanceof CancelOrder ? RiskDecision.ACCEPT
                    : RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "risk check failed: " + f.getCause());
        }
        if (decision == null) {
            decision = intent instanceof CancelOrder ? RiskDecision.ACCEPT
                    : RiskDecision.reject(RejectReason.RISK_UNAVAILABLE, "risk check gave no decision");
        }
        if (!decision.accepted()) {
            return new Refusal(decision.reason(), decision.detail(), decision.customCheck());
        }
        return execute(s.execution(), intent);
    }

    /** Execution control takes the intent: sends it on, or refuses it. */
    private Refusal execute(ExecutionStage execution, Intent intent) {
        ExecutionOutcome outcome;
        try {
            outcome = Guard.call(Stage.EXECUTION, () -> {
                if (intent instanceof SubmitOrder submit) {
                    return execution.submit(submit, context);
                }
                if (intent instanceof ReplaceOrder replace) {
                    return execution.replace(replace, context);
                }
                return execution.cancel((CancelOrder) intent, context);
            });
        } catch (StageFailure f) {
            faults.record(f);
            return new Refusal(RejectReason.EXECUTION_UNAVAILABLE, "execution control failed: " + f.getCause());
        }
        if (outcome == null || outcome.sent()) {
            if (intent instanceof SubmitOrder) {
                tickToOrder.orderSent();
            }
            return null;
        }
        return new Refusal(outcome.reason(), outcome.detail());
    }

    /**
     * A cancel for the session stop: straight to execution control (no risk throttle: the session is closing);
     * a refusal is recorded as the operator's. True when it was sent.
     */
    public boolean cancelForStop(OrderView order) {
        CancelOrder cancel = new CancelOrder(order.strategy(), order.clientOrderId());
        Refusal refusal = execute(stages.get().execution(), cancel);
        if (refusal != null) {
            refuse(cancel, refusal, true);
        }
        return refusal == null;
    }

    private void refuse(Intent intent, Refusal refusal, boolean manual) {
        counters.rejected(refusal.reason());
        context.record(new RiskRejectionRecord(context.seq(), context.now(), intent, refusal.reason(),
                refusal.detail(), refusal.customCheck()));
        if (!manual) {
            try {
                Guard.run(Stage.STRATEGY_HOST, () -> stages.get().host().onRejected(intent, refusal.reason(),
                        refusal.detail(), context.forStrategies()));
            } catch (StageFailure f) {
                faults.record(f);
            }
        }
    }
}
