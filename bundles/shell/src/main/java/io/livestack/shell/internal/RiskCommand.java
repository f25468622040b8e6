package io.livestack.shell.internal;

import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RiskStage;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "risk", description = "Shows the risk limits (etc/livestack.risk.cfg) and "
        + "their current usage")
@Service
public class RiskCommand extends LiveStackAction {

    @Reference(optional = true)
    RiskStage risk;

    @Override
    protected void run() {
        if (risk == null) {
            throw new IllegalStateException("the risk stage is not running (no RiskStage service): new orders are "
                    + "refused (RISK_UNAVAILABLE)");
        }
        ShellTable table = new ShellTable();
        table.emptyTableText("no limit configured");
        table.column("Limit");
        table.column("Value").alignRight();
        table.column("Usage").alignRight();
        for (LimitUsage l : risk.limits()) {
            table.addRow().addContent(l.key(), l.limit(), l.usage());
        }
        table.print(out());
    }
}
