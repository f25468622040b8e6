package io.livestack.runtime.internal.chain;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.record.FillRecord;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.risk.RiskStage;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The risk stage after the fact ({@link RiskStage#onFill}, {@link RiskStage#review}): every fill booked while an event
 * is processed goes to the stage at once; after an event that booked fills, and at each risk timer
 * ({@value #OWNER_ID}, every {@value #INTERVAL_NANOS} ns of event time), the stage is asked which trading controls it
 * wants, and the chain hands them to the operator side, which applies each as a trading state change of user
 * {@value RiskAction#USER} (recorded and audited like an operator's). The timer is a sequenced runtime timer, so a
 * replay reviews at the same events; it is armed at the first event after start (unless a restored snapshot holds
 * one) and re-armed each time it fires. A stage that throws is a fault blamed on risk. Processing thread only.
 */
public final class PostTradeRisk {

    static final String OWNER_ID = "risk";
    /** The risk stage's review timer. */
    public static final TimerOwner OWNER = new TimerOwner(TimerOwner.Kind.RUNTIME, OWNER_ID);
    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Supplier<Stages> stages;
    private final ChainContext context;
    private final Sequencer sequencer;
    private final Faults faults;
    private int fills;
    /** null: not known yet (after a start or a recovery, the sequencer's pending timers say). */
    private Boolean armed;
    private long tokens;

    PostTradeRisk(Supplier<Stages> stages, ChainContext context, Sequencer sequencer, Faults faults) {
        this.stages = stages;
        this.context = context;
        this.sequencer = sequencer;
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

    /** The event is processed: the review when it booked fills (else none), and the timer armed. */
    List<RiskAction> afterEvent() {
        arm();
        if (fills == 0) {
            return List.of();
        }
        fills = 0;
        return review();
    }

    /** The risk timer fired: a review, and the next one armed. */
    List<RiskAction> onTimer() {
        armed = false;
        arm();
        return review();
    }

    /** After a recovery the sequencer's restored timers say whether one is pending. */
    void recovered() {
        armed = null;
    }

    private void arm() {
        if (armed == null) {
            armed = sequencer.recovery().state().runtimeTimers().stream().anyMatch(t -> t.owner().equals(OWNER));
        }
        if (!armed) {
            sequencer.scheduleTimer(OWNER, context.now() + INTERVAL_NANOS, ++tokens);
            armed = true;
        }
    }

    private List<RiskAction> review() {
        List<RiskAction> actions = Guard.call(Stage.RISK, () -> stages.get().risk().review(context.state(),
                context.now()));
        return actions == null ? List.of() : actions;
    }
}
