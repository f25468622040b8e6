package io.livestack.shell.internal;

import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.Set;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Trading scopes: global, desk, strategy:&lt;id&gt; for every strategy, venue:&lt;id&gt; and instrument:&lt;id&gt;
 * for every registered venue and listed instrument, account:&lt;id&gt; for every account with orders.
 */
@Service
public class ScopeCompleter extends LiveCompleter {

    @Reference(optional = true)
    StrategyHostStage host;

    @Override
    protected void candidates(Set<String> values) {
        values.add("global");
        values.add("desk");
        if (host != null) {
            host.strategies().forEach(s -> values.add("strategy:" + s.id().value()));
        }
        for (VenueAdapter a : adapters()) {
            values.add("venue:" + a.venueId().value());
            a.instruments().forEach(i -> values.add("instrument:" + i.value()));
        }
        values.addAll(query(state -> {
            Set<String> accounts = new TreeSet<>();
            for (OrderView o : state.orders()) {
                accounts.add("account:" + o.account().value());
            }
            return accounts;
        }, Set.of()));
    }
}
