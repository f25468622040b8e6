package io.livestack.state.internal;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders of the session by handle, an alias index that resolves every ClOrdID of an order's chain (handle,
 * current, pending request and anything {@link #alias aliased}) to its handle, and an index of open orders (overall
 * and per instrument). Processing thread only.
 */
final class OrderIndex {

    private static final Logger LOG = LoggerFactory.getLogger(OrderIndex.class);

    private final Map<ClientOrderId, OrderView> orders = new LinkedHashMap<>();
    private final Map<ClientOrderId, ClientOrderId> aliases = new HashMap<>();
    private final Map<ClientOrderId, OrderView> open = new LinkedHashMap<>();
    private final Map<InstrumentId, Map<ClientOrderId, OrderView>> openByInstrument = new HashMap<>();

    void put(OrderView order) {
        ClientOrderId handle = order.clientOrderId();
        OrderView previous = orders.put(handle, order);
        alias(handle, handle);
        alias(order.currentClientOrderId(), handle);
        if (order.pendingClientOrderId() != null) {
            alias(order.pendingClientOrderId(), handle);
        }
        if (previous != null && !previous.instrument().equals(order.instrument())) {
            removeOpen(previous.instrument(), handle);
        }
        if (order.isOpen()) {
            open.put(handle, order);
            openByInstrument.computeIfAbsent(order.instrument(), k -> new LinkedHashMap<>()).put(handle, order);
        } else {
            removeOpen(order.instrument(), handle);
        }
    }

    private void removeOpen(InstrumentId instrument, ClientOrderId handle) {
        open.remove(handle);
        Map<ClientOrderId, OrderView> index = openByInstrument.get(instrument);
        if (index != null) {
            index.remove(handle);
        }
    }

    /** Points {@code alias} at {@code handle}; an alias never moves to another order once it names one. */
    void alias(ClientOrderId alias, ClientOrderId handle) {
        ClientOrderId before = aliases.putIfAbsent(alias, handle);
        if (before != null && !before.equals(handle)) {
            LOG.warn("ClOrdID {} already names order {}; not re-pointing it to {}", alias, before, handle);
        }
    }

    OrderView get(ClientOrderId anyClientOrderId) {
        ClientOrderId handle = aliases.get(anyClientOrderId);
        return handle == null ? null : orders.get(handle);
    }

    boolean isEmpty() {
        return orders.isEmpty();
    }

    Collection<OrderView> all() {
        return List.copyOf(orders.values());
    }

    Collection<OrderView> open() {
        return List.copyOf(open.values());
    }

    Collection<OrderView> open(InstrumentId instrument) {
        Map<ClientOrderId, OrderView> index = openByInstrument.get(instrument);
        return index == null || index.isEmpty() ? List.of() : List.copyOf(index.values());
    }

    /** The open orders at {@code venue}, in the order they were first put. */
    List<OrderView> open(VenueId venue) {
        List<OrderView> out = new ArrayList<>();
        for (OrderView order : open.values()) {
            if (order.venue().equals(venue)) {
                out.add(order);
            }
        }
        return out;
    }

    int openCount() {
        return open.size();
    }

    /** Every alias and the handle it names, sorted by alias. */
    Map<ClientOrderId, ClientOrderId> aliases() {
        return new java.util.TreeMap<>(aliases);
    }

    /** Puts back orders (in their order) and aliases as a snapshot holds them; what was here is gone. */
    void restore(List<OrderView> snapshotOrders, Map<ClientOrderId, ClientOrderId> snapshotAliases) {
        orders.clear();
        aliases.clear();
        open.clear();
        openByInstrument.clear();
        for (OrderView order : snapshotOrders) {
            put(order);
        }
        aliases.putAll(snapshotAliases);
    }

    /**
     * Lets go of the orders closed before {@code cutoffNanos} (terminal, last changed before it) and of the ClOrdIDs
     * that name them; returns how many orders.
     */
    int evictClosedBefore(long cutoffNanos) {
        java.util.Set<ClientOrderId> gone = new java.util.HashSet<>();
        java.util.Iterator<OrderView> it = orders.values().iterator();
        while (it.hasNext()) {
            OrderView order = it.next();
            if (order.status().isTerminal() && order.updatedTimeNanos() < cutoffNanos) {
                it.remove();
                gone.add(order.clientOrderId());
            }
        }
        if (!gone.isEmpty()) {
            aliases.values().removeIf(gone::contains);
        }
        return gone.size();
    }

    /** Every order sorted by handle (for the state hash). */
    List<OrderView> sorted() {
        List<OrderView> sorted = new ArrayList<>(orders.values());
        sorted.sort((a, b) -> a.clientOrderId().compareTo(b.clientOrderId()));
        return sorted;
    }
}
