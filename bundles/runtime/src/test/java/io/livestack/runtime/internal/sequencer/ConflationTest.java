package io.livestack.runtime.internal.sequencer;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.ask;
import static io.livestack.testkit.TestEvents.bid;
import static io.livestack.testkit.TestEvents.delta;
import static io.livestack.testkit.TestEvents.snapshot;
import static io.livestack.testkit.TestEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConflationTest {

    private static final BookSnapshot BOOK = snapshot(SIM, BTC, 1,
            List.of(new BookLevel(100, 5), new BookLevel(99, 7), new BookLevel(97, 1)),
            List.of(new BookLevel(101, 3), new BookLevel(103, 4)));

    @Test
    void laterLevelChangeForTheSameSideAndPriceWins() {
        BookDelta first = delta(SIM, BTC, 1, bid(100, 5), ask(101, 3));
        BookDelta second = delta(SIM, BTC, 2, bid(100, 9), bid(99, 2));

        MarketDataEvent merged = Conflation.merge(first, second);

        assertThat(merged).isInstanceOf(BookDelta.class);
        BookDelta d = (BookDelta) merged;
        assertThat(d.sourceTimeNanos()).isEqualTo(2);
        assertThat(d.changes()).containsExactlyInAnyOrder(ask(101, 3), bid(100, 9), bid(99, 2));
    }

    @Test
    void sameLevelOnOppositeSidesAreKeptApart() {
        BookDelta merged = Conflation.merge(delta(SIM, BTC, 1, bid(100, 5)), delta(SIM, BTC, 2, ask(100, 6)));

        assertThat(merged.changes()).containsExactlyInAnyOrder(bid(100, 5), ask(100, 6));
    }

    @Test
    void deltaOnAPendingSnapshotIsAppliedToIt() {
        BookDelta d = delta(SIM, BTC, 5, bid(99, 0), bid(98, 4), bid(100, 6), ask(102, 2), ask(101, 0), ask(104, 1));

        MarketDataEvent merged = Conflation.merge(BOOK, d);

        assertThat(merged).isInstanceOf(BookSnapshot.class);
        BookSnapshot s = (BookSnapshot) merged;
        assertThat(s.sourceTimeNanos()).isEqualTo(5);
        assertThat(s.bids()).containsExactly(new BookLevel(100, 6), new BookLevel(98, 4), new BookLevel(97, 1));
        assertThat(s.asks()).containsExactly(new BookLevel(102, 2), new BookLevel(103, 4), new BookLevel(104, 1));
    }

    @Test
    void snapshotReplacesAPendingDeltaOrSnapshot() {
        BookSnapshot later = snapshot(SIM, BTC, 9, List.of(new BookLevel(50, 1)), List.of());

        assertThat(Conflation.merge(delta(SIM, BTC, 1, bid(100, 1)), later)).isSameAs(later);
        assertThat(Conflation.merge(BOOK, later)).isSameAs(later);
    }

    @Test
    void tradesKeepTheLastPriceAndSumTheQuantity() {
        TradeTick merged = Conflation.merge(trade(SIM, BTC, 1, 100, 3, Side.BUY),
                trade(SIM, BTC, 2, 101, 4, Side.BUY));

        assertThat(merged.price()).isEqualTo(101);
        assertThat(merged.quantity()).isEqualTo(7);
        assertThat(merged.aggressor()).isEqualTo(Side.BUY);
        assertThat(merged.sourceTimeNanos()).isEqualTo(2);
    }

    @Test
    void tradesWithDifferentAggressorsLoseTheAggressor() {
        TradeTick merged = Conflation.merge(trade(SIM, BTC, 1, 100, 3, Side.BUY),
                trade(SIM, BTC, 2, 99, 4, Side.SELL));

        assertThat(merged.aggressor()).isNull();
    }

    @Test
    void tradeQuantitySaturatesInsteadOfOverflowing() {
        TradeTick merged = Conflation.merge(trade(SIM, BTC, 1, 100, Long.MAX_VALUE - 1, null),
                trade(SIM, BTC, 2, 99, 5, null));

        assertThat(merged.quantity()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void tradesAndBookEventsAreNeverMerged() {
        assertThatThrownBy(() -> Conflation.merge(BOOK, trade(SIM, BTC, 1, 1, 1, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Conflation.isBook(BOOK)).isTrue();
        assertThat(Conflation.isBook(trade(SIM, BTC, 1, 1, 1, null))).isFalse();
    }

    /** Applying the merge of a random run of deltas gives the same book as applying them one by one. */
    @Test
    void mergedDeltasGiveTheSameBookAsApplyingThemInTurn() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            BookSnapshot oneByOne = BOOK;
            MarketDataEvent merged = null;
            int n = 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                List<LevelChange> changes = new ArrayList<>();
                int m = 1 + random.nextInt(4);
                for (int j = 0; j < m; j++) {
                    Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    long price = side == Side.BUY ? 95 + random.nextInt(6) : 101 + random.nextInt(6);
                    changes.add(new LevelChange(side, price, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(9)));
                }
                BookDelta d = new BookDelta(SIM, BTC, k, changes);
                oneByOne = Conflation.apply(oneByOne, d);
                merged = merged == null ? d : Conflation.merge(merged, d);
            }
            BookSnapshot viaMerge = (BookSnapshot) Conflation.merge(BOOK, merged);
            assertThat(viaMerge.bids()).as("round %d", round).isEqualTo(oneByOne.bids());
            assertThat(viaMerge.asks()).as("round %d", round).isEqualTo(oneByOne.asks());
        }
    }
}
