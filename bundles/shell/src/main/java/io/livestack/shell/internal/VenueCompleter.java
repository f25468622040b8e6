package io.livestack.shell.internal;

import io.livestack.api.venue.VenueAdapter;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Venue ids: the state's venues and the registered adapters. */
@Service
public class VenueCompleter extends LiveCompleter {

    @Override
    protected void candidates(Set<String> values) {
        values.addAll(query(v -> v.venueStates().keySet().stream().map(Object::toString).toList(), List.of()));
        for (VenueAdapter a : adapters()) {
            values.add(a.venueId().value());
        }
    }
}
