package io.livestack.shell.internal;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "fills", description = "Lists the most recent fills of this session, newest "
        + "first (as kept by the state store)")
@Service
public class FillsCommand extends LiveStackAction {

    /** How many fills to ask the state for before filtering. */
    static final int WINDOW = 1000;

    @Option(name = "--venue", description = "Only fills at this venue")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "--strategy", description = "Only fills of this strategy")
    @Completion(StrategyCompleter.class)
    String strategy;

    @Option(name = "--instrument", description = "Only fills in this instrument")
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Option(name = "--limit", aliases = "-n", description = "At most this many fills (default 50)")
    String limit;

    @Override
    protected void run() throws Exception {
        VenueId v = venue == null ? null : Args.venue(venue);
        StrategyId s = strategy == null ? null : Args.strategy(strategy);
        InstrumentId i = instrument == null ? null : Args.instrument(instrument);
        int max = limit == null ? 50 : Args.positiveInt(limit, "limit", WINDOW);
        List<FillRecord> fills = query(view -> List.copyOf(view.recentFills(WINDOW))).stream()
                .filter(f -> v == null || f.venue().equals(v))
                .filter(f -> s == null || s.equals(f.strategy()))
                .filter(f -> i == null || f.instrument().equals(i))
                .limit(max)
                .toList();
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
        for (FillRecord f : fills) {
            table.addRow().addContent(Text.time(f.timeNanos()), f.venue(), f.execId(), f.clientOrderId(),
                    Text.orEmpty(f.strategy()), f.account(), f.instrument(), f.side(), Text.fixed(f.quantity()),
                    Text.fixed(f.price()), f.liquidity(),
                    f.feeCurrency() == null ? Text.fixed(f.fee()) : Text.fixed(f.fee()) + " " + f.feeCurrency());
        }
        table.print(out());
    }
}
