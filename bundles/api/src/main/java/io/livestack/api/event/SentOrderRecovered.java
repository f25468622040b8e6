package io.livestack.api.event;

import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import java.util.Objects;

/**
 * An order a venue adapter finds in its session's outbound store that the journal does not hold: it was sent, but
 * the input that caused it had not been forced to disk when the machine lost power (an append is in the page cache
 * at once and survives a crash of the process; only a power loss or a kernel crash loses the last
 * {@code syncIntervalMillis}). The adapter publishes one per such order after the recovery and before it logs on, so
 * that the order is booked — once, with its strategy — before the venue's reports for it arrive.
 *
 * @param strategy   the strategy that sent it, as the adapter recorded it beside the store ({@code unknown} when not
 *                   recorded)
 * @param msgSeqNum  the outbound MsgSeqNum it was sent with
 */
public record SentOrderRecovered(long sourceTimeNanos, VenueId venue, ClientOrderId clientOrderId,
        StrategyId strategy, InstrumentId instrument, Side side, OrderType type, TimeInForce timeInForce, long price,
        long quantity, int msgSeqNum) implements Event {

    public SentOrderRecovered {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
    }
}
