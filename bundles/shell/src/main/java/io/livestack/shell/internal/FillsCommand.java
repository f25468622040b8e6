package io.livestack.shell.internal;

import io.livestack.api.history.HistoryPage;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.TradingDay;
import io.livestack.api.record.FillRecord;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "fills", description = "Lists the fills of a time range (today's trading day "
        + "by default) from the live state and the database (earlier sessions too), newest first, a page at a time")
@Service
public class FillsCommand extends HistoryCommand {

    @Override
    protected void run() throws Exception {
        TradingHistory h = history();
        TradingDay day = h.tradingDay();
        HistoryPage<FillRecord> page = h.fills(query(day, 50, false));
        ShellTable table = new ShellTable();
        table.emptyTableText("no fill");
        table.column("Time (UTC)");
        table.column("Venue");
        table.column("Exec id");
        table.column("Order");
        table.column("Strategy");
        table.column("Account");
        table.column("Instrument");
        table.column("Side");
        table.column("Qty").alignRight();
        table.column("Price").alignRight();
        table.column("Liquidity");
        table.column("Fee").alignRight();
        for (FillRecord f : page.items()) {
            table.addRow().addContent(Text.time(f.timeNanos()), f.venue(), f.execId(), f.clientOrderId(),
                    Text.orEmpty(f.strategy()), f.account(), f.instrument(), f.side(), Text.fixed(f.quantity()),
                    Text.fixed(f.price()), f.liquidity(),
                    f.feeCurrency() == null ? Text.fixed(f.fee()) : Text.fixed(f.fee()) + " " + f.feeCurrency());
        }
        table.print(out());
        footer(page, "fills", "booked", day);
    }
}
