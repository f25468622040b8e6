package io.livestack.shell.internal;

import io.livestack.api.event.Command.Kill;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "kill", description = "Engages the kill switch: for the desk (default), global "
        + "trading state HALTED (latched, survives restarts) and every open order at every venue canceled, until "
        + "livestack:resume; with --scope venue:V, account:A, strategy:S or instrument:I, that scope HALTED and its "
        + "open orders canceled, until livestack:trading-state sets it back (operator)")
@Service
public class KillCommand extends LiveStackAction {

    @Option(name = "--scope", description = "What to kill: " + Args.SCOPES + "; default the desk (global)")
    @Completion(ScopeCompleter.class)
    String scope;

    @Argument(index = 0, name = "reason", description = "Why (recorded with the action)", multiValued = true)
    List<String> reason;

    @Override
    protected void run() throws Exception {
        String why = reason == null || reason.isEmpty() ? "operator kill switch" : String.join(" ", reason);
        command(scope == null ? new Kill(why) : new Kill(why, Args.scope(scope)));
    }
}
