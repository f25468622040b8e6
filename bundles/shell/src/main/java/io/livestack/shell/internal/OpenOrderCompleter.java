package io.livestack.shell.internal;

import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** ClOrdIDs (handles) of the open orders. */
@Service
public class OpenOrderCompleter extends LiveCompleter {

    @Override
    protected void candidates(Set<String> values) {
        values.addAll(query(v -> v.openOrders().stream().map(o -> o.clientOrderId().value()).toList(), List.of()));
    }
}
