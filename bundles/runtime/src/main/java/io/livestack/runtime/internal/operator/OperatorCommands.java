package io.livestack.runtime.internal.operator;

import io.livestack.api.event.Command;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.Guard;
import io.livestack.runtime.internal.chain.IntentPipeline;
import io.livestack.runtime.internal.chain.Operator;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.StageFailure;
import io.livestack.runtime.internal.chain.Stages;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.concurrent.CompletableFuture;

/**
 * Operator commands, each to the stage that owns it: kill, resume and trading states to execution control (or its
 * stand-in), manual orders and cancels through the {@link IntentPipeline} like a strategy's (a new order gets its
 * ClOrdID here), strategy start/stop to the host, venue connect/disconnect to the adapter, session start/stop to the
 * {@link SessionController}, which replies when its transition is over. Every command ends audited ({@link Audit});
 * a stage that throws is a fault blamed on it and the command's error. Processing thread only.
 */
public final class OperatorCommands implements Operator {

    private final ChainAgent chain;
    private final Sequencer sequencer;
    private final Audit audit;
    private final SessionController session;
    private final ChainSessionPort port;

    public OperatorCommands(ChainAgent chain, Sequencer sequencer, long startTimeoutMs, long stopTimeoutMs,
            long stopFlushTimeoutMs, boolean autoStart) {
        this.chain = chain;
        this.sequencer = sequencer;
        this.audit = new Audit(chain.records(), chain.clock());
        this.port = new ChainSessionPort(chain, sequencer, audit);
        this.session = new SessionController(port, startTimeoutMs, stopTimeoutMs, stopFlushTimeoutMs, autoStart);
    }

    /** What this runtime has in force now (bundle versions, configurations): a verification compares it. */
    public java.util.Map<String, String> currentManifest() {
        return port.currentManifest();
    }

    /** Where the manifest journaled at each session start comes from. */
    public void manifest(Manifest source) {
        port.manifest(source);
    }

    /** The storage projection a session stop waits for (its projection mark); none by default. */
    public void storage(java.util.function.Supplier<StorageMonitor> source) {
        port.storage(source);
    }

    @Override
    public SessionState session() {
        return session.state();
    }

    @Override
    public void onCommand(OperatorCommand command, CompletableFuture<CommandResult> reply) {
        PendingCommand pending = new PendingCommand(command, reply);
        Command c = command.command();
        CommandResult result;
        try {
            result = run(pending);
        } catch (StageFailure f) {
            chain.faults().record(f);
            result = CommandResult.error(c.action() + " failed in " + f.stage() + ": " + f.getCause());
        }
        if (result != null) {
            audit.complete(pending, result);
        }
    }

    /** The command's result, or null when the session replies later. */
    private CommandResult run(PendingCommand pending) {
        Command c = pending.command().command();
        Stages stages = chain.stages();
        if (c instanceof Command.Kill || c instanceof Command.CancelAll || c instanceof Command.Resume
                || c instanceof Command.SetTradingState || c instanceof Command.ResolveVenue) {
            return Guard.call(Stage.EXECUTION, () -> stages.execution().onCommand(c, pending.command().user(),
                    chain.context()));
        }
        if (c instanceof Command.ManualIntent m) {
            return manual(m.intent());
        }
        if (c instanceof Command.StartStrategy s) {
            return hostResult(Guard.call(Stage.STRATEGY_HOST, () -> stages.host().start(s.strategy(),
                    chain.context().forStrategies())));
        }
        if (c instanceof Command.StopStrategy s) {
            return hostResult(Guard.call(Stage.STRATEGY_HOST, () -> stages.host().stop(s.strategy(),
                    chain.context().forStrategies())));
        }
        if (c instanceof Command.ConnectVenue v) {
            return venue(v.venue(), true);
        }
        if (c instanceof Command.DisconnectVenue v) {
            return venue(v.venue(), false);
        }
        if (c instanceof Command.StartSession) {
            session.start(pending);
            return null;
        }
        if (c instanceof Command.StopSession s) {
            session.stop(pending, s.cancelOpenOrders());
            return null;
        }
        return CommandResult.error("unknown command " + c.action());
    }

