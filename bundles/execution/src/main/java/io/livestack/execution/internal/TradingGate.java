package io.livestack.execution.internal;

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

/**
 * Whether an order may go out now: the effective trading state (global, strategy, instrument; the most restrictive
 * wins) — HALTED refuses, REDUCING lets an order through only if it reduces the absolute position even when every
 * open order on the same side (all venues) fills too, without flipping it — and the venue's session (LOGGED_ON).
 */
final class TradingGate {

    private final TradingStates states;

    TradingGate(TradingStates states) {
        this.states = states;
    }

    /** Null when allowed. {@code existing} is the order a replace changes (its own leaves are not counted twice). */
    ExecutionOutcome check(StrategyId strategy, InstrumentId instrument, Side side, long leaves, OrderView existing,
            StateView state) {
        TradingState global = states.global();
        TradingState byStrategy = states.get(TradingScope.strategy(strategy));
        TradingState byInstrument = states.get(TradingScope.instrument(instrument));
        TradingState effective = global.mostRestrictive(byStrategy).mostRestrictive(byInstrument);
        if (effective == TradingState.ACTIVE) {
            return null;
        }
        String scopes = "global " + global + ", strategy " + strategy + " " + byStrategy + ", instrument "
                + instrument + " " + byInstrument;
        if (effective == TradingState.HALTED) {
            return ExecutionOutcome.refused(RejectReason.TRADING_HALTED, "trading is HALTED (" + scopes + ")"
                    + (states.killEngaged() ? "; kill switch engaged: " + states.killReason() : ""));
        }
        long net = state.position(instrument).netQuantity();
        long sameSide = 0;
        for (OrderView o : state.openOrders(instrument)) {
            if (o.side() == side && (existing == null || !o.clientOrderId().equals(existing.clientOrderId()))) {
                sameSide += o.leavesQuantity();
            }
        }
        boolean reduces = net != 0 && side.sign() == -Long.signum(net) && sameSide + leaves <= Math.abs(net);
        if (reduces) {
            return null;
        }
        return ExecutionOutcome.refused(RejectReason.TRADING_REDUCING, "trading is REDUCING (" + scopes
                + "): position " + Fixed.format(net) + ", open " + side + " orders " + Fixed.format(sameSide)
                + ", this order " + side + " " + Fixed.format(leaves) + " would not reduce the position");
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
