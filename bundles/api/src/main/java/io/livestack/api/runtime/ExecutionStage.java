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
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Execution control: the order lifecycle state machine, trading states and the kill switch, routing to venues.
 * Orders live in the state stage; this stage alone changes them (through {@link ExecutionContext#orders()}) and
 * alone sends to venues. Every method but the trading-state reads runs on the processing thread. A refusal is an
 * {@link ExecutionOutcome} with its reason; the chain records it.
 */
@ProviderType
public interface ExecutionStage {

    /** A risk-accepted new order: checked against routing, trading state and venue readiness, then sent. */
    ExecutionOutcome submit(SubmitOrder intent, ExecutionContext context);

    ExecutionOutcome cancel(CancelOrder intent, ExecutionContext context);

    ExecutionOutcome replace(ReplaceOrder intent, ExecutionContext context);

    void onExecutionReport(ExecutionReport report, ExecutionContext context);

    void onCancelRejected(OrderCancelRejected reject, ExecutionContext context);

    /**
     * An order the venue adapter found in its outbound store that the journal lacked (a power loss): booked as sent,
     * with its strategy, unless an order with that ClOrdID is known.
     */
    default void onSentOrderRecovered(io.livestack.api.event.SentOrderRecovered order, ExecutionContext context) {
    }

    /**
     * Venue connectivity, after the state has taken the session state in: reconciliation after logon, the kill
     * switch's sweep of a venue that comes back.
     */
    void onVenueSession(VenueSessionEvent event, ExecutionContext context);

    /** A timer execution control scheduled ({@link io.livestack.api.event.TimerOwner#EXECUTION}) fired. */
    default void onTimer(long token, ExecutionContext context) {
    }

    /** Kill, resume and trading-state commands. */
    CommandResult onCommand(Command command, String user, ExecutionContext context);

    /** The effective state for a scope (global combined with the scope's own). */
    TradingState tradingState(TradingScope scope);

    /** Every explicitly set scope and its state (any thread). */
    Map<TradingScope, TradingState> tradingStates();

    /** True from a kill until an explicit resume (survives restarts). */
    boolean killSwitchEngaged();

    /** Execution control's own state as plain data (processing thread). */
    ExecutionSnapshot snapshot();

    /** Replaces execution control's own state with {@code snapshot} (processing thread; between events). */
    void restore(ExecutionSnapshot snapshot);
}
