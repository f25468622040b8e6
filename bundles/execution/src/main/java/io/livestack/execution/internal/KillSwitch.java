package io.livestack.execution.internal;

import io.livestack.api.event.Command;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.venue.VenueAdapter;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's trading controls: the kill switch, cancel-all, resume, and trading states per scope.
 * <p>
 * Kill of the desk ({@link TradingScope#GLOBAL}): one action — latch HALTED globally, then send a cancel for every
 * open order at every venue (including
 * orders already pending cancel when {@code killResendsPendingCancels}, because the earlier request may be lost).
 * Orders at venues without an adapter are counted. With {@code killSweepOnReconnect}, every LOGGED_ON of a venue while
 * the latch is engaged cancels that venue's open orders again. The latch survives restarts through the runtime's
 * journal and snapshots ({@link TradingStates}) and only {@link Command.Resume} releases it; setting the global scope
 * to anything but HALTED while it is engaged is refused. The settings are read at each use (they may change between
 * events).
 * <p>
 * Kill of a venue, account, strategy or instrument: that scope HALTED (no latch: {@link Command.SetTradingState} sets
 * it back) and a cancel for each of its open orders ({@link ScopeSweep}). Cancel-all of a scope: the same cancels,
 * the trading state unchanged. Each is recorded as TRADING_STATE metadata of its scope, naming the user.
 */
final class KillSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);

    private final Supplier<ExecutionSettings> settings;
    private final TradingStates states;
    private final ScopeSweep sweep;

    KillSwitch(Supplier<ExecutionSettings> settings, TradingStates states, OrderEntry entry) {
        this.settings = settings;
        this.states = states;
        this.sweep = new ScopeSweep(entry);
    }

    CommandResult onCommand(Command command, String user, ExecutionContext ctx) {
        if (command instanceof Command.Kill kill) {
            return kill(kill, user, ctx);
        }
        if (command instanceof Command.CancelAll cancelAll) {
            return cancelAll(cancelAll, user, ctx);
        }
        if (command instanceof Command.Resume) {
            boolean wasEngaged = states.killEngaged();
            states.releaseKill();
            record(ctx, TradingScope.GLOBAL, "ACTIVE: " + (wasEngaged ? "kill switch released" : "resumed") + " by "
                    + user);
            LOG.warn("Trading resumed by {} (kill switch {}engaged before)", user, wasEngaged ? "" : "not ");
            return CommandResult.ok((wasEngaged ? "kill switch released" : "kill switch was not engaged")
                    + "; global trading ACTIVE");
        }
        if (command instanceof Command.SetTradingState set) {
            if (set.scope().kind() == TradingScope.Kind.GLOBAL && states.killEngaged()
                    && set.state() != TradingState.HALTED) {
                return CommandResult.error("kill switch engaged: global trading stays HALTED until resume");
            }
            states.set(set.scope(), set.state());
            record(ctx, set.scope(), set.state() + " set by " + user);
            LOG.info("Trading state {} set to {} by {}", set.scope(), set.state(), user);
            return CommandResult.ok("trading state " + set.scope() + " is " + set.state());
        }
        return CommandResult.error("execution control does not handle '" + command.action() + "'");
    }

    private CommandResult kill(Command.Kill kill, String user, ExecutionContext ctx) {
        TradingScope scope = kill.scope();
        String reason = (kill.reason() == null || kill.reason().isBlank() ? "no reason given" : kill.reason())
                + " (by " + user + ")";
        ExecutionSettings settings = this.settings.get();
        String what;
        if (scope.kind() == TradingScope.Kind.GLOBAL) {
            states.engageKill(reason);
            record(ctx, scope, "HALTED: kill switch engaged: " + reason);
            what = "kill switch engaged, global trading HALTED: ";
        } else {
            states.set(scope, TradingState.HALTED);
            record(ctx, scope, "HALTED: killed: " + reason);
            what = "killed " + scope + ", trading HALTED there: ";
        }
        ScopeSweep.Result swept = sweep.cancelOpenOrders(scope, settings.killResendsPendingCancels(), ctx);
        String summary = what + swept.summary(scope.kind() != TradingScope.Kind.GLOBAL ? stayOpen(scope)
                : settings.killSweepOnReconnect() ? " will be cancelled when they return" : "");
        LOG.warn("{} -- reason: {}", summary, reason);
        record(ctx, scope, summary);
        return CommandResult.ok(summary);
    }

    /** Cancels the scope's open orders (pending cancels asked again as a kill does); the trading state stays. */
    private CommandResult cancelAll(Command.CancelAll cancelAll, String user, ExecutionContext ctx) {
        TradingScope scope = cancelAll.scope();
        ScopeSweep.Result swept = sweep.cancelOpenOrders(scope, settings.get().killResendsPendingCancels(), ctx);
        String summary = "cancel-all " + scope + " by " + user + ": " + swept.summary(stayOpen(scope));
        LOG.warn("{}", summary);
        record(ctx, scope, summary);
        return CommandResult.ok(summary);
    }

    /** What becomes of a scope's orders at venues without adapter: nothing by itself. */
    private static String stayOpen(TradingScope scope) {
        return " stay open: livestack:cancel-all " + scope + " once their venue is back";
    }

    /** A venue is LOGGED_ON while the latch is engaged: cancel its open orders again (killSweepOnReconnect). */
    void onLoggedOn(VenueId venue, ExecutionContext ctx) {
        VenueAdapter adapter = ctx.venue(venue);
        ExecutionSettings settings = this.settings.get();
        if (adapter == null || !states.killEngaged() || !settings.killSweepOnReconnect()) {
            return;
        }
        int sent = sweep.cancelOpenOrders(TradingScope.venue(venue), settings.killResendsPendingCancels(), ctx).sent;
        if (sent > 0) {
            LOG.warn("Kill switch engaged: cancelled {} open orders at {} on reconnect", sent, venue);
            record(ctx, TradingScope.GLOBAL, "kill switch engaged: " + sent + " cancel requests sent to " + venue
                    + " on reconnect");
        }
    }

    private static void record(ExecutionContext ctx, TradingScope scope, String detail) {
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.TRADING_STATE, scope.toString(),
                detail));
    }
}
