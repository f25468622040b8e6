package io.livestack.shell.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.PositionView.Level;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "positions", description = "Lists the positions at one level (the desk's by "
        + "default) with average price, P&L in the quote currency and fees in the reporting currency")
@Service
public class PositionsCommand extends LiveStackAction {

    @Option(name = "--level", aliases = "-l", description = "desk (default; account with --account, strategy with "
            + "--strategy, book with both), account, strategy, book (strategy in account) or venue (venue and account)")
    @Completion(value = StringsCompleter.class, values = {"desk", "account", "strategy", "book", "venue"})
    String level;

    @Option(name = "--strategy", description = "Only this strategy's positions (levels strategy and book)")
    @Completion(StrategyCompleter.class)
    String strategy;

    @Option(name = "--account", description = "Only this account's positions (levels account, book and venue)")
    String account;

    @Option(name = "--instrument", description = "Only positions in this instrument")
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Override
    protected void run() throws Exception {
        StrategyId s = strategy == null ? null : Args.strategy(strategy);
        AccountId a = account == null ? null : Args.account(account);
        InstrumentId i = instrument == null ? null : Args.instrument(instrument);
        Level l = level == null ? defaultLevel(s, a) : Args.level(level);
        if (s != null && l != Level.STRATEGY && l != Level.BOOK) {
            throw new IllegalArgumentException("--strategy does not apply to level " + l.name().toLowerCase(
                    java.util.Locale.ROOT) + ": use --level strategy or book");
        }
        if (a != null && (l == Level.DESK || l == Level.STRATEGY)) {
            throw new IllegalArgumentException("--account does not apply to level " + l.name().toLowerCase(
                    java.util.Locale.ROOT) + ": use --level account, book or venue");
        }
        List<PositionView> positions = query(v -> List.copyOf(v.positions(l))).stream()
                .filter(p -> s == null || s.equals(p.strategy()))
                .filter(p -> a == null || a.equals(p.account()))
                .filter(p -> i == null || i.equals(p.instrument()))
                .toList();
        ShellTable table = new ShellTable();
        table.emptyTableText("no position");
        boolean accounts = l == Level.ACCOUNT || l == Level.BOOK || l == Level.VENUE;
        boolean strategies = l == Level.STRATEGY || l == Level.BOOK;
        if (l == Level.VENUE) {
            table.column("Venue");
        }
        if (accounts) {
            table.column("Account");
        }
        if (strategies) {
            table.column("Strategy");
        }
        table.column("Instrument");
        table.column("Net").alignRight();
        table.column("Avg price").alignRight();
        table.column("Mark").alignRight();
        table.column("Realized P&L").alignRight();
        table.column("Unrealized P&L").alignRight();
        table.column("Fees").alignRight();
        table.column("Bought").alignRight();
        table.column("Sold").alignRight();
        long realized = 0;
        long unrealized = 0;
        long fees = 0;
        for (PositionView p : positions) {
            realized += p.realizedPnl();
            unrealized += p.unrealizedPnl();
            fees += p.fees();
            List<Object> row = new java.util.ArrayList<>();
            if (l == Level.VENUE) {
                row.add(p.venue());
            }
            if (accounts) {
                row.add(p.account());
            }
            if (strategies) {
                row.add(p.strategy());
            }
            row.addAll(List.of(p.instrument(), Text.fixed(p.netQuantity()), Text.fixed(p.averagePrice()),
                    Text.fixed(p.markPrice()), Text.fixed(p.realizedPnl()), Text.fixed(p.unrealizedPnl()),
                    Text.fixed(p.fees()), Text.fixed(p.boughtQuantity()), Text.fixed(p.soldQuantity())));
            table.addRow().addContent(row);
        }
        table.print(out());
        if (!positions.isEmpty()) {
            out().println("total realized " + Text.fixed(realized) + ", unrealized " + Text.fixed(unrealized)
                    + " (quote currencies), fees " + Text.fixed(fees) + " (livestack:pnl converts)");
        }
    }

    /** Without --level: the level the filters name (book for both), else the desk. */
    static Level defaultLevel(StrategyId strategy, AccountId account) {
        if (strategy != null) {
            return account != null ? Level.BOOK : Level.STRATEGY;
        }
        return account != null ? Level.ACCOUNT : Level.DESK;
    }
}
