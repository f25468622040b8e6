package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionSnapshot.BookedFill;
import io.livestack.api.state.OrderView;

/**
 * A venue's busts and corrections of fills it reported (FIX ExecType H / G; ExecTransType 1 / 2 in FIX 4.2), and the
 * fills they refer to ({@link BookedFills}). A bust reverses the fill named by ExecRefID exactly as it was booked:
 * the order's filled quantity and average price, the position (and so P&amp;L) — a fill record of kind BUST. A
 * correction reverses the original the same way and books the corrected quantity and price (a BUST and a CORRECTION
 * record). The order's status follows its quantities: a FILLED order a bust leaves short of its quantity lives again
 * (PARTIALLY_FILLED / NEW) unless the venue says it is done (CANCELED, EXPIRED…). Each is an alert. A bust of an
 * execution not known here (too old, or never booked) reverses nothing: it is an alert that names it.
 */
final class TradeCorrections {

    private final BookedFills fills;
    private final ExecutionCounters counters;

    TradeCorrections(BookedFills fills, ExecutionCounters counters) {
        this.fills = fills;
        this.counters = counters;
    }

    /** A new fill was booked for {@code order} (remembered for a later bust or correction). */
    void booked(OrderView order, ExecId execId, long quantity, long price) {
        fills.booked(order.venue(), execId, order.clientOrderId(), quantity, price);
    }

    void onBustOrCorrection(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        boolean correction = r.execType() == ExecType.TRADE_CORRECT;
        ExecId ref = r.execRefId();
        BookedFill original = fills.find(r.venue(), ref);
        if (original == null || !original.order().equals(order.clientOrderId())) {
            counters.alert(r.venue(), correction ? VenueAlert.FILL_CORRECTED : VenueAlert.FILL_BUST,
                    (correction ? "correction " : "bust ") + r.execId() + " of execution " + ref + " of order "
                            + order.clientOrderId() + ": that execution is not booked here"
                            + (original == null ? "" : " for this order (it is order " + original.order() + "'s)")
                            + "; nothing reversed — check the order and position with the venue", ctx);
            return;
        }
        OrderBuilder b = new OrderBuilder(order);
        b.takeFrom(r.venueOrderId(), r.text());
        b.removeFill(original.quantity(), original.price());
        if (correction) {
            b.addFill(r.lastQuantity(), r.lastPrice());
        }
        b.overfilled = b.filledQuantity > b.quantity;
        b.status = statusAfter(order, b, r);
        OrderView after = OrderUpdates.put(ctx, b, correction ? OrderEvent.FILL_CORRECTED : OrderEvent.FILL_BUST);
        OrderUpdates.book(fill(after, r, FillRecord.Kind.BUST, original.quantity(), original.price(), ctx), ctx);
        fills.forget(r.venue(), ref);
        String what = "execution " + ref + " of order " + order.clientOrderId() + " (" + order.side() + " "
                + Fixed.format(original.quantity()) + " @ " + Fixed.format(original.price()) + ")";
        if (correction) {
            OrderUpdates.book(fill(after, r, FillRecord.Kind.CORRECTION, r.lastQuantity(), r.lastPrice(), ctx), ctx);
            fills.booked(r.venue(), ref, order.clientOrderId(), r.lastQuantity(), r.lastPrice());
            fills.booked(r.venue(), r.execId(), order.clientOrderId(), r.lastQuantity(), r.lastPrice());
            counters.alert(r.venue(), VenueAlert.FILL_CORRECTED, "correction " + r.execId() + " of " + what
                    + " to " + Fixed.format(r.lastQuantity()) + " @ " + Fixed.format(r.lastPrice())
                    + ": the original reversed, the corrected fill booked", ctx);
        } else {
            counters.alert(r.venue(), VenueAlert.FILL_BUST, "bust " + r.execId() + " of " + what
                    + ": reversed (order filled " + Fixed.format(after.filledQuantity()) + ", " + after.status()
                    + ")", ctx);
        }
    }

    private static OrderStatus statusAfter(OrderView order, OrderBuilder b, ExecutionReport r) {
        OrderStatus now = order.status();
        if (now.isTerminal() && now != OrderStatus.FILLED) {
            return now; // canceled, rejected, expired: what is left of it stays done
        }
        OrderStatus fromQuantities = b.liveStatus();
        if (now == OrderStatus.FILLED && fromQuantities != OrderStatus.FILLED && r.orderStatus().isTerminal()
                && r.orderStatus() != OrderStatus.FILLED) {
            return r.orderStatus(); // the venue says the order is done although short of its quantity
        }
        return fromQuantities;
    }

    private static FillRecord fill(OrderView order, ExecutionReport r, FillRecord.Kind kind, long quantity,
            long price, ExecutionContext ctx) {
        return new FillRecord(ctx.seq(), ctx.now(), order.venue(), r.execId(), order.clientOrderId(), order.venueOrderId(),
                order.strategy(), order.instrument(), order.side(), price, quantity, r.liquidity(), 0, null,
                r.sourceTimeNanos(), kind, r.execRefId(), order.account());
    }
}
