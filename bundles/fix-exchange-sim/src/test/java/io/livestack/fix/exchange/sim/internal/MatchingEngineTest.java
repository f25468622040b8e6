package io.livestack.fix.exchange.sim.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.fix.exchange.sim.internal.OrderBook.Level;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MatchingEngineTest {

    private static final String SYM = "BTC-USD";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private MatchingEngine engine;

    @BeforeEach
    void setUp() {
        engine = new MatchingEngine("t");
        engine.addSymbol(SYM, Fixed.parse("0.5"));
    }

    private List<SimEvent> limit(String owner, String id, Side side, long px, long qty, TimeInForce tif) {
        return engine.newOrder(owner, id, SYM, side, OrderType.LIMIT, tif, px, qty);
    }

    private List<SimEvent> limit(String owner, String id, Side side, long px, long qty) {
        return limit(owner, id, side, px, qty, TimeInForce.DAY);
    }

    private static <T extends SimEvent> List<T> only(List<SimEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void restsALimitOrderThatDoesNotCrossAndAcknowledgesIt() {
        List<SimEvent> events = limit(ALICE, "A1", Side.BUY, of(100), of(2));

        assertThat(only(events, SimEvent.Accepted.class)).singleElement()
                .satisfies(a -> assertThat(a.order().status()).isEqualTo(OrderStatus.NEW));
        assertThat(only(events, SimEvent.Trade.class)).isEmpty();
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).containsExactly(new Level(of(100), of(2)));
    }

    @Test
    void matchesBestPriceFirstThenOldestOrderAtThatPriceAtTheRestingPrice() {
        limit(ALICE, "S1", Side.SELL, of(101), of(1));
        limit(ALICE, "S2", Side.SELL, of(101), of(1));
        limit(ALICE, "S3", Side.SELL, of(100), of(1));

        List<SimEvent> events = limit(BOB, "B1", Side.BUY, of(101), of(3));

        List<SimEvent.Trade> bobFills = only(events, SimEvent.Trade.class).stream()
                .filter(t -> t.owner().equals(BOB)).toList();
        assertThat(bobFills).extracting(SimEvent.Trade::lastPrice).containsExactly(of(100), of(101), of(101));
        List<SimEvent.Trade> aliceFills = only(events, SimEvent.Trade.class).stream()
                .filter(t -> t.owner().equals(ALICE)).toList();
        assertThat(aliceFills).extracting(t -> t.order().clOrdId()).containsExactly("S3", "S1", "S2");
        assertThat(aliceFills).allMatch(SimEvent.Trade::maker);
        assertThat(bobFills).noneMatch(SimEvent.Trade::maker);
        assertThat(bobFills.get(2).order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(bobFills.get(2).order().averagePrice()).isEqualTo(Fixed.parse("100.66666666"));
        assertThat(only(events, SimEvent.Print.class)).hasSize(3);
    }

    @Test
    void aLimitBuyDoesNotTradeAboveItsPrice() {
        limit(ALICE, "S1", Side.SELL, of(101), of(1));

        List<SimEvent> events = limit(BOB, "B1", Side.BUY, Fixed.parse("100.5"), of(1));

        assertThat(only(events, SimEvent.Trade.class)).isEmpty();
        assertThat(engine.book(SYM).best(Side.BUY)).isEqualTo(Fixed.parse("100.5"));
        assertThat(engine.book(SYM).best(Side.SELL)).isEqualTo(of(101));
    }

    @Test
    void aPartialFillLeavesTheRemainderRestingWithCumulativeQuantities() {
        limit(ALICE, "S1", Side.SELL, of(100), of(1));

        List<SimEvent> events = limit(BOB, "B1", Side.BUY, of(100), of(3));

        SimEvent.Trade fill = only(events, SimEvent.Trade.class).stream().filter(t -> t.owner().equals(BOB))
                .findFirst().orElseThrow();
        assertThat(fill.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(fill.order().cumQty()).isEqualTo(of(1));
        assertThat(fill.order().leavesQty()).isEqualTo(of(2));
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).containsExactly(new Level(of(100), of(2)));
        assertThat(engine.book(SYM).levels(Side.SELL, 0)).isEmpty();
    }

    @Test
    void immediateOrCancelTradesWhatItCanAndCancelsTheRest() {
        limit(ALICE, "S1", Side.SELL, of(100), of(1));

        List<SimEvent> events = limit(BOB, "B1", Side.BUY, of(100), of(3), TimeInForce.IOC);

        assertThat(only(events, SimEvent.Trade.class)).filteredOn(t -> t.owner().equals(BOB)).hasSize(1);
        SimEvent.Canceled canceled = only(events, SimEvent.Canceled.class).get(0);
        assertThat(canceled.order().cumQty()).isEqualTo(of(1));
        assertThat(canceled.order().leavesQty()).isZero();
        assertThat(canceled.order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).isEmpty();
    }

    @Test
    void aMarketOrderSweepsLevelsAndCancelsWhatFindsNoLiquidity() {
        limit(ALICE, "S1", Side.SELL, of(100), of(1));
        limit(ALICE, "S2", Side.SELL, of(102), of(1));

        List<SimEvent> events = engine.newOrder(BOB, "M1", SYM, Side.BUY, OrderType.MARKET, TimeInForce.DAY, 0,
                of(3));

        assertThat(only(events, SimEvent.Trade.class)).filteredOn(t -> t.owner().equals(BOB))
                .extracting(SimEvent.Trade::lastPrice).containsExactly(of(100), of(102));
        assertThat(only(events, SimEvent.Canceled.class)).singleElement()
                .satisfies(c -> assertThat(c.order().cumQty()).isEqualTo(of(2)));
    }

    @Test
    void aMarketOrderInAnEmptyBookIsCanceled() {
        List<SimEvent> events = engine.newOrder(BOB, "M1", SYM, Side.SELL, OrderType.MARKET, TimeInForce.DAY, 0,
                of(1));

        assertThat(only(events, SimEvent.Accepted.class)).hasSize(1);
        assertThat(only(events, SimEvent.Canceled.class)).singleElement()
                .satisfies(c -> assertThat(c.text()).contains("no more liquidity"));
    }

    @Test
    void refusesUnknownSymbolsOffTickPricesNonPositiveQuantitiesAndDuplicateClOrdIds() {
        assertThat(engine.newOrder(BOB, "X1", "ETH-USD", Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(1), of(1)))
                .singleElement().isInstanceOfSatisfying(SimEvent.Rejected.class,
                        r -> assertThat(r.ordRejReason()).isEqualTo(MatchingEngine.REJ_UNKNOWN_SYMBOL));
        assertThat(limit(BOB, "X2", Side.BUY, Fixed.parse("100.25"), of(1))).singleElement()
                .isInstanceOfSatisfying(SimEvent.Rejected.class, r -> assertThat(r.text()).contains("tick"));
        assertThat(limit(BOB, "X3", Side.BUY, of(100), 0)).singleElement()
                .isInstanceOf(SimEvent.Rejected.class);
        limit(BOB, "X4", Side.BUY, of(100), of(1));
        assertThat(limit(BOB, "X4", Side.BUY, of(100), of(1))).singleElement()
                .isInstanceOfSatisfying(SimEvent.Rejected.class,
                        r -> assertThat(r.ordRejReason()).isEqualTo(MatchingEngine.REJ_DUPLICATE_ORDER));
        assertThat(limit(ALICE, "X4", Side.BUY, of(100), of(1))).hasAtLeastOneElementOfType(SimEvent.Accepted.class);
    }

    @Test
    void cancelTakesTheOrderOutOfTheBookUnderTheCancelsClOrdId() {
        limit(BOB, "B1", Side.BUY, of(100), of(1));

        List<SimEvent> events = engine.cancel(BOB, "C1", "B1");

        SimEvent.Canceled c = only(events, SimEvent.Canceled.class).get(0);
        assertThat(c.order().clOrdId()).isEqualTo("C1");
        assertThat(c.order().origClOrdId()).isEqualTo("B1");
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).isEmpty();
        assertThat(engine.openOrders(BOB)).isEmpty();
    }

    @Test
    void cancelOfAnUnknownOrFilledOrderIsRefused() {
        assertThat(engine.cancel(BOB, "C1", "nope")).singleElement()
                .isInstanceOfSatisfying(SimEvent.CancelRejected.class, r -> {
                    assertThat(r.cxlRejReason()).isEqualTo(MatchingEngine.CXL_UNKNOWN_ORDER);
                    assertThat(r.order()).isNull();
                });
        limit(ALICE, "S1", Side.SELL, of(100), of(1));
        limit(BOB, "B1", Side.BUY, of(100), of(1));
        assertThat(engine.cancel(BOB, "C2", "B1")).singleElement()
                .isInstanceOfSatisfying(SimEvent.CancelRejected.class, r -> {
                    assertThat(r.cxlRejReason()).isEqualTo(MatchingEngine.CXL_TOO_LATE);
                    assertThat(r.order().status()).isEqualTo(OrderStatus.FILLED);
                });
        assertThat(engine.cancel(BOB, "C3", "someone else's")).singleElement()
                .isInstanceOf(SimEvent.CancelRejected.class);
    }

    @Test
    void replacingDownInQuantityKeepsTimePriority() {
        limit(BOB, "B1", Side.BUY, of(100), of(3));
        limit(ALICE, "A1", Side.BUY, of(100), of(1));

        List<SimEvent> events = engine.replace(BOB, "B2", "B1", OrderType.LIMIT, of(100), of(2));

        assertThat(only(events, SimEvent.Replaced.class)).singleElement().satisfies(r -> {
            assertThat(r.order().clOrdId()).isEqualTo("B2");
            assertThat(r.order().origClOrdId()).isEqualTo("B1");
            assertThat(r.order().quantity()).isEqualTo(of(2));
        });
        assertThat(engine.book(SYM).orders(Side.BUY)).extracting(o -> o.clOrdId).containsExactly("B2", "A1");
    }

    @Test
    void replacingUpInQuantityOrToAnotherPriceLosesTimePriority() {
        limit(BOB, "B1", Side.BUY, of(100), of(1));
        limit(ALICE, "A1", Side.BUY, of(100), of(1));

        engine.replace(BOB, "B2", "B1", OrderType.LIMIT, of(100), of(2));

        assertThat(engine.book(SYM).orders(Side.BUY)).extracting(o -> o.clOrdId).containsExactly("A1", "B2");
    }

    @Test
    void aReplaceThatCrossesTrades() {
        limit(ALICE, "S1", Side.SELL, of(101), of(1));
        limit(BOB, "B1", Side.BUY, of(100), of(1));

        List<SimEvent> events = engine.replace(BOB, "B2", "B1", OrderType.LIMIT, of(101), of(1));

        assertThat(events.get(0)).isInstanceOf(SimEvent.Replaced.class);
        assertThat(only(events, SimEvent.Trade.class)).filteredOn(t -> t.owner().equals(BOB)).singleElement()
                .satisfies(t -> {
                    assertThat(t.order().clOrdId()).isEqualTo("B2");
                    assertThat(t.order().status()).isEqualTo(OrderStatus.FILLED);
                });
    }

    @Test
    void aReplaceToAQuantityNotAboveTheFilledQuantityIsRefused() {
        limit(ALICE, "S1", Side.SELL, of(100), of(1));
        limit(BOB, "B1", Side.BUY, of(100), of(3));

        List<SimEvent> events = engine.replace(BOB, "B2", "B1", OrderType.LIMIT, of(100), of(1));

        assertThat(events).singleElement().isInstanceOfSatisfying(SimEvent.CancelRejected.class, r -> {
            assertThat(r.replace()).isTrue();
            assertThat(r.text()).contains("filled");
        });
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).containsExactly(new Level(of(100), of(2)));
    }

    @Test
    void statusAnswersByOrderIdOrClOrdIdAndSaysWhenTheOrderIsUnknown() {
        List<SimEvent> placed = limit(BOB, "B1", Side.BUY, of(100), of(1));
        String orderId = only(placed, SimEvent.Accepted.class).get(0).order().orderId();

        assertThat(engine.status(BOB, "B1", null, SYM, Side.BUY)).singleElement()
                .isInstanceOfSatisfying(SimEvent.Status.class, s -> assertThat(s.order().orderId()).isEqualTo(orderId));
        assertThat(engine.status(BOB, "whatever", orderId, SYM, Side.BUY)).singleElement()
                .isInstanceOfSatisfying(SimEvent.Status.class, s -> assertThat(s.order().clOrdId()).isEqualTo("B1"));
        assertThat(engine.status(BOB, "nope", null, SYM, Side.BUY)).singleElement()
                .isInstanceOfSatisfying(SimEvent.Status.class, s -> assertThat(s.order()).isNull());
        assertThat(engine.status(ALICE, "B1", orderId, SYM, Side.BUY)).singleElement()
                .isInstanceOfSatisfying(SimEvent.Status.class, s -> assertThat(s.order()).isNull());
    }

    @Test
    void massStatusReportsEveryOpenOrderAndMarksTheLast() {
        limit(BOB, "B1", Side.BUY, of(100), of(1));
        limit(BOB, "B2", Side.BUY, of(99), of(1));
        limit(BOB, "B3", Side.BUY, of(98), of(1));
        engine.cancel(BOB, "C3", "B3");

        List<SimEvent> events = engine.massStatus(BOB, "MS1");

        List<SimEvent.Status> statuses = only(events, SimEvent.Status.class);
        assertThat(statuses).extracting(s -> s.order().clOrdId()).containsExactly("B1", "B2");
        assertThat(statuses).extracting(SimEvent.Status::lastReport).containsExactly(false, true);
        assertThat(statuses).allSatisfy(s -> assertThat(s.totalReports()).isEqualTo(2));
    }

    @Test
    void theEndOfTheDayExpiresDayOrdersButNotGoodTillCancel() {
        limit(BOB, "D1", Side.BUY, of(100), of(1), TimeInForce.DAY);
        limit(BOB, "G1", Side.BUY, of(99), of(1), TimeInForce.GTC);

        List<SimEvent> events = engine.expireDayOrders();

        assertThat(only(events, SimEvent.Expired.class)).extracting(e -> e.order().clOrdId()).containsExactly("D1");
        assertThat(engine.openOrders(BOB)).extracting(o -> o.clOrdId).containsExactly("G1");
    }

    @Test
    void theMakersNewQuotesSweepRestingClientOrdersTheyCrossAtTheClientsPrice() {
        limit(BOB, "S1", Side.SELL, of(101), of(2));
        engine.quote(SYM, List.of(new Level(of(100), of(1))), List.of(new Level(of(103), of(1))));
        assertThat(only(engine.quote(SYM, List.of(new Level(of(100), of(1))), List.of()), SimEvent.Trade.class))
                .isEmpty();

        List<SimEvent> events = engine.quote(SYM, List.of(new Level(of(102), of(5))), List.of(new Level(of(104),
                of(1))));

        assertThat(only(events, SimEvent.Trade.class)).singleElement().satisfies(t -> {
            assertThat(t.owner()).isEqualTo(BOB);
            assertThat(t.lastPrice()).isEqualTo(of(101));
            assertThat(t.lastQuantity()).isEqualTo(of(2));
            assertThat(t.maker()).isTrue();
        });
        assertThat(engine.book(SYM).levels(Side.BUY, 0)).containsExactly(new Level(of(102), of(3)));
        assertThat(engine.book(SYM).levels(Side.SELL, 0)).containsExactly(new Level(of(104), of(1)));
    }

    @Test
    void execIdsAreUniqueAndCarryTheRunPrefix() {
        limit(ALICE, "S1", Side.SELL, of(100), of(1));
        List<SimEvent> events = limit(BOB, "B1", Side.BUY, of(100), of(1));

        List<String> ids = only(events, SimEvent.Trade.class).stream().map(SimEvent.Trade::execId).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.startsWith("t-E"));
    }
}
