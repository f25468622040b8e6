package io.livestack.runtime.internal.chain;

import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.risk.RiskStage;
import java.util.List;
import java.util.function.Supplier;

/**
 * The risk stage after the fact ({@link RiskStage#onFill}, {@link RiskStage#review}): every fill booked while an event
 * is processed goes to the stage at once; after an event that booked fills, and after the first event at least
 * {@value #INTERVAL_NANOS} ns of event time after the last review (so at least once a second while events flow —
 * market data, reports, timers: the P&amp;L only moves with them), the stage is asked which trading controls it wants,
 * and the chain hands them to the operator side, which applies each as a trading state change of user
 * {@value RiskAction#USER} (recorded and audited like an operator's). Reviews follow event time only, never a thread
 * of their own: the same events give the same reviews at the same events, in a replay too, and add no events to the
 * journal. A stage that throws is a fault blamed on risk. Processing thread only.
 */
public final class PostTradeRisk {

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Supplier<Stages> stages;
    private final ChainContext context;
    private final Faults faults;
    private int fills;
    private long lastReview = Long.MIN_VALUE;

    PostTradeRisk(Supplier<Stages> stages, ChainContext context, Faults faults) {
        this.stages = stages;
        this.context = context;
        this.faults = faults;
    }

    /** A fill was booked by the event being processed. */
    void onFill(FillRecord fill) {
        fills++;
        try {
            stages.get().risk().onFill(fill, context.now()); // no Guard lambda: a fill is on the hot path
        } catch (StageFailure f) {
            faults.record(f);
        } catch (RuntimeException | LinkageError e) {
            faults.record(Stage.RISK, e);
        }
    }

    /** The event is processed: a review when it booked fills or a second of event time passed, else none. */
    List<RiskAction> afterEvent() {
        long now = context.now();
        if (fills == 0 && lastReview != Long.MIN_VALUE && now - lastReview < INTERVAL_NANOS) {
            return List.of();
        }
        fills = 0;
        lastReview = now;
        List<RiskAction> actions = Guard.call(Stage.RISK, () -> stages.get().risk().review(context.state(), now));
        return actions == null ? List.of() : actions;
    }
}
