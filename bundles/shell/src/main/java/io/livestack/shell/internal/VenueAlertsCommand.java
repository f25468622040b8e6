package io.livestack.shell.internal;

import io.livestack.api.model.VenueAlert;
import io.livestack.api.state.VenueAlertNote;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "venue-alerts", description = "Lists the latest venue alerts with what they "
        + "were about: exec ids reused, fills busted or corrected, reports for orders never sent (unknown ClOrdID), "
        + "requests stuck — newest first (docs/fix-venue.md says what each means and what to do)")
@Service
public class VenueAlertsCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Only this venue")
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "--alert", description = "Only this alert: EXEC_ID_REUSED, FILL_BUST, FILL_CORRECTED, "
            + "UNKNOWN_ORDER_REPORT, STUCK_REQUEST")
    String alert;

    @Option(name = "--max", description = "At most this many (default 50)")
    int max = 50;

    @Override
    protected void run() throws Exception {
        if (max <= 0) {
            throw new IllegalArgumentException("--max must be greater than 0, got " + max);
        }
        VenueAlert only = alert == null ? null : alert(alert);
        String venueId = venue == null ? null : Args.knownVenue(venue, knownVenues()).value();
        List<VenueAlertNote> notes = query(v -> v.recentVenueAlerts(Integer.MAX_VALUE));
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("Seq").alignRight();
        table.column("Venue");
        table.column("Alert");
        table.column("Detail").maxSize(160).wrap();
        int shown = 0;
        for (VenueAlertNote n : notes) {
            if ((only != null && n.alert() != only) || (venueId != null && !n.venue().value().equals(venueId))) {
                continue;
            }
            if (shown++ >= max) {
                break;
            }
            table.addRow().addContent(Instant.ofEpochSecond(0, n.timeNanos()), n.seq(), n.venue(), n.alert(),
                    n.detail());
        }
        if (shown == 0) {
            out().println("no venue alerts" + (only == null ? "" : " " + only) + (venueId == null ? ""
                    : " for " + venueId) + " since the runtime started (the database keeps every alert as a "
                    + "metadata record)");
            return;
        }
        table.print(out());
    }

    private static VenueAlert alert(String text) {
        try {
            return VenueAlert.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown alert '" + text + "' (one of "
                    + java.util.Arrays.toString(VenueAlert.values()) + ")");
        }
    }
}
