package io.livestack.venue.sim.internal;

import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueOrderId;
import java.util.ArrayList;
import java.util.List;

/** One of our orders as the simulated venue knows it. Venue thread only. */
final class SimOrder {

    final VenueOrderId venueOrderId;
    final InstrumentId instrument;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    /** The ClOrdID the venue knows the order by now (changes on every replace). */
    ClientOrderId current;
    long price;
    long quantity;
    long filled;
    long notional;
    OrderStatus status = OrderStatus.NEW;
    /** Time priority among resting orders at one price. */
    long arrival;
    /** Every fill report, kept to answer reconciliation. */
    final List<ExecutionReport> fills = new ArrayList<>();

    SimOrder(VenueOrderId venueOrderId, ClientOrderId current, InstrumentId instrument, Side side, OrderType type,
            TimeInForce timeInForce, long price, long quantity, long arrival) {
        this.venueOrderId = venueOrderId;
        this.current = current;
        this.instrument = instrument;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.price = price;
        this.quantity = quantity;
        this.arrival = arrival;
    }

    long leaves() {
        return status.isTerminal() ? 0 : quantity - filled;
    }

    long averagePrice() {
        return filled == 0 ? 0 : Fixed.divide(notional, filled);
    }

    /** Whether a counter-order at {@code levelPrice} trades with this one (a market order takes any price). */
    boolean accepts(long levelPrice) {
        if (type == OrderType.MARKET) {
            return true;
        }
        return side == Side.BUY ? levelPrice <= price : levelPrice >= price;
    }

    @Override
    public String toString() {
        return venueOrderId + "/" + current + " " + side + " " + Fixed.format(quantity) + " " + instrument + " @ "
                + (type == OrderType.MARKET ? "MKT" : Fixed.format(price)) + " " + status + " filled "
                + Fixed.format(filled);
    }
}
