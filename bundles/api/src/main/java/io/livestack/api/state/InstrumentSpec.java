package io.livestack.api.state;

import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import java.util.List;
import java.util.Objects;

/**
 * Reference data of one instrument at one venue ({@code venue} null: every venue without its own), from
 * {@code etc/livestack.refdata.cfg}. Prices and quantities are fixed-point; a size of 0 means no constraint.
 *
 * @param venueSymbol    what the venue calls it (the instrument id when not configured)
 * @param tickSize       the price increment (used where the tick table has no step)
 * @param ticks          a tick table: from each step's price up, the step's tick; sorted by price; may be empty
 * @param lotSize        the quantity increment
 * @param minQuantity    the smallest order quantity
 * @param maxQuantity    the largest order quantity the venue takes
 * @param multiplier     the contract multiplier (value of one unit of quantity per unit of price), fixed-point; 1
 *                       for cash instruments
 * @param currency       the quote currency
 * @param pricePrecision the decimals a price is shown and sent with
 */
public record InstrumentSpec(InstrumentId instrument, VenueId venue, String venueSymbol, long tickSize,
        List<TickStep> ticks, long lotSize, long minQuantity, long maxQuantity, long multiplier, String currency,
        int pricePrecision) {

    /** A tick table step: prices from {@code fromPrice} up move by {@code tick}. */
    public record TickStep(long fromPrice, long tick) {
    }

    public InstrumentSpec {
        Objects.requireNonNull(instrument, "instrument");
        venueSymbol = venueSymbol == null || venueSymbol.isBlank() ? instrument.value() : venueSymbol;
        ticks = List.copyOf(ticks == null ? List.of() : ticks);
        currency = currency == null ? "" : currency;
    }

    /** The tick that applies at {@code price}: the tick table's step below or at it, else the tick size. */
    public long tickAt(long price) {
        long tick = tickSize;
        for (TickStep step : ticks) {
            if (price >= step.fromPrice()) {
                tick = step.tick();
            } else {
                break;
            }
        }
        return tick;
    }

    /**
     * Whether {@code price} is on the tick grid (always, without a tick): a whole number of ticks from the start of
     * its tick table step (from zero without one).
     */
    public boolean onTick(long price) {
        long tick = tickSize;
        long from = 0;
        for (TickStep step : ticks) {
            if (price >= step.fromPrice()) {
                tick = step.tick();
                from = step.fromPrice();
            } else {
                break;
            }
        }
        return tick <= 0 || (price - from) % tick == 0;
    }

    /** Whether {@code quantity} is a whole number of lots (always, without a lot size). */
    public boolean onLot(long quantity) {
        return lotSize <= 0 || quantity % lotSize == 0;
    }
}
