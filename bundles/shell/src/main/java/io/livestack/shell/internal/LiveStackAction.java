package io.livestack.shell.internal;

import io.livestack.api.event.Command;
import io.livestack.api.history.TradingHistory;
import io.livestack.api.model.VenueId;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import java.io.PrintStream;
import java.security.AccessController;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.security.auth.Subject;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What every {@code livestack:*} command shares: the runtime (optional: a clear error while the runtime is not running),
 * the shell session (console, user), one-line errors, and the calls to {@link LiveRuntime} with timeouts.
 * <p>
 * Commands are thin: parse the arguments ({@link Args}), make one call to the runtime, print a table. A bad
 * argument or a refused command ends as a {@link CommandException}: Karaf prints its message alone, in red, without
 * a stack trace — the same on the local console, over ssh and through bin/client.
 */
public abstract class LiveStackAction implements Action {

    static final long QUERY_TIMEOUT_SECONDS = 5;
    static final long COMMAND_TIMEOUT_SECONDS = 15;
    static final String KARAF_USER_PRINCIPAL = "org.apache.karaf.jaas.boot.principal.UserPrincipal";

    @Reference(optional = true)
    LiveRuntime runtime;

    @Reference(optional = true)
    TradingHistory history;

    @Reference
    Session session;

    @Reference
    BundleContext bundleContext;

    @Override
    public final Object execute() throws Exception {
        try {
            run();
            return null;
        } catch (CommandException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** The command's work; an IllegalArgumentException/IllegalStateException message is the one-line error. */
    protected abstract void run() throws Exception;

    protected PrintStream out() {
        return session.getConsole();
    }

    protected LiveRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("the Live Stack runtime is not running (no LiveRuntime service: is the "
                    + "runtime bundle active?)");
        }
        return runtime;
    }

    /** The orders and fills of the live state and the database (the runtime's). */
    protected TradingHistory history() {
        if (history == null) {
            throw new IllegalStateException("the Live Stack runtime is not running (no TradingHistory service: is the "
                    + "runtime bundle active?)");
        }
        return history;
    }

    /** Run a query on the processing thread and wait for its copy of the state. */
    protected <T> T query(Function<StateView, T> query) throws CommandException {
        return await(runtime().query(query), QUERY_TIMEOUT_SECONDS, "query");
    }

    /** Give a command to the runtime as this session's user; prints its message, or fails with it. */
    protected CommandResult command(Command command) throws CommandException {
        return command(command, COMMAND_TIMEOUT_SECONDS);
    }

    protected CommandResult command(Command command, long timeoutSeconds) throws CommandException {
        String label = label(command);
        CommandResult result = await(runtime().execute(command, user()), timeoutSeconds, label);
        if (result == null) {
            throw new CommandException(label + ": the runtime gave no result");
        }
        if (!result.ok()) {
            throw new CommandException(label + " refused: " + result.message());
        }
        out().println(result.message() == null || result.message().isEmpty() ? label + ": ok" : result.message());
        return result;
    }

    /** How the operator calls the command in messages ("order", "cancel", or the command's action). */
    static String label(Command command) {
        if (command instanceof Command.ManualIntent m) {
            return m.intent() instanceof io.livestack.api.intent.SubmitOrder ? "order"
                    : m.intent() instanceof io.livestack.api.intent.CancelOrder ? "cancel" : "replace";
        }
        return command.action();
    }

    private static <T> T await(CompletableFuture<T> future, long timeoutSeconds, String what)
            throws CommandException {
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CommandException(what + ": no answer from the runtime within " + timeoutSeconds
                    + " s (a command may still be applied: check livestack:status)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new CommandException(what + " failed: " + (cause.getMessage() == null ? cause.toString()
                    : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(what + ": interrupted");
        }
    }

    /**
     * Who gives the command, for the audit record: the user principal of the shell session's JAAS subject (local
     * console, ssh and bin/client all run commands as the logged-in subject), else the session's USER property.
     */
    @SuppressWarnings("removal")
    protected String user() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = userOf(subject);
        if (user != null) {
            return user;
        }
        Object property = session == null ? null : session.get("USER");
        return property == null ? "unknown" : property.toString();
    }

    static String userOf(Subject subject) {
        if (subject == null) {
            return null;
        }
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getName().equals(KARAF_USER_PRINCIPAL)) {
                return p.getName();
            }
        }
        return null;
    }

    /** Every registered venue adapter (any thread: only its read-only methods are used). */
    protected List<VenueAdapter> adapters() {
        List<VenueAdapter> out = new ArrayList<>();
        if (bundleContext == null) {
            return out;
        }
        try {
            Collection<ServiceReference<VenueAdapter>> refs = bundleContext.getServiceReferences(VenueAdapter.class,
                    null);
            for (ServiceReference<VenueAdapter> ref : refs) {
                VenueAdapter a = bundleContext.getService(ref);
                if (a != null) {
                    out.add(a);
                    bundleContext.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // no filter is used; a stopping bundle context just yields no adapters
        }
        return out;
    }

    /** Every venue the runtime knows (the state's venues, and the registered adapters). */
    protected Set<VenueId> knownVenues() throws CommandException {
        List<VenueId> inState = query(v -> List.copyOf(v.venueStates().keySet()));
        Set<VenueId> venues = new TreeSet<>(inState);
        for (VenueAdapter a : adapters()) {
            venues.add(a.venueId());
        }
        return venues;
    }
}
