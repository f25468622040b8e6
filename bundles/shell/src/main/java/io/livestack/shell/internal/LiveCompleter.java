package io.livestack.shell.internal;

import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.state.StateView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A completer whose candidates come from the live state (a short query; nothing is offered when the runtime does not
 * answer in time) and the registered adapters.
 */
public abstract class LiveCompleter implements Completer {

    static final long COMPLETION_TIMEOUT_MILLIS = 1000;

    @Reference(optional = true)
    LiveRuntime runtime;

    @Reference
    BundleContext bundleContext;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        Set<String> values = new TreeSet<>();
        try {
            candidates(values);
        } catch (RuntimeException e) {
            // completion is best effort: offer what was found
        }
        return new StringsCompleter(values).complete(session, commandLine, candidates);
    }

    protected abstract void candidates(Set<String> values);

    protected <T> T query(Function<StateView, T> query, T fallback) {
        if (runtime == null) {
            return fallback;
        }
        try {
            return runtime.query(query).get(COMPLETION_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        } catch (Exception e) {
            return fallback;
        }
    }

    protected List<VenueAdapter> adapters() {
        List<VenueAdapter> out = new ArrayList<>();
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
        } catch (Exception e) {
            // none
        }
        return out;
    }
}
