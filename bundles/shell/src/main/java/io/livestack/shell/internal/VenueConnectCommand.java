package io.livestack.shell.internal;

import io.livestack.api.event.Command.ConnectVenue;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "livestack", name = "venue-connect", description = "Connects (logs on to) a venue; the outcome "
        + "arrives as session states, see livestack:venues (operator)")
@Service
public class VenueConnectCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Venue id", required = true)
    @Completion(VenueCompleter.class)
    String venue;

    @Override
    protected void run() throws Exception {
        command(new ConnectVenue(Args.knownVenue(venue, knownVenues())));
    }
}
