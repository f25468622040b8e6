package io.livestack.shell.internal;

import io.livestack.api.state.BookView;
import io.livestack.api.state.PositionView;
import io.livestack.api.venue.VenueAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Instrument ids: what the adapters list, and the instruments of known books and positions. */
@Service
public class InstrumentCompleter extends LiveCompleter {

    @Override
    protected void candidates(Set<String> values) {
        for (VenueAdapter a : adapters()) {
            a.instruments().forEach(i -> values.add(i.value()));
        }
        values.addAll(query(v -> {
            List<String> out = new ArrayList<>();
            for (BookView b : v.books()) {
                out.add(b.instrument().value());
            }
            for (PositionView p : v.positions()) {
                out.add(p.instrument().value());
            }
            return out;
        }, List.of()));
    }
}
