package io.livestack.venue.fix.internal;

import io.livestack.api.state.OrderView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reconciliation after a logon: which of the open orders the venue has answered for. An answer (a status
 * execution report, or a Reject/BusinessMessageReject of the status request) is matched by any of the order's
 * ClOrdIDs (handle, current, pending) or its OrderID. Completes when every order is answered, when a mass status
 * request's last report arrives, or when it expires. Thread-safe: answers arrive on the QuickFIX/J thread, the expiry
 * on the adapter's thread.
 */
final class Reconciliation {

    private final String massStatusReqId;
    private final int total;
    private final Map<String, Integer> orderByKey = new HashMap<>();
    private final boolean[] answered;
    private int remaining;
    private int refused;
    private final java.util.Set<Integer> refusedOrders = new java.util.HashSet<>();
    private boolean complete;
    private boolean expired;

    private Reconciliation(List<OrderView> orders, String massStatusReqId) {
        this.massStatusReqId = massStatusReqId;
        this.total = orders.size();
        this.answered = new boolean[total];
        this.remaining = total;
        for (int i = 0; i < total; i++) {
            OrderView o = orders.get(i);
            orderByKey.put("C:" + o.clientOrderId().value(), i);
            orderByKey.put("C:" + o.currentClientOrderId().value(), i);
            if (o.pendingClientOrderId() != null) {
                orderByKey.put("C:" + o.pendingClientOrderId().value(), i);
            }
            if (o.venueOrderId() != null) {
                orderByKey.put("O:" + o.venueOrderId().value(), i);
            }
        }
        this.complete = total == 0;
    }

    /** One OrderStatusRequest per order. */
    static Reconciliation perOrder(List<OrderView> orders) {
        return new Reconciliation(orders, null);
    }

    /** One OrderMassStatusRequest with this MassStatusReqID. */
    static Reconciliation massStatus(List<OrderView> orders, String massStatusReqId) {
        return new Reconciliation(orders, massStatusReqId);
    }

    String massStatusReqId() {
        return massStatusReqId;
    }

    /**
     * A status answer arrived. Returns true when this answer completed the reconciliation (exactly once).
     *
     * @param lastOfMassStatus the report carries our MassStatusReqID and LastRptRequested=Y
     */
    synchronized boolean onStatus(String clOrdId, String origClOrdId, String orderId, boolean lastOfMassStatus) {
        if (complete) {
            return false;
        }
        mark(find(clOrdId, origClOrdId, orderId));
        if (lastOfMassStatus || remaining == 0) {
            complete = true;
            return true;
        }
        return false;
    }

    /** The venue refused the status request for this ClOrdID (or the mass status request: {@code clOrdId} null). */
    synchronized boolean onRefused(String clOrdId) {
        if (complete) {
            return false;
        }
        if (clOrdId == null) {
            refused += remaining;
            remaining = 0;
        } else {
            Integer i = orderByKey.get("C:" + clOrdId);
            if (i != null && !answered[i]) {
                answered[i] = true;
                remaining--;
                refused++;
                refusedOrders.add(i);
            }
        }
        if (remaining == 0) {
            complete = true;
            return true;
        }
        return false;
    }

    /** The timeout passed: returns true when this completed the reconciliation (nothing else did before). */
    synchronized boolean expire() {
        if (complete) {
            return false;
        }
        complete = true;
        expired = true;
        return true;
    }

    synchronized boolean isComplete() {
        return complete;
    }

    /** Complete with every order answered: the venue's account and ours can be compared, trading may start. */
    synchronized boolean succeeded() {
        return complete && remaining == 0 && refused == 0;
    }

    /** The orders neither answered for nor refused-and-retried: their state at the venue is unknown. */
    synchronized List<String> inDoubt(List<OrderView> orders) {
        List<String> doubt = new java.util.ArrayList<>();
        if (refused > 0 && massStatusReqId != null) {
            for (OrderView o : orders) {
                doubt.add(o.currentClientOrderId().value());
            }
            return doubt;
        }
        for (int i = 0; i < total; i++) {
            if (!answered[i] || refusedOrders.contains(i)) {
                doubt.add(orders.get(i).currentClientOrderId().value());
            }
        }
        return doubt;
    }

    /** "reconciled 3 of 3 open orders", with refusals and expiry. */
    synchronized String summary() {
        int answeredCount = total - remaining - refused;
        StringBuilder s = new StringBuilder("reconciled ").append(answeredCount).append(" of ").append(total)
                .append(" open orders");
        if (massStatusReqId != null) {
            s.append(" (mass status ").append(massStatusReqId).append(')');
        }
        if (refused > 0) {
            s.append("; ").append(refused).append(" status requests refused by the venue");
        }
        if (expired && remaining > 0) {
            s.append("; ").append(remaining).append(" unanswered at the timeout");
        }
        return s.toString();
    }

    private Integer find(String clOrdId, String origClOrdId, String orderId) {
        Integer i = clOrdId == null ? null : orderByKey.get("C:" + clOrdId);
        if (i == null && origClOrdId != null) {
            i = orderByKey.get("C:" + origClOrdId);
        }
        if (i == null && orderId != null) {
            i = orderByKey.get("O:" + orderId);
        }
        return i;
    }

    private void mark(Integer i) {
        if (i != null && !answered[i]) {
            answered[i] = true;
            remaining--;
        }
    }
}
