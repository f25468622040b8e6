package io.livestack.venue.fix.internal;

import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime's part in the end-to-end tests, reduced to what they check: orders by any ClOrdID of their chain, fills
 * applied once per exec id (as the runtime's dedup does), the open orders handed to reconcile.
 */
final class OrderTracker {

    private final Map<ClientOrderId, OrderView> byHandle = new LinkedHashMap<>();
    private final Map<ClientOrderId, ClientOrderId> handles = new HashMap<>();
    private final Set<String> fillExecIds = new HashSet<>();
    private final List<ExecutionReport> uniqueFills = new ArrayList<>();
    private final List<ExecutionReport> duplicateFills = new ArrayList<>();

    synchronized void submitted(OrderView order) {
        byHandle.put(order.clientOrderId(), order);
        handles.put(order.clientOrderId(), order.clientOrderId());
    }

    synchronized void alias(ClientOrderId alias, ClientOrderId handle) {
        handles.put(alias, handle);
    }

    synchronized OrderView view(ClientOrderId handle) {
        return byHandle.get(handle);
    }

    synchronized List<OrderView> openOrders() {
        return byHandle.values().stream().filter(OrderView::isOpen).toList();
    }

    synchronized List<ExecutionReport> uniqueFills() {
        return List.copyOf(uniqueFills);
    }

    synchronized List<ExecutionReport> duplicateFills() {
        return List.copyOf(duplicateFills);
    }

    synchronized void accept(Event event) {
        if (!(event instanceof ExecutionReport er)) {
            return;
        }
        ClientOrderId handle = handles.get(er.clientOrderId());
        if (handle == null && er.origClientOrderId() != null) {
            handle = handles.get(er.origClientOrderId());
        }
        if (handle == null) {
            return;
        }
        handles.put(er.clientOrderId(), handle);
        OrderView o = byHandle.get(handle);
        long filled = o.filledQuantity();
        if (er.execType() == ExecType.TRADE) {
            if (!fillExecIds.add(er.execId().value())) {
                duplicateFills.add(er);
                return;
            }
            uniqueFills.add(er);
            filled += er.lastQuantity();
        }
        ClientOrderId current = er.execType() == ExecType.REPLACED ? er.clientOrderId() : o.currentClientOrderId();
        long price = er.execType() == ExecType.REPLACED ? er.price() : o.price();
        long quantity = er.execType() == ExecType.REPLACED ? er.orderQuantity() : o.quantity();
        OrderStatus status = o.status().isTerminal() && er.execType() == ExecType.ORDER_STATUS ? o.status()
                : er.orderStatus();
        byHandle.put(handle, new OrderView(o.clientOrderId(), current, null,
                er.venueOrderId() != null && !"NONE".equals(er.venueOrderId().value()) ? er.venueOrderId()
                        : o.venueOrderId(),
                o.strategy(), o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), price, quantity,
                filled, er.averagePrice(), status, 0, 0, false, true, er.text(), o.createdSeq(), o.updatedSeq() + 1,
                0, 0, o.account()));
    }
}
