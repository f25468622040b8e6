package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.Fixed;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a transition reaches the state and the records: store the order, record what happened, book fills. */
final class OrderUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(OrderUpdates.class);

    private OrderUpdates() {
    }

    /** Stores the built order and records {@code event} (none when null). */
    static OrderView put(ExecutionContext ctx, OrderBuilder b, OrderEvent event) {
        return put(ctx, b.build(ctx.seq(), ctx.now()), event);
    }

    static OrderView put(ExecutionContext ctx, OrderView view, OrderEvent event) {
        ctx.orders().putOrder(view);
        if (event != null) {
            ctx.record(new OrderRecord(ctx.seq(), ctx.now(), event, view));
        }
        return view;
    }

    /** Stores and records only a real change (idempotent reports leave no trace). */
    static void putIfChanged(OrderView before, OrderBuilder b, OrderEvent event, ExecutionContext ctx) {
        OrderView view = b.build(ctx.seq(), ctx.now());
        if (OrderBuilder.changed(before, view)) {
            put(ctx, view, event);
        }
    }

    /** The order became overfilled with this transition: counted, logged, recorded once. */
    static void overfilled(OrderView before, OrderView after, ExecutionContext ctx, ExecutionCounters counters) {
        if (!after.overfilled() || before.overfilled()) {
            return;
        }
        counters.overfills.incrementAndGet();
        LOG.warn("Order {} is OVERFILLED: filled {} of {}", after.clientOrderId(),
                Fixed.format(after.filledQuantity()), Fixed.format(after.quantity()));
        ctx.record(new OrderRecord(ctx.seq(), ctx.now(), OrderEvent.OVERFILLED, after));
    }

    /** FillRecord → state (position) → records. */
    static void bookFill(OrderView order, ExecId execId, long quantity, long price, ExecutionReport r,
            ExecutionContext ctx) {
        FillRecord fill = new FillRecord(ctx.seq(), ctx.now(), order.venue(), execId, order.clientOrderId(),
                order.venueOrderId(), order.strategy(), order.instrument(), order.side(), price, quantity,
                r.liquidity(), r.isTrade() ? r.fee() : 0, r.isTrade() ? r.feeCurrency() : null, r.sourceTimeNanos(),
                FillRecord.Kind.TRADE, null, order.account());
        book(fill, ctx);
    }

    /** Applies a fill to its positions and records it and the position at every level it changed. */
    static void book(FillRecord fill, ExecutionContext ctx) {
        java.util.List<PositionRecord> positions = ctx.orders().applyFillAtEveryLevel(ctx.seq(), ctx.now(), fill);
        ctx.record(fill);
        for (int i = 0; i < positions.size(); i++) {
            ctx.record(positions.get(i));
        }
    }
}
