package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.BookView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BookTest {

    private static final VenueId VENUE = VenueId.of("sim");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private long seq;

    private void snapshot(List<BookLevel> bids, List<BookLevel> asks) {
        store.apply(++seq, new BookSnapshot(VENUE, BTC, seq, bids, asks));
    }

    private void delta(LevelChange... changes) {
        store.apply(++seq, new BookDelta(VENUE, BTC, seq, List.of(changes)));
    }

    private static BookLevel level(long price, long quantity) {
        return new BookLevel(of(price), of(quantity));
    }

    @Test
    void unknownBookIsNull() {
        assertThat(store.book(VENUE, BTC)).isNull();
    }

    @Test
    void snapshotGivesLevelOneAndDepthBestFirst() {
        snapshot(List.of(level(100, 1), level(99, 2), level(98, 3)), List.of(level(101, 4), level(102, 5)));

        BookView book = store.book(VENUE, BTC);
        assertThat(book.hasBid()).isTrue();
        assertThat(book.hasAsk()).isTrue();
        assertThat(book.bestBidPrice()).isEqualTo(of(100));
        assertThat(book.bestBidQuantity()).isEqualTo(of(1));
        assertThat(book.bestAskPrice()).isEqualTo(of(101));
        assertThat(book.bestAskQuantity()).isEqualTo(of(4));
        assertThat(book.midPrice()).isEqualTo(of(100) + of(1) / 2);
        assertThat(book.bidDepth()).isEqualTo(3);
        assertThat(book.askDepth()).isEqualTo(2);
        assertThat(book.bids(10)).containsExactly(level(100, 1), level(99, 2), level(98, 3));
        assertThat(book.asks(1)).containsExactly(level(101, 4));
        assertThat(book.bid(2)).isEqualTo(level(98, 3));
        assertThat(book.askPrice(1)).isEqualTo(of(102));
        assertThat(book.askQuantity(1)).isEqualTo(of(5));
        assertThat(book.lastUpdateSeq()).isEqualTo(seq);
        assertThat(store.lastSeq()).isEqualTo(seq);
    }

    @Test
    void snapshotReplacesEverythingKnownBefore() {
        snapshot(List.of(level(100, 1), level(99, 2)), List.of(level(101, 4)));
        snapshot(List.of(level(90, 7)), List.of());

        BookView book = store.book(VENUE, BTC);
        assertThat(book.bids(10)).containsExactly(level(90, 7));
        assertThat(book.hasAsk()).isFalse();
        assertThat(book.bestAskPrice()).isZero();
        assertThat(book.midPrice()).isZero();
    }

    @Test
    void snapshotOutOfOrderOrWithZeroLevelsIsStillSorted() {
        snapshot(List.of(level(98, 3), level(100, 1), level(99, 0), level(99, 2)),
                List.of(level(103, 1), level(101, 4), level(102, 0)));

        BookView book = store.book(VENUE, BTC);
        assertThat(book.bids(10)).containsExactly(level(100, 1), level(99, 2), level(98, 3));
        assertThat(book.asks(10)).containsExactly(level(101, 4), level(103, 1));
    }

    @Test
    void deltaInsertsUpdatesAndDeletesLevelsKeepingPriceOrder() {
        snapshot(List.of(level(100, 1), level(98, 3)), List.of(level(101, 4), level(103, 5)));

        delta(new LevelChange(Side.BUY, of(99), of(2)), // insert in the middle
                new LevelChange(Side.BUY, of(100), of(9)), // update the top
                new LevelChange(Side.SELL, of(102), of(6)), // insert ask in the middle
                new LevelChange(Side.SELL, of(101), 0), // delete best ask
                new LevelChange(Side.BUY, of(97), 0)); // delete an absent level: no-op

        BookView book = store.book(VENUE, BTC);
        assertThat(book.bids(10)).containsExactly(level(100, 9), level(99, 2), level(98, 3));
        assertThat(book.asks(10)).containsExactly(level(102, 6), level(103, 5));
        assertThat(book.bestAskPrice()).isEqualTo(of(102));
    }

    @Test
    void deltasAloneBuildATwoSidedBook() {
        delta(new LevelChange(Side.BUY, of(10), of(1)));
        assertThat(store.book(VENUE, BTC).hasAsk()).isFalse();
        delta(new LevelChange(Side.SELL, of(12), of(1)));

        BookView book = store.book(VENUE, BTC);
        assertThat(book.hasBid()).isTrue();
        assertThat(book.hasAsk()).isTrue();
        assertThat(book.midPrice()).isEqualTo(of(11));
    }

    @Test
    void levelIndexOutsideDepthIsRefused() {
        snapshot(List.of(level(100, 1)), List.of());
        BookView book = store.book(VENUE, BTC);

        assertThatThrownBy(() -> book.bid(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> book.ask(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tradeTickSetsLastTradePrice() {
        store.apply(++seq, new TradeTick(VENUE, BTC, 1, of(105), of(1), Side.BUY));

        assertThat(store.book(VENUE, BTC).lastTradePrice()).isEqualTo(of(105));
        assertThat(store.book(VENUE, BTC).hasBid()).isFalse();
    }

    @Test
    void booksAreKeptPerVenueAndInstrument() {
        snapshot(List.of(level(100, 1)), List.of());
        store.apply(++seq, new BookSnapshot(VenueId.of("other"), BTC, 1, List.of(level(50, 1)), List.of()));
        store.apply(++seq, new BookSnapshot(VENUE, InstrumentId.of("ETH-USD"), 1, List.of(level(7, 1)), List.of()));

        assertThat(store.book(VENUE, BTC).bestBidPrice()).isEqualTo(of(100));
        assertThat(store.book(VenueId.of("other"), BTC).bestBidPrice()).isEqualTo(of(50));
        assertThat(store.book(VENUE, InstrumentId.of("ETH-USD")).bestBidPrice()).isEqualTo(of(7));
        assertThat(store.books()).hasSize(3);
    }

    /** Random deltas against a TreeMap reference: the arrays stay sorted and equal to the reference, deep books too. */
    @Test
    void randomDeltasMatchASortedMapReference() {
        Random random = new Random(42);
        TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            boolean buy = random.nextBoolean();
            long price = of(1000) + (buy ? -1 : 1) * random.nextInt(300) * 1_000_000L;
            long quantity = random.nextInt(4) == 0 ? 0 : of(1 + random.nextInt(50));
            delta(new LevelChange(buy ? Side.BUY : Side.SELL, price, quantity));
            TreeMap<Long, Long> reference = buy ? bids : asks;
            if (quantity == 0) {
                reference.remove(price);
            } else {
                reference.put(price, quantity);
            }
        }
        BookView book = store.book(VENUE, BTC);
        assertThat(book.bids(Integer.MAX_VALUE)).isEqualTo(levels(bids));
        assertThat(book.asks(Integer.MAX_VALUE)).isEqualTo(levels(asks));
        assertThat(book.bidDepth()).isGreaterThan(100);
    }

    private static List<BookLevel> levels(Map<Long, Long> reference) {
        List<BookLevel> levels = new ArrayList<>();
        reference.forEach((price, quantity) -> levels.add(new BookLevel(price, quantity)));
        return levels;
    }
}
