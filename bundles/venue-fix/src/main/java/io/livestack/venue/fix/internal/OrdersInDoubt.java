package io.livestack.venue.fix.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders a failed reconciliation left in doubt, during one of its last tries: a resend of the venue's messages
 * from the start of its session ({@code reconcileResend}: any report naming an order settles it — the venue's whole
 * stream about it has come again) or an OrderMassCancelRequest ({@code reconcileMassCancel}: a report closing an
 * order settles it). Orders are named by any of their ClOrdIDs or their OrderID. Thread-safe: reports arrive on the
 * QuickFIX/J thread, the checks on the adapter's.
 */
final class OrdersInDoubt {

    private final String requestId;
    private final boolean closingOnly;
    private final Map<String, OrderView> byKey = new HashMap<>();
    private final List<OrderView> open;
    private boolean refused;

    /** {@code closingOnly}: only a report closing an order settles it (a mass cancel). */
    OrdersInDoubt(String requestId, List<OrderView> inDoubt, boolean closingOnly) {
        this.requestId = requestId;
        this.closingOnly = closingOnly;
        this.open = new ArrayList<>(inDoubt);
        for (OrderView o : inDoubt) {
            byKey.put("C:" + o.clientOrderId().value(), o);
            byKey.put("C:" + o.currentClientOrderId().value(), o);
            if (o.venueOrderId() != null) {
                byKey.put("O:" + o.venueOrderId().value(), o);
            }
        }
    }

    String requestId() {
        return requestId;
    }

    /** A report arrived: true when it settled the last order in doubt (exactly once). */
    synchronized boolean onReport(ExecutionReport r) {
        if (open.isEmpty() || refused || (closingOnly && !r.orderStatus().isTerminal())) {
            return false;
        }
        OrderView o = find(r);
        if (o == null) {
            return false;
        }
        byKey.values().removeIf(v -> v == o);
        open.remove(o);
        return open.isEmpty();
    }

    /** The venue refused the request (e.g. OrderMassCancelReport 531=0, or a Reject of it). */
    synchronized void refused() {
        refused = true;
    }

    synchronized boolean done() {
        return open.isEmpty() && !refused;
    }

    /** The orders still in doubt, in the order given. */
    synchronized List<OrderView> remaining() {
        return List.copyOf(open);
    }

    /** Their current ClOrdIDs, for the operator. */
    synchronized List<String> remainingIds() {
        List<String> ids = new ArrayList<>();
        for (OrderView o : open) {
            ids.add(o.currentClientOrderId().value());
        }
        return ids;
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
