package io.livestack.shell.internal;

import io.livestack.api.event.Command.ManualIntent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.venue.VenueAdapter;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "livestack", name = "order-submit", description = "Sends a manual order (strategy 'manual'): it "
        + "goes through risk and execution control like any other (operator)")
@Service
public class OrderSubmitCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Venue id", required = true)
    @Completion(VenueCompleter.class)
    String venue;

    @Argument(index = 1, name = "instrument", description = "Instrument id", required = true)
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Argument(index = 2, name = "side", description = "BUY or SELL", required = true)
    @Completion(value = StringsCompleter.class, values = {"BUY", "SELL"})
    String side;

    @Argument(index = 3, name = "quantity", description = "Quantity (decimal)", required = true)
    String quantity;

    @Argument(index = 4, name = "price", description = "Limit price (decimal); none for a MARKET order. The "
            + "options may also follow the arguments: ... 0.5 101.25 --tif IOC", multiValued = true)
    List<String> rest;

    @Option(name = "--type", aliases = "-t", description = "LIMIT (default) or MARKET")
    @Completion(value = StringsCompleter.class, values = {"LIMIT", "MARKET"})
    String type;

    @Option(name = "--tif", description = "Time in force: DAY (default), IOC or GTC")
    @Completion(value = StringsCompleter.class, values = {"DAY", "IOC", "GTC"})
    String tif;

    @Override
    protected void run() throws Exception {
        VenueId v = Args.venue(venue);
        InstrumentId i = Args.instrument(instrument);
        ManualOrders.Trailing t = ManualOrders.trailing(rest, type, tif);
        SubmitOrder order = ManualOrders.submit(v, i, side, quantity, t.price(), t.type(), t.tif());
        Args.knownVenue(venue, knownVenues());
        for (VenueAdapter a : adapters()) {
            if (a.venueId().equals(v) && !a.instruments().isEmpty() && !a.instruments().contains(i)) {
                throw new IllegalArgumentException("instrument '" + instrument + "' is not traded at " + v
                        + " (instruments: " + Args.join(a.instruments()) + ")");
            }
        }
        command(new ManualIntent(order));
    }
}
