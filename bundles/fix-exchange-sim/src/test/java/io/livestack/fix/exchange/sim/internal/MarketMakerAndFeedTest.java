package io.livestack.fix.exchange.sim.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.internal.MarketDataFeed.Change;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketMakerAndFeedTest {

    @Test
    void theSameSeedGivesTheSameWalk() {
        List<Long> first = walk(7, 50);
        List<Long> second = walk(7, 50);
        List<Long> other = walk(8, 50);

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    private static List<Long> walk(long seed, int steps) {
        MarketMaker mm = new MarketMaker(seed, 2, 3, of(1), 2);
        mm.addSymbol("X", of(100), Fixed.parse("0.5"));
        List<Long> mids = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            mm.step();
            mids.add(mm.mid("X"));
        }
        return mids;
    }

    @Test
    void quotesStayOnTheTickGridAroundTheMidWithTheConfiguredSpreadAndDepth() {
        MarketMaker mm = new MarketMaker(1, 4, 3, of(2), 5);
        long tick = Fixed.parse("0.5");
        mm.addSymbol("X", Fixed.parse("100.3"), tick);
        for (int i = 0; i < 20; i++) {
            Map<String, MarketMaker.Quote> quotes = mm.step();
            MarketMaker.Quote q = quotes.get("X");
            assertThat(q.bids()).hasSize(3);
            assertThat(q.asks()).hasSize(3);
            assertThat(q.asks().get(0).price() - q.bids().get(0).price()).isEqualTo(4 * tick);
            assertThat(q.bids()).allMatch(l -> l.price() % tick == 0);
            assertThat(q.bids()).extracting(Level::quantity).containsExactly(of(2), of(4), of(6));
            assertThat(q.bids().get(0).price()).isGreaterThan(q.bids().get(1).price());
            assertThat(q.asks().get(0).price()).isLessThan(q.asks().get(1).price());
        }
    }

    @Test
    void theMidNeverWalksToZero() {
        MarketMaker mm = new MarketMaker(3, 2, 2, of(1), 50);
        mm.addSymbol("X", of(1), of(1));
        for (int i = 0; i < 200; i++) {
            mm.step();
            assertThat(mm.quote("X").bids()).allMatch(l -> l.price() > 0);
        }
    }

    @Test
    void diffReportsDeletesChangesAndNewLevels() {
        List<Change> out = new ArrayList<>();
        MarketDataFeed.diff(Side.BUY,
                List.of(new Level(of(100), of(1)), new Level(of(99), of(2)), new Level(of(98), of(3))),
                List.of(new Level(of(101), of(5)), new Level(of(100), of(1)), new Level(of(99), of(4))), out);

        assertThat(out).containsExactly(
                new Change(Change.DELETE, Side.BUY, of(98), 0),
                new Change(Change.CHANGE, Side.BUY, of(99), of(4)),
                new Change(Change.NEW, Side.BUY, of(101), of(5)));
    }

    @Test
    void subscribersGetTheDifferencesOfTheirDepthAndTheTrades() {
        MatchingEngine engine = new MatchingEngine("t");
        engine.addSymbol("X", of(1));
        engine.newOrder("a", "1", "X", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(100), of(1));
        engine.newOrder("a", "2", "X", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(99), of(1));
        MarketDataFeed feed = new MarketDataFeed();
        MarketDataFeed.Subscription top = feed.subscribe("s1", "r1", "X", 1, engine.book("X"));
        assertThat(top.bids).containsExactly(new Level(of(100), of(1)));

        engine.newOrder("b", "3", "X", Side.SELL, OrderType.LIMIT, TimeInForce.DAY, of(100), of(1));
        List<MarketDataFeed.Update> updates = feed.onChange("X", engine.book("X"),
                List.of(new SimEvent.Print("X", of(100), of(1), Side.SELL)));

        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.changes()).containsExactly(new Change(Change.DELETE, Side.BUY, of(100), 0),
                    new Change(Change.NEW, Side.BUY, of(99), of(1)));
            assertThat(u.trades()).hasSize(1);
        });
        feed.dropSession("s1");
        assertThat(feed.onChange("X", engine.book("X"), List.of())).isEmpty();
    }

    @Test
    void settingsNameTheKeyAndTheBadValue() {
        assertThatThrownBy(() -> SimSettings.parse(Map.of("port", "70000"), Path.of("x")))
                .hasMessageContaining("'port'").hasMessageContaining("70000");
        assertThatThrownBy(() -> SimSettings.parse(Map.of("symbols", "BTC-USD"), Path.of("x")))
                .hasMessageContaining("'symbols'").hasMessageContaining("BTC-USD");
        assertThatThrownBy(() -> SimSettings.parse(Map.of("beginStrings", "FIX.4.3"), Path.of("x")))
                .hasMessageContaining("'beginStrings'").hasMessageContaining("FIX.4.3");
        assertThatThrownBy(() -> SimSettings.parse(Map.of("tick", "0.000000001"), Path.of("x")))
                .hasMessageContaining("'tick'");
        SimSettings s = SimSettings.parse(Map.of("symbols", "BTC-USD:30000:0.5, ETH-USD:2000", "password", "pw"),
                Path.of("x"));
        assertThat(s.symbols().get("ETH-USD").tick()).isEqualTo(Fixed.parse("0.01"));
        assertThat(s.toString()).doesNotContain("pw");
    }
}
