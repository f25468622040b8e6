package io.livestack.strategy.host.internal;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.DecisionLog;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import io.livestack.api.strategy.StrategyContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StrategyContext} of one hosted strategy. It is usable only while the host is calling the strategy
 * (on the processing thread): the host binds the current {@link ProcessingContext} and intent consumer around each
 * callback and restores the previous binding afterwards (callbacks nest: a submit can be refused at once, which
 * calls the strategy's {@code onRejected} inside its {@code onEvent}). A strategy that keeps its context and uses it
 * later, or from another thread, gets an {@link IllegalStateException}.
 */
final class HostedContext implements StrategyContext {

    private static final Logger LOG = LoggerFactory.getLogger(HostedContext.class);

    private final HostedStrategy owner;
    private final IntentGate gate;

    private ProcessingContext processing;
    private Consumer<Intent> sink;
    private Thread thread;
    private DecisionLog log = DecisionLog.NONE;
    private int callback;

    HostedContext(HostedStrategy owner, IntentGate gate) {
        this.owner = owner;
        this.gate = gate;
    }

    /** A binding saved while a nested callback runs. */
    record Binding(ProcessingContext processing, Consumer<Intent> sink, Thread thread, DecisionLog log,
            int callback) {
    }

    /**
     * Binds the context for one callback; returns the binding to restore afterwards: null in the common case (no
     * callback of this strategy is running), the outer one when callbacks nest. Processing thread only.
     */
    Binding bind(ProcessingContext context, Consumer<Intent> intents, DecisionLog decisions, int call) {
        Binding previous = processing == null ? null : new Binding(processing, sink, thread, log, callback);
        processing = context;
        sink = intents;
        thread = Thread.currentThread();
        log = decisions;
        callback = call;
        return previous;
    }

    void restore(Binding previous) {
        if (previous == null) {
            processing = null;
            sink = null;
            thread = null;
            log = DecisionLog.NONE;
            callback = 0;
        } else {
            processing = previous.processing();
            sink = previous.sink();
            thread = previous.thread();
            log = previous.log();
            callback = previous.callback();
        }
    }

    /** Every intent goes to the decision log (journaled) before the gate: what the strategy decided. */
    private void emit(Intent intent, ProcessingContext context) {
        log.emitted(callback, intent);
        gate.emit(owner, intent, context, sink);
    }

    /**
     * In a recovery: what the strategy emitted in this call when it ran, through the same gate, instead of calling
     * it. A new order's ClOrdID is taken again from the chain, so that the ids given after the recovery continue
     * where the journaled ones left off (it is the journaled one: the chain makes them from the events alone).
     */
    void replay(List<Intent> intents) {
        ProcessingContext context = current();
        for (Intent intent : intents) {
            if (intent instanceof SubmitOrder submit) {
                ClientOrderId again = context.nextClientOrderId();
                if (!again.equals(submit.clientOrderId())) {
                    LOG.warn("Strategy {}: replayed order {} would get ClOrdID {} now: the journal's is kept", owner.id,
                            submit.clientOrderId(), again);
                }
            }
            gate.emit(owner, intent, context, sink);
        }
    }

    private ProcessingContext current() {
        ProcessingContext context = processing;
        if (context == null || thread != Thread.currentThread()) {
            throw new IllegalStateException("the context of strategy " + owner.id
                    + " is only usable on the processing thread while the host calls the strategy");
        }
        return context;
    }

    @Override
    public StrategyId strategyId() {
        return owner.id;
    }

    /** The chain's read-only view of the state (a strategy never gets the store itself). */
    @Override
    public StateView state() {
        return current().state();
    }

    @Override
    public long now() {
        return current().now();
    }

    @Override
    public Collection<OrderView> openOrders() {
        Collection<OrderView> all = current().state().openOrders();
        List<OrderView> mine = new ArrayList<>();
        for (OrderView order : all) {
            if (owner.id.equals(order.strategy())) {
                mine.add(order);
            }
        }
        return mine;
    }

    @Override
    public ClientOrderId submit(VenueId venue, InstrumentId instrument, Side side, OrderType type,
            TimeInForce timeInForce, long price, long quantity) {
        ProcessingContext context = current();
        ClientOrderId id = context.nextClientOrderId();
        emit(new SubmitOrder(owner.id, id, venue, instrument, side, type, timeInForce, price, quantity), context);
        return id;
    }

    @Override
    public void cancel(ClientOrderId order) {
        emit(new CancelOrder(owner.id, order), current());
    }

    @Override
    public void replace(ClientOrderId order, long newPrice, long newQuantity) {
        emit(new ReplaceOrder(owner.id, order, newPrice, newQuantity), current());
    }

    @Override
    public void scheduleTimer(long atNanos, long token) {
        current().scheduleTimer(TimerOwner.strategy(owner.id), atNanos, token);
    }
}
