package io.livestack.shell.internal;

import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "strategies", description = "Lists the strategies the host knows: running, "
        + "intents, faults, timings")
@Service
public class StrategiesCommand extends LiveStackAction {

    @Reference(optional = true)
    StrategyHostStage host;

    @Override
    protected void run() {
        List<StrategyInfo> strategies = host(host).strategies().stream()
                .sorted(Comparator.comparing(StrategyInfo::id)).toList();
        ShellTable table = new ShellTable();
        table.emptyTableText("no strategy registered");
        table.column("Strategy");
        table.column("Kind");
        table.column("Running");
        table.column("Auto-start");
        table.column("Intents").alignRight();
        table.column("Faults").alignRight();
        table.column("Events").alignRight();
        table.column("Mean µs").alignRight();
        table.column("Max µs").alignRight();
        table.column("Last fault");
        for (StrategyInfo s : strategies) {
            table.addRow().addContent(s.id(), s.kind(), s.running() ? "yes" : "no", s.autoStart() ? "yes" : "no",
                    s.intents(), s.faults(), s.events(), Text.micros(s.meanEventNanos()),
                    Text.micros(s.maxEventNanos()), Text.orEmpty(s.lastFault()));
        }
        table.print(out());
    }

    static StrategyHostStage host(StrategyHostStage host) {
        if (host == null) {
            throw new IllegalStateException("the strategy host is not running (no StrategyHostStage service)");
        }
        return host;
    }
}
