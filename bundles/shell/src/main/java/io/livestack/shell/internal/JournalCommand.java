package io.livestack.shell.internal;

import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.RuntimeStatus;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import java.util.List;

/**
 * The write-ahead journal: where the recovery and the journal stand (no argument); {@code verify}: a copy of this
 * session's journal replayed offline through the same bundles ({@code bin/livestack-journal verify}, a separate
 * process), the report printed; after a recovery that failed (the runtime came up HALTED), {@code start-fresh}: an
 * empty state, the old journal moved aside (kept), the kill switch engaged until an operator resumes.
 */
@Command(scope = "livestack", name = "journal", description = "Shows the journal and the recovery (no argument); "
        + "verify: replays a copy of this session's journal offline and compares (operator); start-fresh after a "
        + "failed recovery: empty state, old journal kept aside, kill switch engaged (operator)")
@Service
public class JournalCommand extends LiveStackAction {

    static final String START_FRESH = "start-fresh";
    static final String VERIFY = "verify";

    @Argument(index = 0, name = "action", description = "verify, or start-fresh (only after a failed recovery)")
    @Completion(value = StringsCompleter.class, values = {VERIFY, START_FRESH})
    String action;

    @Option(name = "--to", description = "verify: stop after this seq")
    String to;

    @Option(name = "--from", description = "verify: start at the recorded session's latest snapshot before this seq")
    String from;

    @Option(name = "--strategies", description = "verify: call (default: the strategies decide again and are "
            + "compared) or replay (their journaled decisions)")
    @Completion(value = StringsCompleter.class, values = {"call", "replay"})
    String strategies;

    @Option(name = "--speed", description = "verify: 0 (default) as fast as possible, else the recorded pace times this")
    String speed;

    @Option(name = "--config", multiValued = true, description = "verify: PID=FILE, that configuration instead of "
            + "the journaled one (what-if)")
    List<String> configs;

    @Option(name = "--timeout", description = "verify: seconds to wait for the report (default 300)")
    String timeout;

    private static String speedOf(String text) {
        try {
            double v = Double.parseDouble(text);
            if (v >= 0 && !Double.isInfinite(v)) {
                return text;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("--speed " + text + ": expected 0 (as fast as possible) or a positive factor"
                + " of the recorded pace");
    }

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
        if (VERIFY.equals(action)) {
            List<String> options = new java.util.ArrayList<>();
            if (from != null) {
                options.addAll(List.of("--from", Long.toString(Args.positiveLong(from, "from"))));
            }
            if (to != null) {
                options.addAll(List.of("--to", Long.toString(Args.positiveLong(to, "to"))));
            }
            if (strategies != null) {
                if (!strategies.equals("call") && !strategies.equals("replay")) {
                    throw new IllegalArgumentException("--strategies " + strategies + ": expected call or replay");
                }
                options.addAll(List.of("--strategies", strategies));
            }
            if (speed != null) {
                options.addAll(List.of("--speed", speedOf(speed)));
            }
            for (String c : configs == null ? List.<String>of() : configs) {
                options.addAll(List.of("--config", c));
            }
            out().println(JournalVerification.run(runtime().journalDirectory(), options,
                    timeout == null ? 300 : Args.positiveInt(timeout, "timeout", 3600)));
            return;
        }
        if (!START_FRESH.equals(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "': expected " + VERIFY + " or "
                    + START_FRESH + " (or nothing, to show the journal)");
        }
        CommandResult result = runtime().startFresh(user());
        if (!result.ok()) {
            throw new IllegalStateException("start-fresh refused: " + result.message());
        }
        out().println(result.message());
    }
}
