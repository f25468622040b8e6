package io.livestack.execution.internal;

import io.livestack.api.event.Command;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's resolution of a venue whose reconciliation failed (RECONCILE_FAILED): only that state can be
 * resolved, only by this command (audited with the user by the runtime), never by a timeout. With
 * {@code cancelInDoubt} a cancel is sent for every open order at the venue first (the venue's answers settle them);
 * then the adapter is told, and it publishes LOGGED_ON — the session event, sequenced like any other, opens the venue
 * for new orders.
 */
final class VenueResolution {

    private static final Logger LOG = LoggerFactory.getLogger(VenueResolution.class);

    private final OrderEntry entry;

    VenueResolution(OrderEntry entry) {
        this.entry = entry;
    }

    CommandResult resolve(Command.ResolveVenue command, String user, ExecutionContext ctx) {
        VenueId venue = command.venue();
        VenueSessionState state = ctx.state().venueState(venue);
        if (state != VenueSessionState.RECONCILE_FAILED) {
            return CommandResult.error("venue " + venue + " is " + (state == null ? "not known" : state)
                    + ", not RECONCILE_FAILED: nothing to resolve");
        }
        VenueAdapter adapter = ctx.venue(venue);
        if (adapter == null) {
            return CommandResult.error("venue " + venue + " has no adapter");
        }
        int sent = 0;
        int open = 0;
        if (command.cancelInDoubt()) {
            for (OrderView order : ctx.state().openOrders()) {
                if (!order.venue().equals(venue)) {
                    continue;
                }
                open++;
                if (order.status() != OrderStatus.PENDING_CANCEL && entry.sendCancel(order, adapter, ctx) == null) {
                    sent++;
                }
            }
        }
        String what = command.cancelInDoubt()
                ? "orders in doubt canceled (" + sent + " cancel requests sent for " + open + " open orders)"
                : "accepted as reconciled";
        String detail = "reconciliation resolved by " + user + ": " + what;
        LOG.warn("Venue {}: {}", venue, detail);
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, venue.value(), detail));
        adapter.resolveReconciliation(user, command.cancelInDoubt());
        return CommandResult.ok("venue " + venue + ": " + what + "; LOGGED_ON follows from the adapter");
    }
}