    private static CommandResult hostResult(CommandResult r) {
        return r != null ? r : CommandResult.error("the strategy host gave no result");
    }

    private CommandResult venue(VenueId id, boolean connect) {
        VenueAdapter adapter = id == null ? null : chain.stages().venues().get(id);
        if (adapter == null) {
            return CommandResult.error("unknown venue " + id);
        }
        Guard.run(Stage.VENUE, connect ? adapter::connect : adapter::disconnect);
        return CommandResult.ok((connect ? "connecting " : "disconnecting ") + id);
    }

    /** A manual order, cancel or replace: the pipeline like a strategy's; a new order gets a fresh ClOrdID here. */
    private CommandResult manual(Intent intent) {
        Intent i = intent;
        if (i instanceof SubmitOrder s) {
            // the operator's tools cannot make ClOrdIDs (they are made on the processing thread)
            i = new SubmitOrder(Intent.MANUAL, sequencer.nextClientOrderId(), s.venue(), s.instrument(), s.side(),
                    s.type(), s.timeInForce(), s.price(), s.quantity());
        }
        IntentPipeline.Refusal refusal = chain.intents().handle(i, true);
        if (refusal != null) {
            return CommandResult.error(refusal.reason()
                    + (refusal.detail() == null || refusal.detail().isEmpty() ? "" : ": " + refusal.detail()));
        }
        if (i instanceof SubmitOrder s) {
            return CommandResult.ok("order " + s.clientOrderId() + " sent");
        }
        if (i instanceof CancelOrder co) {
            return CommandResult.ok("cancel of " + co.clientOrderId() + " sent");
        }
        return CommandResult.ok("replace of " + ((ReplaceOrder) i).clientOrderId() + " sent");
    }

    @Override
    public void onRuntimeTimer(TimerEvent timer) {
        if (timer.owner().equals(TimerOwner.SESSION)) {
            session.onTimer(timer.token());
        } else if (timer.owner().equals(TimerOwner.EXECUTION)) {
            Guard.run(Stage.EXECUTION, () -> chain.stages().execution().onTimer(timer.token(), chain.context()));
        }
    }

    @Override
    public void onRiskActions(java.util.List<RiskAction> actions) {
        for (RiskAction a : actions) {
            Command.SetTradingState c = new Command.SetTradingState(a.scope(), a.state());
            CommandResult result;
            try {
                result = Guard.call(Stage.EXECUTION, () -> chain.stages().execution().onCommand(c, RiskAction.USER,
                        chain.context()));
            } catch (StageFailure f) {
                chain.faults().record(f);
                result = CommandResult.error(c.action() + " failed in " + f.stage() + ": " + f.getCause());
            }
            audit.risk(a, c, result == null ? CommandResult.error("execution control gave no result") : result);
        }
    }

    @Override
    public void afterVenueSession(VenueSessionEvent event) {
        session.onVenueState();
    }

    @Override
    public void onDurability(RuntimeEvent event) {
        session.onDurability(event);
    }

    @Override
    public void afterOrdersChanged() {
        session.onOrdersChanged();
    }

    @Override
    public void onStagesChanged(Stages previous, Stages current) {
        session.onStagesChanged(previous, current);
    }

    // ---------------------------------------------------------------- recovery

    /** The session controller's state, for a snapshot (processing thread). */
    public SessionSnapshot sessionSnapshot() {
        return session.snapshot();
    }

    /** Puts back a snapshot's session state (processing thread, before replay). */
    public void restoreSession(SessionSnapshot snapshot) {
        session.restore(snapshot);
    }

    /** After a recovery: a session that was starting or running connects its venues again. */
    public void reconnectVenues() {
        session.reconnect();
    }
}
