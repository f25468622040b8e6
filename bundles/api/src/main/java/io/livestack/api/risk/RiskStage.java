package io.livestack.api.risk;

import io.livestack.api.intent.Intent;
import io.livestack.api.state.StateView;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The risk stage: pre-trade checks with limits from {@code etc/livestack.risk.cfg} plus every registered
 * {@link RiskCheck}. Called on the processing thread.
 */
@ProviderType
public interface RiskStage {

    /** Check an intent; when accepted, the stage counts it (open orders, rates). */
    RiskDecision check(Intent intent, StateView state, long nowNanos);

    /**
     * The post-trade review (processing thread): after every event that booked a fill and once a second, the chain
     * asks which trading controls the limits that look at what happened — loss limits, the repeated-execution
     * throttle — want now. Each action is applied once by the chain (a stage asks again only when it breaks again).
     * Must be fast; the default asks for nothing.
     */
    default List<RiskAction> review(StateView state, long nowNanos) {
        return List.of();
    }

    /**
     * A fill was booked (processing thread, before {@link #review}): what the repeated-execution throttle counts.
     */
    default void onFill(io.livestack.api.record.FillRecord fill, long nowNanos) {
    }

    /** Limits and their current usage (any thread). */
    List<LimitUsage> limits();

    /**
     * The trading day in force ({@code tradingDayStart} and {@code tradingDayZone} of the risk configuration): the
     * one definition of "the day" — what daily limits count from, and what "today" means to the operator's views of
     * orders and fills. Any thread, cheap. The default: midnight UTC.
     */
    default io.livestack.api.model.TradingDay tradingDay() {
        return io.livestack.api.model.TradingDay.MIDNIGHT_UTC;
    }

    /** The stage's own state as plain data (processing thread). */
    RiskSnapshot snapshot();

    /** Replaces the stage's own state with {@code snapshot} (processing thread; between events). */
    void restore(RiskSnapshot snapshot);

    /**
     * The pluggable {@link RiskCheck}s bound, by name, as the chain sequenced (and journaled) their bindings: from this
     * event on exactly these run. A stage that announces its checks' bindings to the chain (a
     * {@link io.livestack.api.event.BindingEvent} of kind {@code RISK_CHECK} for each check registered or gone) runs a
     * check only once its binding was sequenced, so that a replay runs the same checks at the same place; a name bound
     * here whose check is not registered refuses every intent (fail closed). Processing thread; between events.
     */
    default void checksBound(java.util.Set<String> names) {
    }
}
