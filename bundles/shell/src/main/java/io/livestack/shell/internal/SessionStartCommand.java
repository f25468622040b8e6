package io.livestack.shell.internal;

import io.livestack.api.event.Command.StartSession;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "session-start", description = "Starts the trading session: connects and "
        + "reconciles the venues, then starts the auto-start strategies (operator)")
@Service
public class SessionStartCommand extends LiveStackAction {

    static final long SESSION_TIMEOUT_SECONDS = 120;

    @Override
    protected void run() throws Exception {
        command(new StartSession(), SESSION_TIMEOUT_SECONDS);
    }
}
