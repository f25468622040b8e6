package io.livestack.venue.sim.internal;

import static io.livestack.venue.sim.internal.SimFixtures.BTC;
import static io.livestack.venue.sim.internal.SimFixtures.SIM;
import static io.livestack.venue.sim.internal.SimFixtures.acknowledged;
import static io.livestack.venue.sim.internal.SimFixtures.limit;
import static io.livestack.venue.sim.internal.SimFixtures.order;
import static io.livestack.venue.sim.internal.SimFixtures.settings;
import static io.livestack.venue.sim.internal.SimFixtures.withCurrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Event;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimMatchingEngineTest {

    private final List<Event> events = new ArrayList<>();
    private long time = 1_000;
    private SimMatchingEngine engine = engine(0, 7);

    private SimMatchingEngine engine(int volatilityBps, long seed) {
        return new SimMatchingEngine(settings(volatilityBps, seed), "T", events::add, () -> time++);
    }

    private List<ExecutionReport> reports() {
        return events.stream().filter(ExecutionReport.class::isInstance).map(ExecutionReport.class::cast).toList();
    }

    private <T> List<T> only(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static long px(String text) {
        return Fixed.parse(text);
    }

    @Test
    void aMarketableLimitOrderFillsAcrossLevelsAtTheBookPrices() {
        engine.publishSnapshots();
        events.clear();

        engine.submit(limit("X1", Side.BUY, "100.03", "2.5"));

        assertThat(reports()).extracting(ExecutionReport::execType, ExecutionReport::orderStatus,
                ExecutionReport::lastQuantity, ExecutionReport::lastPrice, ExecutionReport::leavesQuantity,
                ExecutionReport::liquidity).containsExactly(
                        tuple(ExecType.NEW, OrderStatus.NEW, 0L, 0L, px("2.5"), LiquidityFlag.UNKNOWN),
                        tuple(ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, px("1"), px("100.01"), px("1.5"),
                                LiquidityFlag.TAKER),
                        tuple(ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, px("1"), px("100.02"), px("0.5"),
                                LiquidityFlag.TAKER),
                        tuple(ExecType.TRADE, OrderStatus.FILLED, px("0.5"), px("100.03"), 0L, LiquidityFlag.TAKER));
        ExecutionReport last = reports().get(3);
        assertThat(last.cumulativeQuantity()).isEqualTo(px("2.5"));
        assertThat(last.averagePrice()).isEqualTo(px("100.018"));
        assertThat(reports()).extracting(r -> r.execId().value()).doesNotHaveDuplicates();
        assertThat(reports()).extracting(ExecutionReport::venueOrderId).containsOnly(reports().get(0).venueOrderId());
        assertThat(only(TradeTick.class)).extracting(TradeTick::price, TradeTick::aggressor).containsExactly(
                tuple(px("100.01"), Side.BUY), tuple(px("100.02"), Side.BUY), tuple(px("100.03"), Side.BUY));
        assertThat(only(BookDelta.class)).singleElement().extracting(BookDelta::changes)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder(
                        new LevelChange(Side.SELL, px("100.01"), 0), new LevelChange(Side.SELL, px("100.02"), 0),
                        new LevelChange(Side.SELL, px("100.03"), px("0.5")));
    }

    @Test
    void theRemainderOfAnIocOrderIsCanceled() {
        engine.submit(order("X1", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, "100.02", "5"));

        assertThat(reports()).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.TRADE,
                ExecType.TRADE, ExecType.CANCELED);
        ExecutionReport canceled = reports().get(3);
        assertThat(canceled.orderStatus()).isEqualTo(OrderStatus.CANCELED);
        assertThat(canceled.cumulativeQuantity()).isEqualTo(px("2"));
        assertThat(canceled.leavesQuantity()).isZero();
        assertThat(engine.book(BTC).resting).isEmpty();
    }

    @Test
    void aMarketOrderSweepsTheDepthAndTheRestIsCanceled() {
        engine.submit(order("X1", Side.SELL, OrderType.MARKET, TimeInForce.DAY, null, "4"));

        assertThat(reports()).extracting(ExecutionReport::execType, ExecutionReport::lastPrice).containsExactly(
                tuple(ExecType.NEW, 0L), tuple(ExecType.TRADE, px("99.99")), tuple(ExecType.TRADE, px("99.98")),
                tuple(ExecType.TRADE, px("99.97")), tuple(ExecType.CANCELED, 0L));
        assertThat(reports().get(4).cumulativeQuantity()).isEqualTo(px("3"));
    }

    @Test
    void theRemainderOfADayLimitOrderRests() {
        engine.submit(limit("X1", Side.BUY, "100.01", "1.5"));

        assertThat(reports()).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.TRADE);
        assertThat(reports().get(1).orderStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(engine.book(BTC).resting).singleElement().satisfies(o -> assertThat(o.leaves()).isEqualTo(
                px("0.5")));
    }

    @Test
    void aRestingLimitOrderFillsAtItsPriceOnlyOnceTheWalkCrossesIt() {
        engine = engine(50, 11);
        engine.submit(limit("X1", Side.BUY, "99.5", "1"));
        assertThat(reports()).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW);
        events.clear();

        int steps = 0;
        while (reports().isEmpty() && steps < 1_000) {
            engine.step();
            steps++;
            if (reports().isEmpty()) {
                assertThat(engine.book(BTC).best(Side.SELL)).as("not filled while the ask stays above the bid")
                        .isGreaterThan(px("99.5"));
            }
        }

        assertThat(steps).isGreaterThan(1).isLessThan(1_000);
        assertThat(events.get(0)).as("the book that crossed the order goes out before the fill")
                .isInstanceOf(BookDelta.class);
        assertThat(engine.book(BTC).price(Side.SELL, 0)).isLessThanOrEqualTo(px("99.5"));
        assertThat(reports()).singleElement().satisfies(fill -> {
            assertThat(fill.execType()).isEqualTo(ExecType.TRADE);
            assertThat(fill.lastPrice()).isEqualTo(px("99.5"));
            assertThat(fill.liquidity()).isEqualTo(LiquidityFlag.MAKER);
            assertThat(fill.orderStatus()).isEqualTo(OrderStatus.FILLED);
        });
        assertThat(engine.book(BTC).resting).isEmpty();
    }

    @Test
    void cancelsARestingOrderAndRefusesToCancelItTwice() {
        OrderView order = limit("X1", Side.BUY, "99", "1");
        engine.submit(order);
        events.clear();

        engine.cancel(order, ClientOrderId.of("X2"));
        engine.cancel(order, ClientOrderId.of("X3"));

        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.CANCELED);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.CANCELED);
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("X2"));
            assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
            assertThat(r.leavesQuantity()).isZero();
        });
        assertThat(only(OrderCancelRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("X3"));
            assertThat(r.replace()).isFalse();
            assertThat(r.reason()).contains("too late").contains("CANCELED");
        });
        assertThat(engine.book(BTC).resting).isEmpty();
    }

    @Test
    void refusesToCancelAnOrderItDoesNotKnow() {
        engine.cancel(limit("GHOST", Side.BUY, "99", "1"), ClientOrderId.of("X9"));

        assertThat(events).singleElement().isInstanceOfSatisfying(OrderCancelRejected.class, r -> {
            assertThat(r.venue()).isEqualTo(SIM);
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("X9"));
            assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("GHOST"));
            assertThat(r.reason()).isEqualTo("unknown order");
        });
    }

    @Test
    void replacesARestingOrderUnderTheNewClOrdId() {
        OrderView order = limit("X1", Side.BUY, "99", "1");
        engine.submit(order);
        events.clear();

        engine.replace(order, ClientOrderId.of("R1"), px("99.5"), px("2"));

        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.REPLACED);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(r.clientOrderId()).isEqualTo(ClientOrderId.of("R1"));
            assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("X1"));
            assertThat(r.price()).isEqualTo(px("99.5"));
            assertThat(r.orderQuantity()).isEqualTo(px("2"));
            assertThat(r.leavesQuantity()).isEqualTo(px("2"));
        });
        events.clear();
        engine.cancel(withCurrent(order, "R1"), ClientOrderId.of("C1"));
        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.CANCELED);
            assertThat(r.origClientOrderId()).isEqualTo(ClientOrderId.of("R1"));
        });
    }

    @Test
    void aReplaceThatMakesTheOrderMarketableTradesAtOnce() {
        OrderView order = limit("X1", Side.BUY, "99", "1");
        engine.submit(order);
        events.clear();

        engine.replace(order, ClientOrderId.of("R1"), px("100.01"), px("1"));

        assertThat(reports()).extracting(ExecutionReport::execType, ExecutionReport::clientOrderId,
                ExecutionReport::lastPrice).containsExactly(
                        tuple(ExecType.REPLACED, ClientOrderId.of("R1"), 0L),
                        tuple(ExecType.TRADE, ClientOrderId.of("R1"), px("100.01")));
        assertThat(reports().get(1).orderStatus()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void refusesAReplaceBelowTheFilledQuantityOrOffTheTick() {
        OrderView order = limit("X1", Side.BUY, "100.01", "1.5");
        engine.submit(order); // 1 filled, 0.5 rests
        events.clear();

        engine.replace(order, ClientOrderId.of("R1"), px("100.01"), px("1"));
        engine.replace(order, ClientOrderId.of("R2"), px("100.005"), px("2"));

        assertThat(reports()).isEmpty();
        assertThat(only(OrderCancelRejected.class)).extracting(OrderCancelRejected::clientOrderId,
                OrderCancelRejected::replace).containsExactly(tuple(ClientOrderId.of("R1"), true),
                        tuple(ClientOrderId.of("R2"), true));
        assertThat(only(OrderCancelRejected.class).get(0).reason()).contains("filled quantity");
        assertThat(only(OrderCancelRejected.class).get(1).reason()).contains("tick");
    }

    @Test
    void rejectsOrdersForUnknownInstrumentsOrWithBadValues() {
        OrderView eth = new OrderView(ClientOrderId.of("E1"), ClientOrderId.of("E1"), null, null,
                io.livestack.api.model.StrategyId.of("s"), SIM, InstrumentId.of("ETH-USD"), Side.BUY,
                OrderType.LIMIT, TimeInForce.DAY, px("10"), px("1"), 0, 0, OrderStatus.PENDING_NEW, 0, 0, false,
                true, "", 1, 1, 1, 1);
        engine.submit(eth);
        engine.submit(limit("Q0", Side.BUY, "100", "0"));
        engine.submit(limit("P0", Side.BUY, "0", "1"));
        engine.submit(limit("TK", Side.BUY, "99.995", "1"));
        engine.submit(limit("OK", Side.BUY, "99", "1"));
        engine.submit(limit("OK", Side.BUY, "99", "1"));

        assertThat(reports()).extracting(r -> r.clientOrderId().value(), ExecutionReport::execType).containsExactly(
                tuple("E1", ExecType.REJECTED), tuple("Q0", ExecType.REJECTED), tuple("P0", ExecType.REJECTED),
                tuple("TK", ExecType.REJECTED), tuple("OK", ExecType.NEW), tuple("OK", ExecType.REJECTED));
        assertThat(reports()).extracting(ExecutionReport::text).satisfies(texts -> {
            assertThat(texts.get(0)).contains("unknown instrument ETH-USD");
            assertThat(texts.get(1)).contains("quantity");
            assertThat(texts.get(2)).contains("price");
            assertThat(texts.get(3)).contains("tick size 0.01");
            assertThat(texts.get(5)).contains("duplicate ClOrdID");
        });
        assertThat(reports().get(0).orderStatus()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void publishesASnapshotThenDeltasAndTradesAsThePriceWalks() {
        engine = engine(50, 3);
        engine.publishSnapshots();
        assertThat(only(BookSnapshot.class)).singleElement().satisfies(s -> {
            assertThat(s.bids()).containsExactly(new BookLevel(px("99.99"), px("1")),
                    new BookLevel(px("99.98"), px("1")), new BookLevel(px("99.97"), px("1")));
            assertThat(s.asks()).extracting(BookLevel::price).containsExactly(px("100.01"), px("100.02"),
                    px("100.03"));
        });
        java.util.TreeMap<Long, Long> bids = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        java.util.TreeMap<Long, Long> asks = new java.util.TreeMap<>();
        only(BookSnapshot.class).get(0).bids().forEach(l -> bids.put(l.price(), l.quantity()));
        only(BookSnapshot.class).get(0).asks().forEach(l -> asks.put(l.price(), l.quantity()));

        for (int i = 0; i < 30; i++) {
            events.clear();
            engine.step();
            assertThat(only(TradeTick.class)).as("one synthetic trade per step").hasSize(1);
            assertThat(only(BookSnapshot.class)).isEmpty();
            for (BookDelta delta : only(BookDelta.class)) {
                for (LevelChange change : delta.changes()) {
                    java.util.Map<Long, Long> side = change.side() == Side.BUY ? bids : asks;
                    if (change.quantity() == 0) {
                        side.remove(change.price());
                    } else {
                        side.put(change.price(), change.quantity());
                    }
                }
            }
            assertThat(bids.entrySet()).as("deltas rebuild the bids").extracting(e -> new BookLevel(e.getKey(),
                    e.getValue())).containsExactlyElementsOf(engine.book(BTC).levels(Side.BUY));
            assertThat(asks.entrySet()).as("deltas rebuild the asks").extracting(e -> new BookLevel(e.getKey(),
                    e.getValue())).containsExactlyElementsOf(engine.book(BTC).levels(Side.SELL));
        }
        assertThat(bids.firstKey()).as("the price walked").isNotEqualTo(px("99.99"));
    }

    @Test
    void theSameSeedGivesTheSameMarketAndADifferentSeedAnother() {
        List<Event> first = run(5);
        List<Event> again = run(5);
        List<Event> other = run(6);

        assertThat(first).hasSizeGreaterThan(100).isEqualTo(again);
        assertThat(other).isNotEqualTo(first);
    }

    private List<Event> run(long seed) {
        List<Event> out = new ArrayList<>();
        long[] clock = { 0 };
        SimMatchingEngine e = new SimMatchingEngine(settings(20, seed), "T", out::add, () -> clock[0]++);
        e.publishSnapshots();
        e.submit(limit("A", Side.BUY, "99.5", "1"));
        e.submit(limit("B", Side.SELL, "100.5", "1"));
        for (int i = 0; i < 100; i++) {
            e.step();
        }
        return out;
    }

    @Test
    void reconcilesKnownOrdersResendsMissedFillsAndSettlesUnknownOnes() {
        OrderView partly = limit("X1", Side.BUY, "100.01", "1.5"); // 1 filled at once, 0.5 rests
        engine.submit(partly);
        ExecutionReport fill = reports().get(1);
        events.clear();

        engine.reconcile(List.of(
                acknowledged(partly, fill.venueOrderId().value(), OrderStatus.NEW, "0"),
                acknowledged(limit("LOST", Side.SELL, "101", "1"), "OLD-O1", OrderStatus.NEW, "0"),
                limit("NEVER", Side.SELL, "101", "1")));

        assertThat(reports()).extracting(r -> r.clientOrderId().value(), ExecutionReport::execType,
                ExecutionReport::orderStatus, ExecutionReport::possibleDuplicate).containsExactly(
                        tuple("X1", ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, true),
                        tuple("X1", ExecType.ORDER_STATUS, OrderStatus.PARTIALLY_FILLED, false),
                        tuple("LOST", ExecType.ORDER_STATUS, OrderStatus.CANCELED, false),
                        tuple("NEVER", ExecType.ORDER_STATUS, OrderStatus.REJECTED, false));
        assertThat(reports().get(0).execId()).isEqualTo(fill.execId());
        assertThat(reports().get(1).leavesQuantity()).isEqualTo(px("0.5"));
    }

    @Test
    void reconcilingAnUpToDateOrderOnlyReportsItsStatus() {
        OrderView resting = limit("X1", Side.BUY, "99", "1");
        engine.submit(resting);
        String venueOrderId = reports().get(0).venueOrderId().value();
        events.clear();

        engine.reconcile(List.of(acknowledged(resting, venueOrderId, OrderStatus.NEW, "0")));

        assertThat(reports()).singleElement().satisfies(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.ORDER_STATUS);
            assertThat(r.orderStatus()).isEqualTo(OrderStatus.NEW);
            assertThat(r.leavesQuantity()).isEqualTo(px("1"));
        });
    }
}
