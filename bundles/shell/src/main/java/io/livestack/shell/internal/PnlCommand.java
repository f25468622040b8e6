package io.livestack.shell.internal;

import io.livestack.api.state.PnlView;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "pnl", description = "P&L and exposure of the desk, every account and every "
        + "strategy, in the reporting currency (reference data)")
@Service
public class PnlCommand extends LiveStackAction {

    @Override
    protected void run() throws Exception {
        List<PnlView> rows = query(v -> List.copyOf(v.pnl()));
        ShellTable table = new ShellTable();
        table.emptyTableText("no P&L");
        table.column("Scope");
        table.column("Id");
        table.column("Ccy");
        table.column("Realized").alignRight();
        table.column("Unrealized").alignRight();
        table.column("Fees").alignRight();
        table.column("Net").alignRight();
        table.column("Gross exposure").alignRight();
        table.column("Net exposure").alignRight();
        for (PnlView p : rows) {
            table.addRow().addContent(p.scope().name().toLowerCase(Locale.ROOT), p.id(),
                    p.currency().isEmpty() ? "-" : p.currency(), Text.fixed(p.realized()),
                    Text.fixed(p.unrealized()), Text.fixed(p.fees()), Text.fixed(p.net()),
                    Text.fixed(p.grossExposure()), Text.fixed(p.netExposure()));
        }
        table.print(out());
    }
}
