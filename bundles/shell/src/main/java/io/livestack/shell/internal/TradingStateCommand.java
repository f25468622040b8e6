package io.livestack.shell.internal;

import io.livestack.api.event.Command.SetTradingState;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.RuntimeStatus;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "trading-state", description = "Shows the trading states (no argument), the "
        + "effective state of one scope (one argument), or sets a scope's state (two arguments: operator)")
@Service
public class TradingStateCommand extends LiveStackAction {

    @Reference(optional = true)
    ExecutionStage execution;

    @Argument(index = 0, name = "scope", description = Args.SCOPES)
    @Completion(ScopeCompleter.class)
    String scope;

    @Argument(index = 1, name = "state", description = "ACTIVE, REDUCING or HALTED")
    @Completion(value = StringsCompleter.class, values = {"ACTIVE", "REDUCING", "HALTED"})
    String state;

    @Override
    protected void run() throws Exception {
        if (scope == null) {
            showAll();
            return;
        }
        TradingScope s = Args.scope(scope);
        if (state == null) {
            TradingState effective = execution().tradingState(s);
            out().println(s + " " + effective);
            return;
        }
        command(new SetTradingState(s, Args.tradingState(state)));
    }

    private ExecutionStage execution() {
        if (execution == null) {
            throw new IllegalStateException("execution control is not running (no ExecutionStage service): trading "
                    + "states are unknown and new orders fail closed");
        }
        return execution;
    }

    private void showAll() {
        RuntimeStatus status = runtime().status();
        Map<TradingScope, TradingState> states = new TreeMap<>(Comparator.comparing(TradingScope::kind)
                .thenComparing(TradingScope::id));
        states.putAll(execution().tradingStates());
        states.putIfAbsent(TradingScope.GLOBAL, status.globalTradingState());
        ShellTable table = new ShellTable();
        table.column("Scope");
        table.column("State");
        for (Map.Entry<TradingScope, TradingState> e : states.entrySet()) {
            table.addRow().addContent(e.getKey(), e.getValue());
        }
        table.print(out());
        out().println("kill switch: " + (execution().killSwitchEngaged() ? "ENGAGED (livestack:resume releases it)"
                : "released"));
    }
}
