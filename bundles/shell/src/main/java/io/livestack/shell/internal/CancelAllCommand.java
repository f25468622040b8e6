package io.livestack.shell.internal;

import io.livestack.api.event.Command.CancelAll;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "cancel-all", description = "Cancels every open order of a scope (the desk, a "
        + "venue, an account, a strategy or an instrument); the trading state stays as it is (operator)")
@Service
public class CancelAllCommand extends LiveStackAction {

    @Argument(index = 0, name = "scope", description = Args.SCOPES, required = true)
    @Completion(ScopeCompleter.class)
    String scope;

    @Override
    protected void run() throws Exception {
        command(new CancelAll(Args.scope(scope)));
    }
}
