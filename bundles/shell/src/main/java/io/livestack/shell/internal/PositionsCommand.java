package io.livestack.shell.internal;

import io.livestack.api.state.PositionView;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "positions", description = "Lists the positions with average price and P&L")
@Service
public class PositionsCommand extends LiveStackAction {

    @Override
    protected void run() throws Exception {
        List<PositionView> positions = query(v -> v.positions().stream()
                .sorted(Comparator.comparing(PositionView::instrument)).toList());
        ShellTable table = new ShellTable();
        table.emptyTableText("no position");
        table.column("Instrument");
        table.column("Net").alignRight();
        table.column("Avg price").alignRight();
        table.column("Mark").alignRight();
        table.column("Realized P&L").alignRight();
        table.column("Unrealized P&L").alignRight();
        table.column("Bought").alignRight();
        table.column("Sold").alignRight();
        long realized = 0;
        long unrealized = 0;
        for (PositionView p : positions) {
            realized += p.realizedPnl();
            unrealized += p.unrealizedPnl();
            table.addRow().addContent(p.instrument(), Text.fixed(p.netQuantity()), Text.fixed(p.averagePrice()),
                    Text.fixed(p.markPrice()), Text.fixed(p.realizedPnl()), Text.fixed(p.unrealizedPnl()),
                    Text.fixed(p.boughtQuantity()), Text.fixed(p.soldQuantity()));
        }
        table.print(out());
        if (!positions.isEmpty()) {
            out().println("total realized " + Text.fixed(realized) + ", unrealized " + Text.fixed(unrealized));
        }
    }
}
