package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue's view of an order (ExecType RESTATED, or ORDER_STATUS answering a status request after a logon), used to
 * move forward only: the status where the venue is ahead, price and quantity when no request is pending; a terminal
 * order keeps its status. When the venue's cumulative quantity exceeds ours, the difference is booked once as a
 * synthesized fill ({@link SynthesizedFills}, with {@code synthesizeMissingFills}); trade reports are always
 * preferred, nothing is synthesized from a trade report.
 */
final class StatusReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReconciliation.class);

    private final Supplier<ExecutionSettings> settings;
    private final SynthesizedFills synthesized;
    private final ExecutionCounters counters;

    StatusReconciliation(Supplier<ExecutionSettings> settings, SynthesizedFills synthesized,
            ExecutionCounters counters) {
        this.settings = settings;
        this.synthesized = synthesized;
        this.counters = counters;
    }

    void onStatus(OrderView order, ExecutionReport r, ExecutionContext ctx) {
        OrderBuilder b = new OrderBuilder(order);
        boolean terminal = order.status().isTerminal();
        b.takeFrom(r.venueOrderId(), r.text());
        if (!terminal && b.pendingClientOrderId == null) {
            if (r.orderQuantity() > 0) {
                b.quantity = r.orderQuantity();
            }
            if (r.price() > 0 && order.type() == OrderType.LIMIT) {
                b.price = r.price();
            }
        }
        long missing = r.cumulativeQuantity() - order.filledQuantity();
        ExecId syntheticId = null;
        long syntheticPrice = 0;
        if (missing > 0 && settings.get().synthesizeMissingFills()) {
            syntheticId = SynthesizedFills.execId(order.clientOrderId(), r.cumulativeQuantity());
            if (ctx.orders().knowsExecution(r.venue(), syntheticId)) {
                syntheticId = null;
            } else {
                syntheticPrice = SynthesizedFills.price(order, r, missing, ctx.state());
                b.addFill(missing, syntheticPrice);
                if (b.filledQuantity > b.quantity) {
                    b.overfilled = true;
                }
            }
        } else if (missing < 0) {
            LOG.warn("Venue {} reports cumulative quantity {} for {} but {} was booked; keeping ours", r.venue(),
                    Fixed.format(r.cumulativeQuantity()), order.clientOrderId(),
                    Fixed.format(order.filledQuantity()));
        }
        if (!terminal) {
            moveForward(b, r);
        }
        OrderView after = OrderUpdates.put(ctx, b,
                r.execType() == ExecType.RESTATED ? OrderEvent.RESTATED : OrderEvent.RECONCILED);
        OrderUpdates.overfilled(order, after, ctx, counters);
        if (syntheticId != null) {
            ctx.orders().rememberExecution(r.venue(), syntheticId, ctx.now());
            counters.synthesizedFills.incrementAndGet();
            synthesized.booked(order.clientOrderId(), missing);
            LOG.warn("Order {}: venue {} reports cumulative quantity {}, {} was booked: synthesized fill {} of {} @ {}",
                    order.clientOrderId(), r.venue(), Fixed.format(r.cumulativeQuantity()),
                    Fixed.format(order.filledQuantity()), syntheticId, Fixed.format(missing),
                    Fixed.format(syntheticPrice));
            OrderUpdates.bookFill(after, syntheticId, missing, syntheticPrice, r, ctx);
        }
    }

    /** The status the venue reports, where it is ahead of ours. */
    private static void moveForward(OrderBuilder b, ExecutionReport r) {
        switch (r.orderStatus()) {
            case FILLED, CANCELED, EXPIRED, REJECTED -> {
                b.status = r.orderStatus();
                b.clearPending();
            }
            case PENDING_NEW -> b.status = b.liveStatus();
            default -> {
                b.acknowledged = true; // the venue knows the order as live
                b.status = b.liveStatus();
            }
        }
        if (b.status == io.livestack.api.model.OrderStatus.FILLED) {
            b.clearPending();
        }
    }
}
