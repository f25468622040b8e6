package io.livestack.shell.internal;

import io.livestack.api.runtime.StrategyHostStage;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Strategy ids from the strategy host. */
@Service
public class StrategyCompleter extends LiveCompleter {

    @Reference(optional = true)
    StrategyHostStage host;

    @Override
    protected void candidates(Set<String> values) {
        if (host != null) {
            host.strategies().forEach(s -> values.add(s.id().value()));
        }
    }
}
