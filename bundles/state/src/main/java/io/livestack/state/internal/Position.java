package io.livestack.state.internal;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.state.PositionView;
import java.math.BigInteger;

/**
 * Average-cost position accounting for one instrument (all venues), fixed-point throughout.
 * <ul>
 * <li>Opening or adding: the average price becomes the quantity-weighted average of the old average and the fill
 * price, computed exactly in 128 bits and truncated toward zero at the 8th decimal.</li>
 * <li>Reducing: realized P&amp;L += (fill price − average) × closed quantity for a long, (average − fill price) ×
 * closed quantity for a short; the average of what stays open does not change.</li>
 * <li>Flipping through zero: the closing part realizes as above, the rest opens a new position at the fill price.</li>
 * <li>Unrealized P&amp;L = (mark − average) × net quantity, computed when a view is taken; the mark is the mid of
 * the latest two-sided book of any venue for the instrument, else that book's last trade.</li>
 * <li>A bust ({@link #reverse}) takes the fill away: when it added to the position still open on its side, the
 * quantity and the average are un-weighted exactly (the inverse of adding); otherwise (it reduced or closed a position,
 * or the position has turned since) the position trades back at the busted fill's price against the current average,
 * so its P&amp;L effect is realized at that price. Bought/sold volumes lose the busted quantity.</li>
 * </ul>
 * Fees are not part of P&amp;L here: a fill's fee may be in another currency than the instrument's quote currency.
 */
final class Position {

    private final InstrumentId instrument;
    long netQuantity;
    long averagePrice;
    long realizedPnl;
    long markPrice;
    long boughtQuantity;
    long soldQuantity;
    long updatedSeq;
    /** False while the position exists only to carry the mark (no fill, nothing recovered): not listed. */
    boolean active;

    Position(InstrumentId instrument) {
        this.instrument = instrument;
    }

    InstrumentId instrument() {
        return instrument;
    }

    void apply(Side side, long quantity, long price, long seq) {
        active = true;
        updatedSeq = seq;
        if (side == Side.BUY) {
            boughtQuantity += quantity;
        } else {
            soldQuantity += quantity;
        }
        move(side == Side.BUY ? quantity : -quantity, price);
    }

    /** Takes a busted fill away (see the class comment). */
    void reverse(Side side, long quantity, long price, long seq) {
        active = true;
        updatedSeq = seq;
        long signed = side == Side.BUY ? quantity : -quantity;
        if (side == Side.BUY) {
            boughtQuantity = Math.max(0, boughtQuantity - quantity);
        } else {
            soldQuantity = Math.max(0, soldQuantity - quantity);
        }
        long open = Math.abs(netQuantity);
        if (netQuantity != 0 && Long.signum(netQuantity) == Long.signum(signed) && open >= quantity) {
            netQuantity -= signed;
            if (netQuantity == 0) {
                averagePrice = 0;
            } else {
                long average = unweightedAverage(averagePrice, open, price, quantity);
                averagePrice = average > 0 ? average : averagePrice; // it did not add at that price after all
            }
            return;
        }
        move(-signed, price);
    }

    /** Moves the net quantity by {@code signed} at {@code price}: opening, adding, reducing or flipping. */
    private void move(long signed, long price) {
        long quantity = Math.abs(signed);
        if (netQuantity == 0 || Long.signum(netQuantity) == Long.signum(signed)) {
            averagePrice = weightedAverage(averagePrice, Math.abs(netQuantity), price, quantity);
            netQuantity += signed;
            return;
        }
        long open = Math.abs(netQuantity);
        long closing = Math.min(quantity, open);
        long perUnit = netQuantity > 0 ? price - averagePrice : averagePrice - price;
        realizedPnl += Fixed.multiply(perUnit, closing);
        netQuantity += signed;
        if (netQuantity == 0) {
            averagePrice = 0;
        } else if (quantity > open) {
            averagePrice = price; // flipped: the remainder opened at the fill price
        }
    }

    void restore(PositionView view) {
        active = true;
        netQuantity = view.netQuantity();
        averagePrice = view.averagePrice();
        realizedPnl = view.realizedPnl();
        if (view.markPrice() != 0) {
            markPrice = view.markPrice();
        }
        boughtQuantity = view.boughtQuantity();
        soldQuantity = view.soldQuantity();
        updatedSeq = view.updatedSeq();
    }

    long unrealizedPnl() {
        if (netQuantity == 0 || markPrice == 0) {
            return 0;
        }
        return Fixed.multiply(markPrice - averagePrice, netQuantity);
    }

    PositionView view() {
        return new PositionView(instrument, netQuantity, averagePrice, realizedPnl, unrealizedPnl(), markPrice,
                boughtQuantity, soldQuantity, updatedSeq);
    }

    /** (avg × n − price × q) / (n − q): the inverse of {@link #weightedAverage}, exact in 128 bits; n &gt; q. */
    static long unweightedAverage(long average, long quantity, long price, long removedQuantity) {
        BigInteger numerator = BigInteger.valueOf(average).multiply(BigInteger.valueOf(quantity))
                .subtract(BigInteger.valueOf(price).multiply(BigInteger.valueOf(removedQuantity)));
        BigInteger denominator = BigInteger.valueOf(quantity - removedQuantity);
        return numerator.divide(denominator).longValueExact();
    }

    /** (avg × n + price × q) / (n + q) over raw fixed-point values: exact in 128 bits, truncated toward zero. */
    static long weightedAverage(long average, long quantity, long price, long addedQuantity) {
        if (quantity == 0) {
            return price;
        }
        BigInteger numerator = BigInteger.valueOf(average).multiply(BigInteger.valueOf(quantity))
                .add(BigInteger.valueOf(price).multiply(BigInteger.valueOf(addedQuantity)));
        BigInteger denominator = BigInteger.valueOf(quantity).add(BigInteger.valueOf(addedQuantity));
        return numerator.divide(denominator).longValueExact();
    }
}
