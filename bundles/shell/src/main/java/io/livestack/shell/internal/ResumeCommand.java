package io.livestack.shell.internal;

import io.livestack.api.event.Command.Resume;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "resume", description = "Releases the kill switch: global trading state back "
        + "to ACTIVE (operator)")
@Service
public class ResumeCommand extends LiveStackAction {

    @Override
    protected void run() throws Exception {
        command(new Resume());
    }
}
