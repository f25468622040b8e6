package io.livestack.risk.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.InstrumentSpec;
import io.livestack.api.state.StateView;

/**
 * The instrument's reference data at the order's venue: NO_REFERENCE_DATA (none, and the reference data refuses
 * unknown instruments), OFF_TICK (a limit price off the tick grid), OFF_LOT (a quantity not a whole number of lots),
 * QUANTITY_OUT_OF_RANGE (below the minimum or above the venue's maximum quantity). Stateless; a refusal here is a malformed order, not a limit breach.
 */
final class ReferenceDataChecks {

    private ReferenceDataChecks() {
    }

    /** {@code spec}: the instrument's reference data at the order's venue, null when none. */
    static RiskDecision check(RiskOrder o, InstrumentSpec spec, StateView state) {
        if (spec == null) {
            if (state.referenceData().refuseUnknownInstruments()) {
                return reject(RejectReason.NO_REFERENCE_DATA, o, "instrument " + o.instrument()
                        + " has no reference data at " + o.venue() + " and unknown instruments are refused");
            }
            return null;
        }
        if (o.type() == OrderType.LIMIT && !spec.onTick(o.limitPrice())) {
            return reject(RejectReason.OFF_TICK, o, "limit price " + Fixed.format(o.limitPrice())
                    + " is not on the tick grid of " + o.instrument() + " at " + o.venue() + " (tick "
                    + Fixed.format(spec.tickAt(o.limitPrice())) + ")");
        }
        if (!spec.onLot(o.quantity())) {
            return reject(RejectReason.OFF_LOT, o, "quantity " + Fixed.format(o.quantity())
                    + " is not a whole number of lots of " + o.instrument() + " at " + o.venue() + " (lot "
                    + Fixed.format(spec.lotSize()) + ")");
        }
        if (spec.minQuantity() > 0 && o.quantity() < spec.minQuantity()) {
            return reject(RejectReason.QUANTITY_OUT_OF_RANGE, o, "quantity "
                    + Fixed.format(o.quantity()) + " is below the minimum " + Fixed.format(spec.minQuantity())
                    + " of " + o.instrument() + " at " + o.venue());
        }
        if (spec.maxQuantity() > 0 && o.quantity() > spec.maxQuantity()) {
            return reject(RejectReason.QUANTITY_OUT_OF_RANGE, o, "quantity "
                    + Fixed.format(o.quantity()) + " is above the maximum " + Fixed.format(spec.maxQuantity())
                    + " of " + o.instrument() + " at " + o.venue());
        }
        return null;
    }

    private static RiskDecision reject(RejectReason reason, RiskOrder o, String detail) {
        return RiskDecision.reject(reason, detail);
    }
}
