package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.api.model.Fixed.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.PositionRecord;
import io.livestack.api.state.PositionView;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTest {

    private static final VenueId VENUE = VenueId.of("sim");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private long seq;

    private PositionView fill(Side side, String quantity, String price) {
        seq++;
        FillRecord fill = new FillRecord(seq, seq, VENUE, ExecId.of("E" + seq), ClientOrderId.of("C" + seq), null,
                StrategyId.of("s"), BTC, side, parse(price), parse(quantity), LiquidityFlag.UNKNOWN, 0, null, seq);
        PositionRecord record = store.applyFill(seq, seq * 10, fill);
        assertThat(record.seq()).isEqualTo(seq);
        assertThat(record.timeNanos()).isEqualTo(seq * 10);
        return record.position();
    }

    private void mid(long bid, long ask) {
        store.apply(++seq, new BookSnapshot(VENUE, BTC, 0, List.of(new BookLevel(of(bid), of(1))),
                List.of(new BookLevel(of(ask), of(1)))));
    }

    @Test
    void positionIsFlatBeforeAnyFill() {
        assertThat(store.position(BTC)).isEqualTo(PositionView.flat(BTC));
        assertThat(store.positions()).isEmpty();
    }

    @Test
    void openingFillSetsQuantityAndAveragePrice() {
        PositionView p = fill(Side.BUY, "2", "100");

        assertThat(p.netQuantity()).isEqualTo(of(2));
        assertThat(p.averagePrice()).isEqualTo(of(100));
        assertThat(p.realizedPnl()).isZero();
        assertThat(p.boughtQuantity()).isEqualTo(of(2));
        assertThat(store.positions()).containsExactly(store.position(BTC));
    }

    @Test
    void addingAveragesTheCostBasis() {
        fill(Side.BUY, "1", "100");
        PositionView p = fill(Side.BUY, "3", "104");

        assertThat(p.netQuantity()).isEqualTo(of(4));
        assertThat(p.averagePrice()).isEqualTo(of(103)); // (100 + 3*104) / 4
        assertThat(p.realizedPnl()).isZero();
    }

    @Test
    void averageIsExactForLargeQuantitiesAndTruncatedAtTheEighthDecimal() {
        fill(Side.BUY, "1000000", "30000.12345678");
        PositionView p = fill(Side.BUY, "2", "1");

        // (1e6 * 30000.12345678 + 2) / 1000002 = 30000.0634586530... truncated to 8 decimals
        assertThat(p.averagePrice()).isEqualTo(parse("30000.06345865"));
    }

    @Test
    void reducingALongRealizesProfitAndKeepsAverage() {
        fill(Side.BUY, "4", "100");
        PositionView p = fill(Side.SELL, "1", "110");

        assertThat(p.netQuantity()).isEqualTo(of(3));
        assertThat(p.averagePrice()).isEqualTo(of(100));
        assertThat(p.realizedPnl()).isEqualTo(of(10));
        assertThat(p.soldQuantity()).isEqualTo(of(1));
    }

    @Test
    void reducingAShortRealizesWhenBuyingBackCheaper() {
        fill(Side.SELL, "2", "100");
        PositionView p = fill(Side.BUY, "1", "90");

        assertThat(p.netQuantity()).isEqualTo(of(-1));
        assertThat(p.averagePrice()).isEqualTo(of(100));
        assertThat(p.realizedPnl()).isEqualTo(of(10));
    }

    @Test
    void closingCompletelyResetsTheAverage() {
        fill(Side.BUY, "2", "100");
        PositionView p = fill(Side.SELL, "2", "95");

        assertThat(p.netQuantity()).isZero();
        assertThat(p.averagePrice()).isZero();
        assertThat(p.realizedPnl()).isEqualTo(of(-10));
        assertThat(p.unrealizedPnl()).isZero();
        assertThat(store.positions()).hasSize(1); // still listed: it traded
    }

    @Test
    void flippingRealizesTheClosedPartAndOpensTheRestAtTheFillPrice() {
        fill(Side.BUY, "2", "100");
        PositionView p = fill(Side.SELL, "5", "120");

        assertThat(p.netQuantity()).isEqualTo(of(-3));
        assertThat(p.averagePrice()).isEqualTo(of(120));
        assertThat(p.realizedPnl()).isEqualTo(of(40));

        PositionView back = fill(Side.BUY, "4", "110");
        assertThat(back.netQuantity()).isEqualTo(of(1));
        assertThat(back.averagePrice()).isEqualTo(of(110));
        assertThat(back.realizedPnl()).isEqualTo(of(40 + 30));
    }

    @Test
    void unrealizedIsMarkedToTheLatestMidOfAnyVenue() {
        fill(Side.BUY, "2", "100");
        mid(104, 106);

        PositionView p = store.position(BTC);
        assertThat(p.markPrice()).isEqualTo(of(105));
        assertThat(p.unrealizedPnl()).isEqualTo(of(10));

        store.apply(++seq, new BookSnapshot(VenueId.of("other"), BTC, 0, List.of(new BookLevel(of(98), of(1))),
                List.of(new BookLevel(of(100), of(1)))));
        assertThat(store.position(BTC).markPrice()).isEqualTo(of(99));
        assertThat(store.position(BTC).unrealizedPnl()).isEqualTo(of(-2));
    }

    @Test
    void unrealizedOfAShortGainsWhenThePriceFalls() {
        fill(Side.SELL, "3", "100");
        mid(89, 91);

        assertThat(store.position(BTC).unrealizedPnl()).isEqualTo(of(30));
    }

    @Test
    void lastTradeMarksWhenThereIsNoTwoSidedMarket() {
        fill(Side.BUY, "1", "100");
        store.apply(++seq, new TradeTick(VENUE, BTC, 0, of(103), of(1), null));

        assertThat(store.position(BTC).markPrice()).isEqualTo(of(103));
        assertThat(store.position(BTC).unrealizedPnl()).isEqualTo(of(3));

        mid(101, 103);
        store.apply(++seq, new TradeTick(VENUE, BTC, 0, of(150), of(1), null));
        assertThat(store.position(BTC).markPrice()).as("a two-sided book's mid wins over a trade").isEqualTo(of(102));
    }

    @Test
    void markIsKnownBeforeAnyFillButThePositionIsNotListed() {
        mid(99, 101);

        assertThat(store.position(BTC).markPrice()).isEqualTo(of(100));
        assertThat(store.position(BTC).netQuantity()).isZero();
        assertThat(store.positions()).isEmpty();
    }

    @Test
    void aBustOfAFillThatAddedUnweighsTheAverageExactly() {
        fill(Side.BUY, "1", "100");
        fill(Side.BUY, "3", "104");
        FillRecord bust = new FillRecord(9, 9, VENUE, ExecId.of("B1"), ClientOrderId.of("C1"), null,
                StrategyId.of("s"), BTC, Side.BUY, of(104), of(3), LiquidityFlag.UNKNOWN, 0, null, 9,
                FillRecord.Kind.BUST, ExecId.of("E2"));

        PositionRecord record = store.applyFill(9, 9, bust);

        assertThat(record.position().netQuantity()).isEqualTo(of(1));
        assertThat(record.position().averagePrice()).isEqualTo(of(100));
        assertThat(record.position().realizedPnl()).isZero();
        assertThat(record.position().boughtQuantity()).isEqualTo(of(1));
    }

    @Test
    void aBustOfAFillThatClosedTradesBackAtItsPrice() {
        fill(Side.BUY, "2", "100");
        fill(Side.SELL, "2", "110"); // realized +20, flat
        FillRecord bust = new FillRecord(9, 9, VENUE, ExecId.of("B1"), ClientOrderId.of("C1"), null,
                StrategyId.of("s"), BTC, Side.SELL, of(110), of(2), LiquidityFlag.UNKNOWN, 0, null, 9,
                FillRecord.Kind.BUST, ExecId.of("E2"));

        PositionRecord record = store.applyFill(9, 9, bust);

        assertThat(record.position().netQuantity()).isEqualTo(of(2));
        assertThat(record.position().soldQuantity()).isZero();
    }
}
