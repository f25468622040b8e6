package io.livestack.itests.chain;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A consistent, seeded market data feed for one instrument at one venue: a five-level book around a mid that walks
 * randomly (never crossed), as snapshots, deltas (a mid move re-levels the top of the book; otherwise one level's
 * quantity changes) and trades at the touch. Deterministic for a given seed; one feed per thread.
 */
final class MarketFeed {

    private static final int DEPTH = 5;

    private final VenueId venue;
    private final InstrumentId instrument;
    private final long tick;
    private final Random random;
    private long mid;
    private final TreeMap<Long, Long> bids = new TreeMap<>();
    private final TreeMap<Long, Long> asks = new TreeMap<>();

    /** {@code mid} and {@code tick} in whole fixed-point units (e.g. Fixed.parse("30000"), Fixed.parse("1")). */
    MarketFeed(VenueId venue, InstrumentId instrument, long mid, long tick, long seed) {
        this.venue = venue;
        this.instrument = instrument;
        this.mid = mid - mid % tick;
        this.tick = tick;
        this.random = new Random(seed);
        relevel(); // the initial book
    }

    InstrumentId instrument() {
        return instrument;
    }

    /** The next event: 5% snapshots, 20% trades, else deltas (a third of them move the mid). */
    MarketDataEvent next(long sourceTime) {
        int kind = random.nextInt(100);
        if (kind < 5) {
            return snapshot(sourceTime);
        }
        if (kind < 25) {
            return trade(sourceTime);
        }
        return delta(sourceTime);
    }

    BookSnapshot snapshot(long sourceTime) {
        List<BookLevel> b = new ArrayList<>();
        bids.descendingMap().forEach((p, q) -> b.add(new BookLevel(p, q)));
        List<BookLevel> a = new ArrayList<>();
        asks.forEach((p, q) -> a.add(new BookLevel(p, q)));
        return new BookSnapshot(venue, instrument, sourceTime, b, a);
    }

    TradeTick trade(long sourceTime) {
        boolean buy = random.nextBoolean();
        long price = buy ? asks.firstKey() : bids.lastKey();
        return new TradeTick(venue, instrument, sourceTime, price, Fixed.of(1 + random.nextInt(3)) / 10,
                buy ? Side.BUY : Side.SELL);
    }

    BookDelta delta(long sourceTime) {
        List<LevelChange> changes = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            TreeMap<Long, Long> oldBids = new TreeMap<>(bids);
            TreeMap<Long, Long> oldAsks = new TreeMap<>(asks);
            mid += (random.nextInt(11) - 5) * tick;
            mid = Math.max(mid, 20 * tick);
            relevel();
            diff(Side.BUY, oldBids, bids, changes);
            diff(Side.SELL, oldAsks, asks, changes);
            if (changes.isEmpty()) { // the mid did not move: change the best bid's size instead
                changes.add(resize(Side.BUY, bids, bids.lastKey()));
            }
        } else {
            boolean bid = random.nextBoolean();
            TreeMap<Long, Long> side = bid ? bids : asks;
            int level = random.nextInt(DEPTH);
            long price = bid ? bids.descendingKeySet().stream().skip(level).findFirst().orElseThrow()
                    : asks.keySet().stream().skip(level).findFirst().orElseThrow();
            changes.add(resize(bid ? Side.BUY : Side.SELL, side, price));
        }
        return new BookDelta(venue, instrument, sourceTime, changes);
    }

    private LevelChange resize(Side side, TreeMap<Long, Long> levels, long price) {
        long quantity = quantity();
        levels.put(price, quantity);
        return new LevelChange(side, price, quantity);
    }

    private long quantity() {
        return Fixed.of(1 + random.nextInt(20)) / 4;
    }

    /** Five levels per side, one or two ticks from the mid at the touch. */
    private void relevel() {
        long half = tick * (1 + random.nextInt(2));
        TreeMap<Long, Long> newBids = new TreeMap<>();
        TreeMap<Long, Long> newAsks = new TreeMap<>();
        for (int i = 0; i < DEPTH; i++) {
            long b = mid - half - i * tick;
            long a = mid + half + i * tick;
            newBids.put(b, bids.getOrDefault(b, quantity()));
            newAsks.put(a, asks.getOrDefault(a, quantity()));
        }
        bids.clear();
        bids.putAll(newBids);
        asks.clear();
        asks.putAll(newAsks);
    }

    private static void diff(Side side, TreeMap<Long, Long> before, TreeMap<Long, Long> after,
            List<LevelChange> changes) {
        for (Long p : before.keySet()) {
            if (!after.containsKey(p)) {
                changes.add(new LevelChange(side, p, 0));
            }
        }
        after.forEach((p, q) -> {
            if (!q.equals(before.get(p))) {
                changes.add(new LevelChange(side, p, q));
            }
        });
    }
}
