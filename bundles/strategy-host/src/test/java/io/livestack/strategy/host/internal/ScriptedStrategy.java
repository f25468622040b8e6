package io.livestack.strategy.host.internal;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A strategy whose callbacks are scripted by the test; it logs what it was called with. */
final class ScriptedStrategy implements Strategy {

    final List<String> calls = new ArrayList<>();
    final List<Sequenced> events = new ArrayList<>();
    final List<RejectReason> rejections = new ArrayList<>();
    StrategyContext lastContext;
    BiConsumer<Sequenced, StrategyContext> onEvent = (e, c) -> { };
    BiConsumer<String, StrategyContext> onLifecycle = (phase, c) -> { };

    @Override
    public void onStart(StrategyContext context) {
        calls.add("start");
        lastContext = context;
        onLifecycle.accept("start", context);
    }

    @Override
    public void onEvent(Sequenced event, StrategyContext context) {
        calls.add("event " + event.seq());
        events.add(event);
        lastContext = context;
        onEvent.accept(event, context);
    }

    @Override
    public void onRejected(Intent intent, RejectReason reason, String detail, StrategyContext context) {
        calls.add("rejected " + reason);
        rejections.add(reason);
    }

    @Override
    public void onStop(StrategyContext context) {
        calls.add("stop");
        onLifecycle.accept("stop", context);
    }
}
