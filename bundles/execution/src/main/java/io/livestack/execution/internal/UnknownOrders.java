package io.livestack.execution.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports for orders this runtime does not know (or that name an order of another venue): recorded as metadata (kind
 * VENUE) and counted; their fills are applied to the position under the strategy {@value #STRATEGY} unless
 * {@code applyUnknownOrderFills=false}, because the position must reflect what the venue executed.
 */
final class UnknownOrders {

    static final String STRATEGY = "unknown";
    private static final Logger LOG = LoggerFactory.getLogger(UnknownOrders.class);

    private final Supplier<ExecutionSettings> settings;
    private final ExecutionCounters counters;

    UnknownOrders(Supplier<ExecutionSettings> settings, ExecutionCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    void onReport(ExecutionReport r, OrderView otherVenueOrder, ExecutionContext ctx) {
        counters.unknownOrderReports.incrementAndGet();
        String what = otherVenueOrder == null ? "unknown order" : "order of venue " + otherVenueOrder.venue();
        counters.alert(r.venue(), VenueAlert.UNKNOWN_ORDER_REPORT, "execution report for " + what + ": clOrdId=" + r.clientOrderId() + " origClOrdId="
                        + r.origClientOrderId() + " venueOrderId=" + r.venueOrderId() + " execId=" + r.execId()
                        + " execType=" + r.execType() + " status=" + r.orderStatus() + " instrument="
                        + r.instrument() + " side=" + r.side() + " lastQty=" + Fixed.format(r.lastQuantity())
                        + " lastPx=" + Fixed.format(r.lastPrice()) + " cumQty="
                        + Fixed.format(r.cumulativeQuantity()) + (r.text() == null ? "" : " text=" + r.text())
                        + (r.isTrade() && settings.get().applyUnknownOrderFills()
                                ? "; its fill is booked to strategy '" + STRATEGY + "'" : ""), ctx);
        if (r.execType() == ExecType.ORDER_STATUS) {
            return;
        }
        if (r.isTrade() && settings.get().applyUnknownOrderFills() && r.instrument() != null && r.side() != null) {
            OrderUpdates.book(new FillRecord(ctx.seq(), ctx.now(), r.venue(), r.execId(), r.clientOrderId(),
                    r.venueOrderId(), StrategyId.of(STRATEGY), r.instrument(), r.side(), r.lastPrice(),
                    r.lastQuantity(), r.liquidity(), r.fee(), r.feeCurrency(), r.sourceTimeNanos()), ctx);
        }
    }

    void onCancelRejected(OrderCancelRejected reject, ExecutionContext ctx) {
        counters.unknownOrderReports.incrementAndGet();
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, reject.venue().value(),
                (reject.replace() ? "replace" : "cancel") + " reject for unknown order: clOrdId="
                        + reject.clientOrderId() + " origClOrdId=" + reject.origClientOrderId() + " reason="
                        + reject.reason()));
    }
}
