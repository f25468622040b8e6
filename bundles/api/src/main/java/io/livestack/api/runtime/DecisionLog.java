package io.livestack.api.runtime;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What strategies decided, as the strategy host reports it to the chain, which journals it: every call into a strategy
 * is numbered within its event ({@link #callback}), and what the call emitted ({@link #emitted}, before the host
 * passes the intent on) and whether it threw ({@link #threw}) are journaled before they take effect.
 * <p>
 * In a recovery the strategies are not called: for each numbered call the host asks what it did when it ran
 * ({@link #recorded}) and does that again — the same intents through the same gate, the same fault. So the state
 * after a recovery is what the journaled decisions made it, whatever the strategies would decide now.
 */
@ProviderType
public interface DecisionLog {

    /**
     * What one strategy call did when it ran: the intents it emitted, in order, and, when it threw, the fault's
     * headline ("Type: message") and the summary the host recorded (null when it returned normally).
     */
    record Recorded(List<Intent> intents, String faultHeadline, String faultSummary) {
        public Recorded {
            intents = List.copyOf(intents);
        }

        public boolean threw() {
            return faultHeadline != null;
        }
    }

    /** Numbers calls, journals nothing, never replays (no journal: tests, tools). */
    DecisionLog NONE = new DecisionLog() {
        @Override
        public int callback(StrategyId strategy) {
            return 0;
        }

        @Override
        public void emitted(int callback, Intent intent) {
        }

        @Override
        public void threw(int callback, StrategyId strategy, String headline, String summary) {
        }

        @Override
        public Recorded recorded(int callback) {
            return null;
        }
    };

    /** A call into {@code strategy} is about to be made (or replayed): its number within the event. */
    int callback(StrategyId strategy);

    /** The call emitted this intent; the host reports it before passing it on. */
    void emitted(int callback, Intent intent);

    /** The call threw: the fault's headline and the summary the host records of it. */
    void threw(int callback, StrategyId strategy, String headline, String summary);

    /** In a recovery, what the call did when it ran; null when the strategy is to be called. */
    Recorded recorded(int callback);

    /** True while a recovery replays the journal (nothing is called, nothing is sent). */
    default boolean replaying() {
        return false;
    }

    /**
     * True when what the chain processes is journaled (live or replayed): then only journaled inputs may change
     * what a stage does — a strategy joins the host by its binding event, never at whatever call comes first.
     */
    default boolean journaled() {
        return false;
    }
}
