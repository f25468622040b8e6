package io.livestack.shell.internal;

import io.livestack.api.history.OrderHistory;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.record.OrderRecord;
import io.livestack.api.state.OrderView;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "order-events", description = "Shows one order's history: every change of it "
        + "(order_event: what happened and the order after it), oldest first, from the database, and how the live "
        + "state has it now")
@Service
public class OrderEventsCommand extends LiveStackAction {

    @Argument(index = 0, name = "order", required = true, description = "The order's id (its first ClOrdID), or any "
            + "ClOrdID of its chain while the live state holds it")
    @Completion(OrderCompleter.class)
    String order;

    @Override
    protected void run() throws Exception {
        ClientOrderId id = Args.clientOrderId(order);
        OrderHistory h = history().orderEvents(id);
        if (h == null) {
            throw new IllegalArgumentException("no order '" + order.trim() + "' in the live state or the database");
        }
        out().println("order " + h.order() + (id.equals(h.order()) ? "" : " (" + id + " is one of its ClOrdIDs)")
                + (h.current() == null ? "; the live state no longer holds it" : "; now " + summary(h.current())
                        + " (live state)"));
        ShellTable table = new ShellTable();
        table.emptyTableText(h.storedUnavailable() == null ? "no event in the database yet" : "no event shown");
        table.column("Seq").alignRight();
        table.column("Time (UTC)");
        table.column("Event");
        table.column("Status");
        table.column("ClOrdID");
        table.column("Qty").alignRight();
        table.column("Price").alignRight();
        table.column("Filled").alignRight();
        table.column("Avg").alignRight();
        table.column("Notes");
        for (OrderRecord r : h.events()) {
            OrderView o = r.order();
            table.addRow().addContent(r.seq(), Text.time(r.timeNanos()), r.event(), o.status(),
                    o.currentClientOrderId(), Text.fixed(o.quantity()), Text.price(o), Text.fixed(o.filledQuantity()),
                    o.filledQuantity() == 0 ? "" : Text.fixed(o.averageFillPrice()), OrdersCommand.notes(o));
        }
        table.print(out());
        if (h.storedUnavailable() != null) {
            out().println("WARNING: stored history unavailable (" + h.storedUnavailable() + "): the order's events "
                    + "are in the database only");
        } else if (h.stateIsNewer()) {
            out().println("the live state changed it at seq " + h.current().updatedSeq() + ", after the last event "
                    + "in the database (storage writes it in a moment)");
        }
    }

    private static String summary(OrderView o) {
        return o.status() + " " + o.side() + " " + Text.fixed(o.quantity()) + " " + o.instrument() + " @ "
                + Text.price(o) + " at " + o.venue() + ", filled " + Text.fixed(o.filledQuantity()) + ", strategy "
                + o.strategy() + ", account " + o.account();
    }
}
