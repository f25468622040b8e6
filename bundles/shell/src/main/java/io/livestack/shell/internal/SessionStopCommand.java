package io.livestack.shell.internal;

import io.livestack.api.event.Command.StopSession;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "session-stop", description = "Stops the trading session: stops the strategies, "
        + "optionally cancels every open order, logs out of the venues (operator)")
@Service
public class SessionStopCommand extends LiveStackAction {

    @Option(name = "--cancel-orders", aliases = "-c", description = "Cancel every open order before logging out")
    boolean cancelOrders;

    @Override
    protected void run() throws Exception {
        command(new StopSession(cancelOrders), SessionStartCommand.SESSION_TIMEOUT_SECONDS);
    }
}
