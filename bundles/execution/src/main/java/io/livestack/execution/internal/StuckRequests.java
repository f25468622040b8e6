package io.livestack.execution.internal;

import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.record.OrderEvent;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cancels and replaces the venue leaves unanswered. An order PENDING_CANCEL or PENDING_REPLACE that has not changed
 * for {@code stuckRequestTimeoutMs} gets a status request (its answer, an ORDER_STATUS report, settles it); still
 * unchanged after as long again, it is flagged STUCK: a record (OrderEvent STUCK, once), the STUCK_REQUEST venue
 * alert (metric, metadata, {@code venues}), the state's stuck orders (health, web console). Never left silent. The
 * flag goes when the order moves on.
 * <p>
 * One execution timer ({@link TimerOwner#EXECUTION}) at a time, armed for the earliest deadline whenever a request is
 * sent or a check finds requests still pending; timers are sequenced events, so a replay checks at the same points.
 * Which timer is armed, the last token and the requests already asked about are kept in execution control's snapshot
 * ({@link #snapshot()}): the pending timer itself is in the runtime's, and a chain restored from it must neither arm a
 * second one nor ask again where the chain that took it would flag. Processing thread only.
 */
final class StuckRequests {

    private final Supplier<ExecutionSettings> settings;
    private final ExecutionCounters counters;
    /** Pending request ClOrdIDs already asked about. */
    private final Set<ClientOrderId> asked = new HashSet<>();
    private long armedAt;
    private long tokens;

    StuckRequests(Supplier<ExecutionSettings> settings, ExecutionCounters counters) {
        this.settings = settings;
        this.counters = counters;
    }

    ExecutionSnapshot.StuckChecks snapshot() {
        return new ExecutionSnapshot.StuckChecks(armedAt, tokens, List.copyOf(asked));
    }

    void restore(ExecutionSnapshot.StuckChecks snapshot) {
        armedAt = snapshot.armedAtNanos();
        tokens = snapshot.lastToken();
        asked.clear();
        asked.addAll(snapshot.asked());
    }

    /** A cancel or replace was sent for an order: make sure a check comes. */
    void requested(ExecutionContext ctx) {
        arm(ctx.now() + timeoutNanos(), ctx);
    }

    void onTimer(ExecutionContext ctx) {
        armedAt = 0;
        long now = ctx.now();
        long timeout = timeoutNanos();
        long next = Long.MAX_VALUE;
        for (OrderView order : ctx.state().openOrders()) {
            if (!pending(order)) {
                continue;
            }
            long age = now - order.updatedTimeNanos();
            ClientOrderId request = order.pendingClientOrderId();
            boolean stuck = ctx.state().stuckOrders().containsKey(order.clientOrderId());
            if (age >= 2 * timeout && asked.contains(request)) {
                if (!stuck) {
                    flag(order, ctx);
                }
            } else if (age >= timeout && !asked.contains(request)) {
                ask(order, ctx);
                next = Math.min(next, now + timeout);
            } else {
                next = Math.min(next, order.updatedTimeNanos() + (asked.contains(request) ? 2 : 1) * timeout);
            }
        }
        asked.removeIf(id -> !stillPending(id, ctx));
        if (next != Long.MAX_VALUE) {
            arm(next, ctx);
        }
    }

    private void ask(OrderView order, ExecutionContext ctx) {
        asked.add(order.pendingClientOrderId());
        VenueAdapter adapter = ctx.venue(order.venue());
        if (adapter != null) {
            adapter.requestStatus(order);
        }
    }

    private void flag(OrderView order, ExecutionContext ctx) {
        ctx.orders().flagStuck(order.clientOrderId(), ctx.now());
        String what = order.status() == OrderStatus.PENDING_CANCEL ? "cancel" : "replace";
        ctx.record(new OrderRecord(ctx.seq(), ctx.now(), OrderEvent.STUCK, order));
        counters.alert(order.venue(), VenueAlert.STUCK_REQUEST, what + " " + order.pendingClientOrderId()
                + " of order " + order.clientOrderId() + " unanswered for "
                + TimeUnit.NANOSECONDS.toMillis(ctx.now() - order.updatedTimeNanos())
                + " ms, also after a status request: the order is STUCK — check it with the venue (cancel again, "
                + "or ask the venue's support)", ctx);
    }

    private void arm(long at, ExecutionContext ctx) {
        // a timer due later than now is still pending and comes first; one due by now may have fired while execution
        // control was away (the stand-in took it, the snapshot carried meanwhile still names it): arm one again
        if (armedAt != 0 && armedAt <= at && armedAt > ctx.now()) {
            return;
        }
        armedAt = at;
        ctx.scheduleTimer(TimerOwner.EXECUTION, at, ++tokens);
    }

    private long timeoutNanos() {
        return TimeUnit.MILLISECONDS.toNanos(settings.get().stuckRequestTimeoutMs());
    }

    private static boolean pending(OrderView order) {
        return order.pendingClientOrderId() != null && (order.status() == OrderStatus.PENDING_CANCEL
                || order.status() == OrderStatus.PENDING_REPLACE);
    }

    private static boolean stillPending(ClientOrderId request, ExecutionContext ctx) {
        OrderView order = ctx.state().order(request);
        return order != null && request.equals(order.pendingClientOrderId()) && pending(order);
    }
}
