package io.livestack.execution.internal;

import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.TradingScope;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.TreeSet;

/**
 * The open orders of a {@link TradingScope} — every one for the desk, else those whose venue, account, strategy or
 * instrument is the scope's — and a cancel request for each: what a kill and a cancel-all do to orders. An order
 * already pending cancel is asked again only when {@code resendPendingCancels} (the earlier request may be lost);
 * orders at venues without an adapter are counted, not cancelled.
 */
final class ScopeSweep {

    private final OrderEntry entry;

    ScopeSweep(OrderEntry entry) {
        this.entry = entry;
    }

    /** Sends a cancel for every open order of {@code scope}; says what it did. */
    Result cancelOpenOrders(TradingScope scope, boolean resendPendingCancels, ExecutionContext ctx) {
        Result result = new Result();
        for (OrderView order : ctx.state().openOrders()) {
            if (!order.belongsTo(scope)) {
                continue;
            }
            if (order.status() == OrderStatus.PENDING_CANCEL && !resendPendingCancels) {
                result.alreadyPending++;
                continue;
            }
            VenueAdapter adapter = ctx.venue(order.venue());
            if (adapter == null) {
                result.unavailable++;
                result.unavailableVenues.add(order.venue().value());
                continue;
            }
            if (entry.sendCancel(order, adapter, ctx) == null) {
                result.sent++;
                result.venues.add(order.venue().value());
            } else {
                result.failed++;
            }
        }
        return result;
    }

    /** What a sweep did. */
    static final class Result {
        int sent;
        int alreadyPending;
        int failed;
        int unavailable;
        final TreeSet<String> venues = new TreeSet<>();
        final TreeSet<String> unavailableVenues = new TreeSet<>();

        /** "N cancel requests sent (venues), …"; {@code unavailableNote} follows the orders at absent venues. */
        String summary(String unavailableNote) {
            return sent + " cancel requests sent"
                    + (venues.isEmpty() ? "" : " (" + String.join(", ", venues) + ")")
                    + (alreadyPending > 0 ? ", " + alreadyPending + " already pending cancel" : "")
                    + (failed > 0 ? ", " + failed + " refused by the adapter" : "")
                    + (unavailable > 0 ? ", " + unavailable + " orders at venues without adapter ("
                            + String.join(", ", unavailableVenues) + ")" + unavailableNote : "");
        }
    }
}
