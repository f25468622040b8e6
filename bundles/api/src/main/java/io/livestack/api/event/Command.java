package io.livestack.api.event;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/** The operator actions that change state. */
public sealed interface Command {

    /** A short name for audit records, e.g. "kill". */
    String action();

    /**
     * The kill switch. For the desk ({@link TradingScope#GLOBAL}): latch HALTED everywhere and cancel every open
     * order at every venue. For a venue, account, strategy or instrument: set that scope HALTED and cancel its open
     * orders (an operator sets it back with {@link SetTradingState}).
     */
    record Kill(String reason, TradingScope scope) implements Command {

        /** The desk-wide kill switch. */
        public Kill(String reason) {
            this(reason, TradingScope.GLOBAL);
        }

        public Kill {
            scope = scope == null ? TradingScope.GLOBAL : scope;
        }

        public String action() {
            return "kill";
        }
    }

    /** Cancel every open order of a scope (the desk, a venue, an account, a strategy, an instrument); trading goes on. */
    record CancelAll(TradingScope scope) implements Command {
        public CancelAll {
            Objects.requireNonNull(scope, "scope");
        }

        public String action() {
            return "cancel-all";
        }
    }

    /** Release the kill switch latch: global trading state back to ACTIVE. */
    record Resume() implements Command {
        public String action() {
            return "resume";
        }
    }

    record SetTradingState(TradingScope scope, TradingState state) implements Command {
        public SetTradingState {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(state, "state");
        }

        public String action() {
            return "trading-state";
        }
    }

    /**
     * A manual order or cancel: goes through risk and execution control like a strategy's. A {@code SubmitOrder}
     * gets its ClOrdID on the processing thread (the runtime replaces the one given, which may be any placeholder, and the
     * strategy with {@link Intent#MANUAL}); the command's reply names the ClOrdID. New orders and replaces need a
     * RUNNING session; cancels always go.
     */
    record ManualIntent(Intent intent) implements Command {
        public ManualIntent {
            Objects.requireNonNull(intent, "intent");
        }

        public String action() {
            return "manual-" + intent.getClass().getSimpleName();
        }
    }

    record StartStrategy(StrategyId strategy) implements Command {
        public String action() {
            return "strategy-start";
        }
    }

    record StopStrategy(StrategyId strategy) implements Command {
        public String action() {
            return "strategy-stop";
        }
    }

    record ConnectVenue(VenueId venue) implements Command {
        public String action() {
            return "venue-connect";
        }
    }

    record DisconnectVenue(VenueId venue) implements Command {
        public String action() {
            return "venue-disconnect";
        }
    }

    /**
     * Resolve a venue whose reconciliation failed (RECONCILE_FAILED): accept it as reconciled, or
     * ({@code cancelInDoubt}) cancel its open orders first. Only an operator decides; never a timeout.
     */
    record ResolveVenue(VenueId venue, boolean cancelInDoubt) implements Command {
        public String action() {
            return "venue-resolve";
        }
    }

    /** Start the trading session: connect and reconcile venues, then enable strategies. */
    record StartSession() implements Command {
        public String action() {
            return "session-start";
        }
    }

    /** Stop the session: disable strategies, optionally cancel open orders, log out, flush records. */
    record StopSession(boolean cancelOpenOrders) implements Command {
        public String action() {
            return "session-stop";
        }
    }
}
