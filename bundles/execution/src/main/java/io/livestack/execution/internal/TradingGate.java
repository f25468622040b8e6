package io.livestack.execution.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Whether an order may go out now: the effective trading state — the most restrictive of the global, strategy,
 * instrument, venue and account scopes the order belongs to — and the venue's session (LOGGED_ON). HALTED refuses.
 * REDUCING lets an order through only if it reduces, for every scope that is REDUCING, that scope's absolute position
 * even when every open order of that scope on the same side fills too, without flipping it: a strategy scope against
 * the strategy's own position and open orders, an account scope against the account's, the global, instrument and
 * venue scopes against the desk's position and all open orders in the instrument (every venue).
 */
final class TradingGate {

    private final TradingStates states;

    TradingGate(TradingStates states) {
        this.states = states;
    }

    /**
     * Null when allowed. {@code account} null is {@link AccountId#DEFAULT}. {@code existing} is the order a replace
     * changes (its own leaves are not counted twice).
     */
    ExecutionOutcome check(StrategyId strategy, AccountId account, VenueId venue, InstrumentId instrument, Side side,
            long leaves, OrderView existing, StateView state) {
        AccountId acct = account == null ? AccountId.DEFAULT : account;
        TradingState global = states.global();
        TradingState byStrategy = states.get(TradingScope.strategy(strategy));
        TradingState byInstrument = states.get(TradingScope.instrument(instrument));
        TradingState byVenue = states.get(TradingScope.venue(venue));
        TradingState byAccount = states.get(TradingScope.account(acct));
        TradingState effective = global.mostRestrictive(byStrategy).mostRestrictive(byInstrument)
                .mostRestrictive(byVenue).mostRestrictive(byAccount);
        if (effective == TradingState.ACTIVE) {
            return null;
        }
        String scopes = "global " + global + ", strategy " + strategy + " " + byStrategy + ", instrument "
                + instrument + " " + byInstrument + ", venue " + venue + " " + byVenue + ", account " + acct + " "
                + byAccount;
        if (effective == TradingState.HALTED) {
            return ExecutionOutcome.refused(RejectReason.TRADING_HALTED, "trading is HALTED (" + scopes + ")"
                    + (states.killEngaged() ? "; kill switch engaged: " + states.killReason() : ""));
        }
        List<String> notReduced = new ArrayList<>();
        if (global == TradingState.REDUCING || byInstrument == TradingState.REDUCING
                || byVenue == TradingState.REDUCING) {
            check("desk", state.position(instrument).netQuantity(), o -> true, side, leaves, existing, instrument,
                    state, notReduced);
        }
        if (byStrategy == TradingState.REDUCING) {
            check("strategy " + strategy, state.position(strategy, instrument).netQuantity(),
                    o -> o.strategy().equals(strategy), side, leaves, existing, instrument, state, notReduced);
        }
        if (byAccount == TradingState.REDUCING) {
            check("account " + acct, state.position(acct, instrument).netQuantity(),
                    o -> o.account().equals(acct), side, leaves, existing, instrument, state, notReduced);
        }
        if (notReduced.isEmpty()) {
            return null;
        }
        return ExecutionOutcome.refused(RejectReason.TRADING_REDUCING, "trading is REDUCING (" + scopes + "): "
                + String.join("; ", notReduced));
    }

    /** Adds why the order does not reduce {@code net} (the position of {@code what}) to {@code notReduced}. */
    private static void check(String what, long net, Predicate<OrderView> belongs, Side side, long leaves,
            OrderView existing, InstrumentId instrument, StateView state, List<String> notReduced) {
        long sameSide = 0;
        for (OrderView o : state.openOrders(instrument)) {
            if (o.side() == side && belongs.test(o)
                    && (existing == null || !o.clientOrderId().equals(existing.clientOrderId()))) {
                sameSide += o.leavesQuantity();
            }
        }
        boolean reduces = net != 0 && side.sign() == -Long.signum(net) && sameSide + leaves <= Math.abs(net);
        if (!reduces) {
            notReduced.add(what + " position " + Fixed.format(net) + ", open " + side + " orders "
                    + Fixed.format(sameSide) + ", this order " + side + " " + Fixed.format(leaves)
                    + " would not reduce the position");
        }
    }

    /** Null when the venue is LOGGED_ON (connected and reconciled). */
    static ExecutionOutcome venueReady(VenueId venue, StateView state) {
        VenueSessionState session = state.venueState(venue);
        if (session == VenueSessionState.LOGGED_ON) {
            return null;
        }
        return ExecutionOutcome.refused(RejectReason.VENUE_NOT_READY, "venue " + venue + " is "
                + (session == null ? "not connected" : session) + ", not LOGGED_ON");
    }
}
