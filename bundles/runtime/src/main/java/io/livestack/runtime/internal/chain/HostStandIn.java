package io.livestack.runtime.internal.chain;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import java.util.List;
import java.util.function.Consumer;

/** The strategy host while none is bound: no strategy is fed or started. */
public final class HostStandIn implements StrategyHostStage {

    static final String ABSENT = "the strategy host is not available";

    @Override
    public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        // no strategies to feed
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
        // nobody to tell
    }

    @Override
    public CommandResult start(StrategyId strategy, ProcessingContext context) {
        return CommandResult.error(ABSENT);
    }

    @Override
    public CommandResult stop(StrategyId strategy, ProcessingContext context) {
        return CommandResult.error(ABSENT);
    }

    @Override
    public List<StrategyInfo> strategies() {
        return List.of();
    }

    @Override
    public CommandResult startAll(ProcessingContext context, Consumer<Intent> intents) {
        return CommandResult.ok("no strategy host");
    }

    @Override
    public CommandResult stopAll(ProcessingContext context, Consumer<Intent> intents) {
        return CommandResult.ok("no strategy host");
    }

    /** A stand-in keeps nothing: the chain hands a returning host what the one before it left. */
    @Override
    public HostSnapshot snapshot() {
        return HostSnapshot.EMPTY;
    }

    @Override
    public void restore(HostSnapshot snapshot) {
    }
}
