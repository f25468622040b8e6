package io.livestack.state.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.PositionView;
import java.math.BigInteger;

/**
 * Average-cost position accounting for one instrument at one level ({@link PositionView.Level}: the keys that are not
 * null say what it is kept for), fixed-point throughout. Every level is accounted the same way over its own fills.
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
 P&amp;L (realized as it accrues, unrealized when a view is taken) is times the contract multiplier: realized at the
 * multiplier of the filling venue, unrealized at the position's {@link #multiplier} (reference data). Fees are kept
 * apart, already in the reporting currency ({@link Valuation}): a fill's fee may be in another currency than the
 * instrument's quote currency; a bust takes its fee back.
 */
final class Position {

    private final InstrumentPositions of;
    final AccountId account;
    final StrategyId strategy;
    final VenueId venue;
    long netQuantity;
    long averagePrice;
    long realizedPnl;
    long boughtQuantity;
    long soldQuantity;
    long updatedSeq;
    long fees;
    /** For unrealized P&amp;L and exposure: the multiplier at its venue (the instrument's, above venue level). */
    long multiplier = Fixed.SCALE;
    /** False while the position exists only to carry the mark (no fill, nothing recovered): not listed. */
    boolean active;
    /** What it adds to its scope's P&amp;L totals now ({@link PnlTotals}: realized, unrealized, fees, gross, net). */
    final long[] contribution = new long[5];
    /** Changed since {@link PnlTotals} last took its contribution in. */
    boolean pending;

    Position(InstrumentPositions of, AccountId account, StrategyId strategy, VenueId venue) {
        this.of = of;
        this.account = account;
        this.strategy = strategy;
        this.venue = venue;
    }

    InstrumentId instrument() {
        return of.instrument;
    }

    long markPrice() {
        return of.markPrice;
    }

    /** Books a fill (a trade or a correction) at the fill venue's {@code fillMultiplier}, with its converted fee. */
    void apply(Side side, long quantity, long price, long seq, long fillMultiplier, long fee) {
        active = true;
        updatedSeq = seq;
        fees += fee;
        if (side == Side.BUY) {
            boughtQuantity += quantity;
        } else {
            soldQuantity += quantity;
        }
        move(side == Side.BUY ? quantity : -quantity, price, fillMultiplier);
    }

    /** Takes a busted fill away (see the class comment) and its converted fee. */
    void reverse(Side side, long quantity, long price, long seq, long fillMultiplier, long fee) {
        active = true;
        updatedSeq = seq;
        fees -= fee;
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
        move(-signed, price, fillMultiplier);
    }

    /** Moves the net quantity by {@code signed} at {@code price}: opening, adding, reducing or flipping. */
    private void move(long signed, long price, long fillMultiplier) {
        long quantity = Math.abs(signed);
        if (netQuantity == 0 || Long.signum(netQuantity) == Long.signum(signed)) {
            averagePrice = weightedAverage(averagePrice, Math.abs(netQuantity), price, quantity);
            netQuantity += signed;
            return;
        }
        long open = Math.abs(netQuantity);
        long closing = Math.min(quantity, open);
        long perUnit = netQuantity > 0 ? price - averagePrice : averagePrice - price;
        realizedPnl += Valuation.times(Fixed.multiply(perUnit, closing), fillMultiplier);
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
            of.markPrice = view.markPrice();
        }
        boughtQuantity = view.boughtQuantity();
        soldQuantity = view.soldQuantity();
        updatedSeq = view.updatedSeq();
        fees = view.fees();
    }

    long unrealizedPnl() {
        long mark = of.markPrice;
        if (netQuantity == 0 || mark == 0) {
            return 0;
        }
        return Valuation.times(Fixed.multiply(mark - averagePrice, netQuantity), multiplier);
    }

    /** Net quantity × mark (the average without a mark) × multiplier, signed, in the quote currency. */
    long exposure() {
        if (netQuantity == 0) {
            return 0;
        }
        long price = of.markPrice != 0 ? of.markPrice : averagePrice;
        return Valuation.times(Fixed.multiply(netQuantity, price), multiplier);
    }

    PositionView view() {
        return new PositionView(of.instrument, netQuantity, averagePrice, realizedPnl, unrealizedPnl(),
                of.markPrice, boughtQuantity, soldQuantity, updatedSeq, account, strategy, venue, fees);
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
