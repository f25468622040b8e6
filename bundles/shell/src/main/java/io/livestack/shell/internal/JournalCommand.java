package io.livestack.shell.internal;

import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.RuntimeStatus;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * The write-ahead journal: where the recovery and the journal stand (no argument), or, after a recovery that failed
 * (the runtime came up HALTED), {@code start-fresh}: an empty state, the old journal moved aside (kept), the kill
 * switch engaged until an operator resumes.
 */
@Command(scope = "livestack", name = "journal", description = "Shows the journal and the recovery (no argument); "
        + "start-fresh after a failed recovery: empty state, old journal kept aside, kill switch engaged (operator)")
@Service
public class JournalCommand extends LiveStackAction {

    static final String START_FRESH = "start-fresh";

    @Argument(index = 0, name = "action", description = "start-fresh (only after a failed recovery)")
    @Completion(value = StringsCompleter.class, values = {START_FRESH})
    String action;

    @Override
    protected void run() throws Exception {
        if (action == null) {
            RuntimeStatus s = runtime().status();
            ShellTable table = new ShellTable();
            table.column("Property");
            table.column("Value");
            table.addRow().addContent("HALTED", s.halted() == null ? "no" : s.halted());
            table.addRow().addContent("recovery", s.recovery());
            table.addRow().addContent("journal", s.journal());
            table.print(out());
            return;
        }
        if (!START_FRESH.equals(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "': expected " + START_FRESH
                    + " (or nothing, to show the journal)");
        }
        CommandResult result = runtime().startFresh(user());
        if (!result.ok()) {
            throw new IllegalStateException("start-fresh refused: " + result.message());
        }
        out().println(result.message());
    }
}
