package io.livestack.shell.internal;

import io.livestack.api.event.Command.ResolveVenue;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "venue-resolve", description = "Resolves a venue in RECONCILE_FAILED (its "
        + "status requests refused or unanswered): --accept takes the venue as reconciled, --cancel-in-doubt cancels "
        + "its open orders first; then it trades again. Audited with the user (operator)")
@Service
public class VenueResolveCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Venue id", required = true)
    @Completion(VenueCompleter.class)
    String venue;

    @Option(name = "--accept", description = "Accept the venue as reconciled: our account of its orders stands")
    boolean accept;

    @Option(name = "--cancel-in-doubt", description = "Cancel every open order at the venue, then trade again")
    boolean cancelInDoubt;

    @Override
    protected void run() throws Exception {
        if (accept == cancelInDoubt) {
            throw new IllegalArgumentException("give exactly one of --accept or --cancel-in-doubt");
        }
        command(new ResolveVenue(Args.knownVenue(venue, knownVenues()), cancelInDoubt));
    }
}
