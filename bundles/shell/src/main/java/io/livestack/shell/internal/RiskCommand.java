package io.livestack.shell.internal;

import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RiskStage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code livestack:risk}: every risk limit with its current usage, grouped by scope (the desk first, then strategies,
 * accounts, instruments and venues, each scope's rows together), with how much of it is used and BREACH where it
 * refused or acted within the last minute or is latched.
 */
@Command(scope = "livestack", name = "risk", description = "Shows the risk limits (etc/livestack.risk.cfg) per scope "
        + "(desk, strategy, account, instrument, venue) with their current usage")
@Service
public class RiskCommand extends LiveStackAction {

    private static final List<String> SCOPE_ORDER = List.of("desk", "strategy", "account", "instrument", "venue");

    @Reference(optional = true)
    RiskStage risk;

    @Override
    protected void run() {
        if (risk == null) {
            throw new IllegalStateException("the risk stage is not running (no RiskStage service): new orders are "
                    + "refused (RISK_UNAVAILABLE)");
        }
        List<LimitUsage> rows = new ArrayList<>(risk.limits());
        rows.sort(Comparator.comparingInt((LimitUsage l) -> scopeRank(l.scope())).thenComparing(LimitUsage::scope));
        ShellTable table = new ShellTable();
        table.emptyTableText("no limit configured");
        table.column("Scope");
        table.column("Limit");
        table.column("Value").alignRight();
        table.column("Usage").alignRight();
        table.column("Used").alignRight();
        table.column("");
        String previous = null;
        for (LimitUsage l : rows) {
            String scope = l.scope().equals(previous) ? "" : l.scope();
            previous = l.scope();
            table.addRow().addContent(scope, l.key(), l.limit(), l.usage(), used(l), l.breached() ? "BREACH" : "");
        }
        table.print(out());
    }

    private static int scopeRank(String scope) {
        int colon = scope.indexOf(':');
        int rank = SCOPE_ORDER.indexOf(colon < 0 ? scope : scope.substring(0, colon));
        return rank < 0 ? SCOPE_ORDER.size() : rank;
    }

    private static String used(LimitUsage l) {
        if (l.utilization() <= 0 || Double.isNaN(l.utilization())) {
            return "";
        }
        if (Double.isInfinite(l.utilization())) {
            return "over";
        }
        return String.format(Locale.ROOT, "%.0f%%", l.utilization() * 100);
    }
}
