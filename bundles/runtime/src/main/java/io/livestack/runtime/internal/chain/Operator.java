package io.livestack.runtime.internal.chain;

import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.SessionState;
import io.livestack.api.runtime.CommandResult;
import java.util.concurrent.CompletableFuture;

/** The operator side as the chain calls it: commands, the session and what it waits for. Processing thread. */
public interface Operator {

    /** The session's state: new orders and replaces need RUNNING. Any thread. */
    SessionState session();

    /** An operator command; {@code reply} (null: nobody waits) is completed now or when its transition is over. */
    void onCommand(OperatorCommand command, CompletableFuture<CommandResult> reply);

    /** A timer of the runtime itself fired (session timeouts, internal notices). */
    void onRuntimeTimer(TimerEvent timer);

    /** A venue session event was processed by the stages. */
    void afterVenueSession(VenueSessionEvent event);

    /** How far the records are durable, as the runtime saw it for a session stop (a DURABILITY event). */
    void onDurability(RuntimeEvent event);

    /** An execution report or a cancel reject was processed by the stages. */
    void afterOrdersChanged();

    /**
     * Trading controls the risk stage asked for after the fact (a loss limit, the repeated-execution throttle): each
     * applied as a trading state change of user {@value io.livestack.api.risk.RiskAction#USER}, recorded and audited.
     */
    default void onRiskActions(java.util.List<io.livestack.api.risk.RiskAction> actions) {
    }

    /** The bound stages changed. Between events: it may publish notices to be sequenced, never process anything. */
    void onStagesChanged(Stages previous, Stages current);
}
