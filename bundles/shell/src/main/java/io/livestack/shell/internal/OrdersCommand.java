package io.livestack.shell.internal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.OrderView;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "orders", description = "Lists this session's orders, newest first")
@Service
public class OrdersCommand extends LiveStackAction {

    @Option(name = "--open", aliases = "-o", description = "Only open orders")
    boolean open;

    @Option(name = "--venue", description = "Only orders at this venue")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "--strategy", description = "Only orders of this strategy (manual orders: 'manual')")
    @Completion(StrategyCompleter.class)
    String strategy;

    @Option(name = "--instrument", description = "Only orders in this instrument")
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Option(name = "--limit", aliases = "-n", description = "At most this many orders (default 100)")
    String limit;

    @Override
    protected void run() throws Exception {
        VenueId v = venue == null ? null : Args.venue(venue);
        StrategyId s = strategy == null ? null : Args.strategy(strategy);
        InstrumentId i = instrument == null ? null : Args.instrument(instrument);
        int max = limit == null ? 100 : Args.positiveInt(limit, "limit", 100_000);
        boolean onlyOpen = open;
        List<OrderView> orders = query(view -> (onlyOpen ? view.openOrders() : view.orders()).stream()
                .filter(o -> v == null || o.venue().equals(v))
                .filter(o -> s == null || o.strategy().equals(s))
                .filter(o -> i == null || o.instrument().equals(i))
                .sorted(Comparator.comparingLong(OrderView::createdSeq).reversed())
                .limit(max)
                .toList());
        ShellTable table = new ShellTable();
        table.emptyTableText(onlyOpen ? "no open order" : "no order");
        table.column("Order");
        table.column("Strategy");
        table.column("Account");
        table.column("Venue");
        table.column("Instrument");
        table.column("Side");
        table.column("Qty").alignRight();
        table.column("Price").alignRight();
        table.column("Filled").alignRight();
        table.column("Avg").alignRight();
        table.column("Status");
        table.column("TIF");
        table.column("Notes");
        for (OrderView o : orders) {
            table.addRow().addContent(o.clientOrderId(), o.strategy(), o.account(), o.venue(), o.instrument(), o.side(),
                    Text.fixed(o.quantity()), Text.price(o), Text.fixed(o.filledQuantity()),
                    o.filledQuantity() == 0 ? "" : Text.fixed(o.averageFillPrice()), o.status(), o.timeInForce(),
                    notes(o));
        }
        table.print(out());
    }

    static String notes(OrderView o) {
        StringBuilder sb = new StringBuilder();
        if (!o.venueAvailable()) {
            sb.append("venue unavailable; ");
        }
        if (o.overfilled()) {
            sb.append("OVERFILLED; ");
        }
        if (o.pendingClientOrderId() != null) {
            sb.append("pending ").append(o.pendingClientOrderId()).append("; ");
        }
        if (o.lastText() != null && !o.lastText().isEmpty()) {
            sb.append(o.lastText());
        }
        String s = sb.toString();
        return s.endsWith("; ") ? s.substring(0, s.length() - 2) : s;
    }
}
