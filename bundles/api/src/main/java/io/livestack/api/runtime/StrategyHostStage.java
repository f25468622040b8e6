package io.livestack.api.runtime;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.risk.RejectReason;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The strategy host: binds every {@link io.livestack.api.strategy.Strategy} service, feeds the running ones each
 * event and passes their intents to {@code intents} (the loop sends each through risk and execution control at
 * once, in order). A strategy that throws is contained. Processing thread only, except {@link #strategies()}.
 */
@ProviderType
public interface StrategyHostStage {

    void onEvent(Sequenced event, ProcessingContext context, Consumer<Intent> intents);

    /** Tell the owning strategy its intent was refused. */
    void onRejected(Intent intent, RejectReason reason, String detail, ProcessingContext context);

    CommandResult start(StrategyId strategy, ProcessingContext context);

    CommandResult stop(StrategyId strategy, ProcessingContext context);

    /** Any thread. */
    List<StrategyInfo> strategies();
}
