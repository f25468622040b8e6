package io.livestack.api.runtime;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.risk.RiskDecision;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Execution control: the order lifecycle state machine, trading states and the kill switch, routing to venues.
 * Orders live in the {@link io.livestack.api.state.StateStore}; this stage decides their transitions. Every method
 * runs on the processing thread. A refusal is returned as a rejected {@link RiskDecision}; the loop records it.
 */
@ProviderType
public interface ExecutionStage {

    /** A risk-accepted new order: gate on trading state and venue readiness, then send. */
    RiskDecision submit(SubmitOrder intent, ProcessingContext context);

    RiskDecision cancel(CancelOrder intent, ProcessingContext context);

    RiskDecision replace(ReplaceOrder intent, ProcessingContext context);

    void onExecutionReport(ExecutionReport report, ProcessingContext context);

    void onCancelRejected(OrderCancelRejected reject, ProcessingContext context);

    /** Venue connectivity: reconciliation after logon, open orders of a vanished venue marked unavailable. */
    void onVenueSession(VenueSessionEvent event, ProcessingContext context);

    /** Kill, resume and trading-state commands. */
    CommandResult onCommand(Command command, String user, ProcessingContext context);

    /** The effective state for a scope (global combined with the scope's own). */
    TradingState tradingState(TradingScope scope);

    /** Every explicitly set scope and its state (any thread). */
    Map<TradingScope, TradingState> tradingStates();

    /** True from a kill until an explicit resume (survives restarts). */
    boolean killSwitchEngaged();
}
