package io.livestack.shell.internal;

import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "venues", description = "Lists the venues with their session state, kind, "
        + "connection, open orders and alerts (exec ids reused, fills busted or corrected, reports for unknown orders, "
        + "requests stuck)")
@Service
public class VenuesCommand extends LiveStackAction {

    record Facts(Map<VenueId, VenueSessionState> states, Map<VenueId, Integer> open,
            Map<VenueId, Map<VenueAlert, Long>> alerts) {
    }

    @Override
    protected void run() throws Exception {
        Facts facts = query(v -> {
            Map<VenueId, Integer> open = new HashMap<>();
            for (OrderView o : v.openOrders()) {
                open.merge(o.venue(), 1, Integer::sum);
            }
            return new Facts(new TreeMap<>(v.venueStates()), open, v.venueAlerts());
        });
        Map<VenueId, VenueAdapter> adapters = new TreeMap<>();
        for (VenueAdapter a : adapters()) {
            adapters.put(a.venueId(), a);
        }
        TreeSet<VenueId> venues = new TreeSet<>(facts.states().keySet());
        venues.addAll(adapters.keySet());
        ShellTable table = new ShellTable();
        table.column("Venue");
        table.column("State");
        table.column("Kind");
        table.column("Open orders").alignRight();
        table.column("Instruments");
        table.column("Connection");
        table.column("Alerts");
        for (VenueId venue : venues) {
            VenueAdapter a = adapters.get(venue);
            VenueSessionState state = facts.states().get(venue);
            table.addRow().addContent(venue, state == null ? (a == null ? "-" : a.sessionState()) : state,
                    a == null ? "-" : a.kind(), facts.open().getOrDefault(venue, 0),
                    a == null ? "" : Args.join(a.instruments()), a == null ? "(adapter gone)" : a.describe(),
                    alerts(facts.alerts().getOrDefault(venue, Map.of())));
        }
        table.print(out());
    }

    /** "EXEC_ID_REUSED=2 FILL_BUST=1", or "-" (docs/fix-venue.md says what each means and what to do). */
    static String alerts(Map<VenueAlert, Long> alerts) {
        if (alerts.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        alerts.forEach((alert, n) -> b.append(b.length() == 0 ? "" : " ").append(alert).append('=').append(n));
        return b.toString();
    }
}
