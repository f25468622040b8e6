package io.livestack.shell.internal;

import io.livestack.api.event.Command.DisconnectVenue;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "venue-disconnect", description = "Logs out of a venue; its open orders stay "
        + "(operator)")
@Service
public class VenueDisconnectCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Venue id", required = true)
    @Completion(VenueCompleter.class)
    String venue;

    @Override
    protected void run() throws Exception {
        command(new DisconnectVenue(Args.knownVenue(venue, knownVenues())));
    }
}
