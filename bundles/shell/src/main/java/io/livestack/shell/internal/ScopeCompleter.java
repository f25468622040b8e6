package io.livestack.shell.internal;

import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.venue.VenueAdapter;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Trading scopes: global, strategy:&lt;id&gt; for every strategy, instrument:&lt;id&gt; for every listed instrument. */
@Service
public class ScopeCompleter extends LiveCompleter {

    @Reference(optional = true)
    StrategyHostStage host;

    @Override
    protected void candidates(Set<String> values) {
        values.add("global");
        if (host != null) {
            host.strategies().forEach(s -> values.add("strategy:" + s.id().value()));
        }
        for (VenueAdapter a : adapters()) {
            a.instruments().forEach(i -> values.add("instrument:" + i.value()));
        }
    }
}
