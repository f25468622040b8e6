package io.livestack.shell.internal;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.TradingDay;
import io.livestack.api.state.OrderView;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "orders", description = "Lists the orders alive in a time range (today's "
        + "trading day by default): created before its end, and changed in it or still open — from the live state "
        + "and the database (earlier sessions too), newest first, a page at a time")
@Service
public class OrdersCommand extends HistoryCommand {

    @Option(name = "--open", aliases = "-o", description = "Only open orders")
    boolean open;

    @Override
    protected void run() throws Exception {
        TradingHistory h = history();
        TradingDay day = h.tradingDay();
        HistoryPage<OrderView> page = h.orders(query(day, 100, open));
        ShellTable table = new ShellTable();
        table.emptyTableText(open ? "no open order" : "no order");
        table.column("Created (UTC)");
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
        for (OrderView o : page.items()) {
            table.addRow().addContent(Text.time(o.createdTimeNanos()), o.clientOrderId(), o.strategy(), o.account(),
                    o.venue(), o.instrument(), o.side(), Text.fixed(o.quantity()), Text.price(o),
                    Text.fixed(o.filledQuantity()), o.filledQuantity() == 0 ? "" : Text.fixed(o.averageFillPrice()),
                    o.status(), o.timeInForce(), notes(o));
        }
        table.print(out());
        footer(page, open ? "open orders" : "orders", "alive", day);
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
