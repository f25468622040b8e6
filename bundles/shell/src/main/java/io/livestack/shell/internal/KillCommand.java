package io.livestack.shell.internal;

import io.livestack.api.event.Command.Kill;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "kill", description = "Engages the kill switch: global trading state HALTED "
        + "(latched, survives restarts) and every open order at every venue canceled; stays until livestack:resume "
        + "(operator)")
@Service
public class KillCommand extends LiveStackAction {

    @Argument(index = 0, name = "reason", description = "Why (recorded with the action)", multiValued = true)
    List<String> reason;

    @Override
    protected void run() throws Exception {
        String why = reason == null || reason.isEmpty() ? "operator kill switch" : String.join(" ", reason);
        command(new Kill(why));
    }
}
