package io.livestack.state.internal;

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

/**
 * A throughput harness for {@link InMemoryStateStore#apply} (not a test: it prints figures). Pre-builds a stream of
 * realistic events (deltas near the top of 20-level books of 16 instruments at 2 venues, some trades, a snapshot now
 * and then) and applies them repeatedly on one thread.
 * <p>
 * Run: {@code mvn -q -o test-compile} then
 * {@code java -cp target/classes:target/test-classes:$(ls ~/.m2/repository/io/livestack/livestack-api/0.1.0-SNAPSHOT/*.jar):$(ls ~/.m2/repository/org/slf4j/slf4j-api/2.0.16/*.jar) io.livestack.state.internal.StateApplyBenchmark}
 */
public final class StateApplyBenchmark {

    private StateApplyBenchmark() {
    }

    public static void main(String[] args) {
        int events = 2_000_000;
        List<MarketDataEvent> stream = stream(events, new Random(7));
        InMemoryStateStore store = new InMemoryStateStore();
        long seq = 0;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                store.apply(++seq, stream.get(i));
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("round %d: %,d events in %d ms = %,.0f events/s (%.0f ns/event)%n", round, events,
                    nanos / 1_000_000, events * 1e9 / nanos, (double) nanos / events);
        }
    }

    private static List<MarketDataEvent> stream(int n, Random random) {
        VenueId[] venues = {VenueId.of("A"), VenueId.of("B")};
        InstrumentId[] instruments = new InstrumentId[16];
        for (int i = 0; i < instruments.length; i++) {
            instruments[i] = InstrumentId.of("I" + i);
        }
        List<MarketDataEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            VenueId venue = venues[random.nextInt(venues.length)];
            InstrumentId instrument = instruments[random.nextInt(instruments.length)];
            long mid = Fixed.of(1000);
            long tick = Fixed.of(1) / 100;
            int kind = random.nextInt(100);
            if (kind < 1) {
                List<BookLevel> bids = new ArrayList<>();
                List<BookLevel> asks = new ArrayList<>();
                for (int l = 1; l <= 20; l++) {
                    bids.add(new BookLevel(mid - l * tick, Fixed.of(1 + random.nextInt(9))));
                    asks.add(new BookLevel(mid + l * tick, Fixed.of(1 + random.nextInt(9))));
                }
                out.add(new BookSnapshot(venue, instrument, i, bids, asks));
            } else if (kind < 10) {
                out.add(new TradeTick(venue, instrument, i, mid + tick, Fixed.of(1), Side.BUY));
            } else {
                boolean buy = random.nextBoolean();
                int level = 1 + (int) Math.abs(random.nextGaussian() * 4); // mostly near the top
                long price = buy ? mid - level * tick : mid + level * tick;
                long quantity = random.nextInt(5) == 0 ? 0 : Fixed.of(1 + random.nextInt(9));
                out.add(new BookDelta(venue, instrument, i,
                        List.of(new LevelChange(buy ? Side.BUY : Side.SELL, price, quantity))));
            }
        }
        return out;
    }
}
