package io.livestack.venue.sim.internal;

import io.livestack.api.event.BookLevel;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic book of one instrument: {@code depth} levels a tick apart on each side, {@code spreadTicks} between
 * the best bid and the best ask, every level refilled to the configured liquidity after each random-walk step; our
 * taking orders deplete it until the next step. Also holds our resting orders. Venue thread only.
 */
final class SimBook {

    final InstrumentId instrument;
    private final long tick;
    private final int spreadTicks;
    private final long liquidity;
    private final int volatilityBps;
    /** Best bid, in ticks. */
    private long bidTicks;
    private final long[] bidQuantity;
    private final long[] askQuantity;
    /** Our resting orders (buys and sells), matched in price-time priority. */
    final List<SimOrder> resting = new ArrayList<>();
    /** The levels last published, to compute deltas. */
    List<BookLevel> publishedBids = List.of();
    List<BookLevel> publishedAsks = List.of();

    SimBook(InstrumentId instrument, long initialPrice, SimVenueSettings settings) {
        this.instrument = instrument;
        this.tick = settings.tickSize();
        this.spreadTicks = settings.spreadTicks();
        this.liquidity = settings.liquidityPerLevel();
        this.volatilityBps = settings.volatilityBps();
        this.bidTicks = initialPrice / tick - spreadTicks / 2;
        this.bidQuantity = new long[settings.depthLevels()];
        this.askQuantity = new long[settings.depthLevels()];
        refill();
    }

    /** One random-walk step of the price (uniform in ±volatility), then every level refilled. */
    void walk(SplittableRandom random) {
        long reach = bidTicks * volatilityBps / 10_000;
        if (volatilityBps > 0 && reach == 0) {
            reach = 1;
        }
        if (reach > 0) {
            long move = random.nextLong(2 * reach + 1) - reach;
            bidTicks = Math.max(bidQuantity.length + 1L, bidTicks + move);
        }
        refill();
    }

    private void refill() {
        Arrays.fill(bidQuantity, liquidity);
        Arrays.fill(askQuantity, liquidity);
    }

    int depth() {
        return bidQuantity.length;
    }

    long price(Side side, int level) {
        return side == Side.BUY ? (bidTicks - level) * tick : (bidTicks + spreadTicks + level) * tick;
    }

    long quantity(Side side, int level) {
        return side == Side.BUY ? bidQuantity[level] : askQuantity[level];
    }

    void take(Side side, int level, long quantity) {
        long[] levels = side == Side.BUY ? bidQuantity : askQuantity;
        levels[level] -= quantity;
    }

    /** Best price with liquidity on a side, or 0 when that side is empty. */
    long best(Side side) {
        for (int i = 0; i < depth(); i++) {
            if (quantity(side, i) > 0) {
                return price(side, i);
            }
        }
        return 0;
    }

    /** The levels with liquidity on a side, best first. */
    List<BookLevel> levels(Side side) {
        List<BookLevel> levels = new ArrayList<>(depth());
        for (int i = 0; i < depth(); i++) {
            if (quantity(side, i) > 0) {
                levels.add(new BookLevel(price(side, i), quantity(side, i)));
            }
        }
        return levels;
    }

    boolean isTick(long price) {
        return price % tick == 0;
    }

    /** Our resting orders on one side in priority order: best price first, then earliest. */
    List<SimOrder> restingByPriority(Side side) {
        Comparator<SimOrder> byPrice = Comparator.comparingLong(o -> o.price);
        List<SimOrder> sorted = new ArrayList<>();
        for (SimOrder order : resting) {
            if (order.side == side) {
                sorted.add(order);
            }
        }
        sorted.sort((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.arrival));
        return sorted;
    }
}
