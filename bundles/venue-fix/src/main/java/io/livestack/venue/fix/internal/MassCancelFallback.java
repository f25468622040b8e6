package io.livestack.venue.fix.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.state.OrderView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last try of a failed reconciliation, when configured ({@code reconcileMassCancel}): one OrderMassCancelRequest
 * (all orders) and the orders in doubt it must close. Each is settled by an execution report that closes it (named by
 * any of its ClOrdIDs or its OrderID); when none is left, the venue's account and ours agree again (the orders are
 * gone) and the venue may trade. Thread-safe: reports arrive on the QuickFIX/J thread, the timeout on the adapter's.
 */
final class MassCancelFallback {

    private final String clOrdId;
    private final Map<String, OrderView> byKey = new HashMap<>();
    private int remaining;
    private boolean refused;

    MassCancelFallback(String clOrdId, List<OrderView> inDoubt) {
        this.clOrdId = clOrdId;
        for (OrderView o : inDoubt) {
            byKey.put("C:" + o.clientOrderId().value(), o);
            byKey.put("C:" + o.currentClientOrderId().value(), o);
            if (o.venueOrderId() != null) {
                byKey.put("O:" + o.venueOrderId().value(), o);
            }
        }
        this.remaining = inDoubt.size();
    }

    String clOrdId() {
        return clOrdId;
    }

    /** A report arrived: true when it closed the last order in doubt (exactly once). */
    synchronized boolean onReport(ExecutionReport r) {
        if (remaining == 0 || refused || !r.orderStatus().isTerminal()) {
            return false;
        }
        OrderView o = find(r);
        if (o == null) {
            return false;
        }
        byKey.values().removeIf(v -> v == o);
        remaining--;
        return remaining == 0;
    }

    /** The venue refused the mass cancel (OrderMassCancelReport 531=0, or a Reject of it). */
    synchronized void refused() {
        refused = true;
    }

    synchronized boolean done() {
        return remaining == 0 && !refused;
    }

    synchronized int remaining() {
        return remaining;
    }

    private OrderView find(ExecutionReport r) {
        OrderView o = byKey.get("C:" + r.clientOrderId().value());
        if (o == null && r.origClientOrderId() != null) {
            o = byKey.get("C:" + r.origClientOrderId().value());
        }
        if (o == null && r.venueOrderId() != null) {
            o = byKey.get("O:" + r.venueOrderId().value());
        }
        return o;
    }
}
