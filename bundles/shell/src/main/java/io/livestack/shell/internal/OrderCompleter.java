package io.livestack.shell.internal;

import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** ClOrdIDs (handles) of every order the live state holds, open or not. */
@Service
public class OrderCompleter extends LiveCompleter {

    @Override
    protected void candidates(Set<String> values) {
        values.addAll(query(v -> v.orders().stream().map(o -> o.clientOrderId().value()).toList(), List.of()));
    }
}
