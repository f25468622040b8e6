package io.livestack.shell.internal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookView;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "livestack", name = "book", description = "Shows the order book of an instrument at a venue")
@Service
public class BookCommand extends LiveStackAction {

    @Argument(index = 0, name = "venue", description = "Venue id", required = true)
    @Completion(VenueCompleter.class)
    String venue;

    @Argument(index = 1, name = "instrument", description = "Instrument id", required = true)
    @Completion(InstrumentCompleter.class)
    String instrument;

    @Argument(index = 2, name = "depth", description = "Levels per side (default 5, at most 50)")
    String depth;

    record Copy(List<BookLevel> bids, List<BookLevel> asks, long lastTrade, long lastUpdateSeq) {
    }

    @Override
    protected void run() throws Exception {
        VenueId v = Args.venue(venue);
        InstrumentId i = Args.instrument(instrument);
        int levels = depth == null ? 5 : Args.positiveInt(depth, "depth", 50);
        Copy book = query(view -> {
            BookView b = view.book(v, i);
            return b == null ? null : new Copy(b.bids(levels), b.asks(levels), b.lastTradePrice(),
                    b.lastUpdateSeq());
        });
        if (book == null) {
            throw new IllegalArgumentException("no book for " + i + " at " + v + " (no market data seen)");
        }
        ShellTable table = new ShellTable();
        table.column("Bid qty").alignRight();
        table.column("Bid").alignRight();
        table.column("Ask").alignRight();
        table.column("Ask qty").alignRight();
        int rows = Math.max(book.bids().size(), book.asks().size());
        for (int r = 0; r < rows; r++) {
            BookLevel bid = r < book.bids().size() ? book.bids().get(r) : null;
            BookLevel ask = r < book.asks().size() ? book.asks().get(r) : null;
            table.addRow().addContent(bid == null ? "" : Text.fixed(bid.quantity()),
                    bid == null ? "" : Text.fixed(bid.price()), ask == null ? "" : Text.fixed(ask.price()),
                    ask == null ? "" : Text.fixed(ask.quantity()));
        }
        out().println(v + " " + i + " (last trade " + (book.lastTrade() == 0 ? "-" : Text.fixed(book.lastTrade()))
                + ", updated at seq " + book.lastUpdateSeq() + ")");
        table.print(out());
    }
}
