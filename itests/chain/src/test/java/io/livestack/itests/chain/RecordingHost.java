package io.livestack.itests.chain;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The strategy host as the chain sees it, recording every sequenced event it is fed (seq, intake time, the event as
 * processed — a conflated market data event as merged) before handing it to the real host. The chain feeds the host
 * every event except operator commands and the runtime's own timers, so this is the sequence the sequencer assigned.
 */
final class RecordingHost implements StrategyHostStage {

    private final StrategyHostStage delegate;
    private final List<Sequenced> fed = new ArrayList<>();

    RecordingHost(StrategyHostStage delegate) {
        this.delegate = delegate;
    }

    synchronized List<Sequenced> fed() {
        return List.copyOf(fed);
    }

    @Override
    public void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        synchronized (this) {
            fed.add(event);
        }
        delegate.onEvent(event, context, intents);
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, ProcessingContext context) {
        delegate.onRejected(intent, reason, detail, context);
    }

    @Override
    public CommandResult start(StrategyId strategy, ProcessingContext context) {
        return delegate.start(strategy, context);
    }

    @Override
    public CommandResult stop(StrategyId strategy, ProcessingContext context) {
        return delegate.stop(strategy, context);
    }

    @Override
    public List<StrategyInfo> strategies() {
        return delegate.strategies();
    }


    @Override
    public CommandResult startAll(ProcessingContext context, Consumer<Intent> intents) {
        return delegate.startAll(context, intents);
    }

    @Override
    public CommandResult stopAll(ProcessingContext context, Consumer<Intent> intents) {
        return delegate.stopAll(context, intents);
    }

    @Override
    public HostSnapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void restore(HostSnapshot snapshot) {
        delegate.restore(snapshot);
    }
}
