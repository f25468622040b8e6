package io.livestack.fix.exchange.sim.internal;

import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic liquidity: per symbol a mid price that follows a seeded random walk on the tick grid, and quotes of
 * {@code depth} levels each side around it ({@code spreadTicks} between best bid and best ask, one tick between
 * levels, {@code quantity} per level, growing with the distance). The same seed gives the same walk.
 */
final class MarketMaker {

    /** The maker's levels for one symbol, best first. */
    record Quote(List<Level> bids, List<Level> asks) {
    }

    private static final class Walk {
        final long tick;
        long mid;

        Walk(long mid, long tick) {
            this.mid = mid;
            this.tick = tick;
        }
    }

    private final SplittableRandom random;
    private final int spreadTicks;
    private final int depth;
    private final long quantity;
    private final int maxStepTicks;
    private final Map<String, Walk> walks = new LinkedHashMap<>();

    MarketMaker(long seed, int spreadTicks, int depth, long quantity, int maxStepTicks) {
        if (spreadTicks < 1 || depth < 1 || quantity <= 0 || maxStepTicks < 0) {
            throw new IllegalArgumentException("spread, depth and quantity must be positive, the step not negative");
        }
        this.random = new SplittableRandom(seed);
        this.spreadTicks = spreadTicks;
        this.depth = depth;
        this.quantity = quantity;
        this.maxStepTicks = maxStepTicks;
    }

    /** Starts a walk at {@code initialMid} (rounded down to the tick grid). */
    void addSymbol(String symbol, long initialMid, long tick) {
        walks.put(symbol, new Walk(Math.max(floor(initialMid, tick), minimumMid(tick)), tick));
    }

    long mid(String symbol) {
        return walks.get(symbol).mid;
    }

    /** Moves every symbol's mid by a random whole number of ticks in [-maxStep, +maxStep]; returns the new quotes. */
    Map<String, Quote> step() {
        Map<String, Quote> quotes = new LinkedHashMap<>();
        for (Map.Entry<String, Walk> e : walks.entrySet()) {
            Walk w = e.getValue();
            int steps = maxStepTicks == 0 ? 0 : random.nextInt(2 * maxStepTicks + 1) - maxStepTicks;
            w.mid = Math.max(w.mid + steps * w.tick, minimumMid(w.tick));
            quotes.put(e.getKey(), quote(e.getKey()));
        }
        return quotes;
    }

    /** The quotes around the current mid. */
    Quote quote(String symbol) {
        Walk w = walks.get(symbol);
        long bestBid = w.mid - (spreadTicks / 2) * w.tick;
        long bestAsk = bestBid + spreadTicks * w.tick;
        List<Level> bids = new ArrayList<>(depth);
        List<Level> asks = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            long size = quantity * (i + 1);
            if (bestBid - i * w.tick > 0) {
                bids.add(new Level(bestBid - i * w.tick, size));
            }
            asks.add(new Level(bestAsk + i * w.tick, size));
        }
        return new Quote(bids, asks);
    }

    private long minimumMid(long tick) {
        return (spreadTicks + depth + 1L) * tick;
    }

    private static long floor(long price, long tick) {
        return price - Math.floorMod(price, tick);
    }
}
