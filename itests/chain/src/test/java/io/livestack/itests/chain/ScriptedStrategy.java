package io.livestack.itests.chain;

import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.Intent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A strategy the test steers: on a timer of its own it runs the action the test queued (submit, cancel or replace
 * through its context, as any strategy would), and it keeps what it was told was refused. It can also do something
 * in its {@code onStop}.
 */
final class ScriptedStrategy implements Strategy {

    private volatile Function<StrategyContext, ClientOrderId> next = c -> null;
    volatile Function<StrategyContext, ClientOrderId> onStop = c -> null;
    final List<ClientOrderId> emitted = new CopyOnWriteArrayList<>();
    final List<RejectReason> rejections = new CopyOnWriteArrayList<>();

    /** What to do at its next timer; the timer to publish for it. */
    TimerEvent next(TimerOwner self, long token, Function<StrategyContext, ClientOrderId> action) {
        next = action;
        return new TimerEvent(0, self, token);
    }

    @Override
    public void onEvent(Sequenced event, StrategyContext context) {
        if (event.event() instanceof TimerEvent) {
            ClientOrderId id = next.apply(context);
            next = c -> null;
            if (id != null) {
                emitted.add(id);
            }
        }
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
        rejections.add(reason);
    }

    @Override
    public void onStop(StrategyContext context) {
        onStop.apply(context);
    }
}
