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
 * event and passes their intents to {@code intents} (the chain sends each through risk and execution control at
 * once, in order). It alone decides whether a strategy may trade: intents of a strategy that is not running are
 * refused here ({@link io.livestack.api.risk.RejectReason#STRATEGY_NOT_RUNNING}). A strategy that throws is
 * contained. Processing thread only, except {@link #strategies()}.
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

    /**
     * The trading session is running (the session controller calls this when the session starts, and again if
     * a host is bound while the session runs): start every bound strategy whose configuration says autoStart, and
     * from now on start such a strategy as soon as its service appears. Intents emitted while starting go to
     * {@code intents}; the host keeps the latest consumer it was given for intents emitted from {@link #start},
     * {@link #stop} and {@link #onRejected}.
     */
    default CommandResult startAll(ProcessingContext context, Consumer<Intent> intents) {
        int started = 0;
        for (StrategyInfo info : strategies()) {
            if (info.autoStart() && !info.running() && start(info.id(), context).ok()) {
                started++;
            }
        }
        return CommandResult.ok(started + " strategies started");
    }

    /**
     * The session is stopping: stop every running strategy (each may cancel its orders in its {@code onStop}) and
     * start none automatically until the next {@link #startAll}.
     */
    default CommandResult stopAll(ProcessingContext context, Consumer<Intent> intents) {
        int stopped = 0;
        for (StrategyInfo info : strategies()) {
            if (info.running() && stop(info.id(), context).ok()) {
                stopped++;
            }
        }
        return CommandResult.ok(stopped + " strategies stopped");
    }

    /** The host's own state as plain data (processing thread). */
    HostSnapshot snapshot();

    /**
     * Replaces the host's own state with {@code snapshot} (processing thread; between events). A strategy in it that
     * is not bound now takes its state when it binds.
     */
    void restore(HostSnapshot snapshot);
}
