package io.livestack.state.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.BookDelta;
import io.livestack.api.event.BookLevel;
import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.LevelChange;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TradeTick;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {

    private static final VenueId VENUE = VenueId.of("sim");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final InstrumentId ETH = InstrumentId.of("ETH-USD");

    private final InMemoryStateStore store = new InMemoryStateStore();

    static OrderView order(String handle, InstrumentId instrument, Side side, OrderStatus status, long seq) {
        return new OrderView(ClientOrderId.of(handle), ClientOrderId.of(handle), null, null, StrategyId.of("s"), VENUE,
                instrument, side, OrderType.LIMIT, TimeInForce.DAY, of(100), of(1), 0, 0, status, 0, 0, false, true,
                null, seq, seq, seq, seq);
    }

    static OrderView with(OrderView o, OrderStatus status, ClientOrderId current, ClientOrderId pending, long seq) {
        return new OrderView(o.clientOrderId(), current, pending, o.venueOrderId(), o.strategy(), o.venue(),
                o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(), o.filledQuantity(),
                o.averageFillPrice(), status, o.pendingPrice(), o.pendingQuantity(), o.overfilled(),
                o.venueAvailable(), o.lastText(), o.createdSeq(), seq, o.createdTimeNanos(), seq);
    }

    private static FillRecord fill(String execId, Side side, long quantity, long price) {
        return new FillRecord(1, 1, VENUE, ExecId.of(execId), ClientOrderId.of("A"), null, StrategyId.of("s"), BTC,
                side, price, quantity, LiquidityFlag.MAKER, 0, null, 1);
    }

    @Test
    void putOrderMakesItFindableByHandleAndListedAsOpen() {
        OrderView a = order("A", BTC, Side.BUY, OrderStatus.PENDING_NEW, 3);
        store.putOrder(a);

        assertThat(store.order(ClientOrderId.of("A"))).isEqualTo(a);
        assertThat(store.orders()).containsExactly(a);
        assertThat(store.openOrders()).containsExactly(a);
        assertThat(store.openOrderCount()).isEqualTo(1);
        assertThat(store.openOrders(BTC)).containsExactly(a);
        assertThat(store.openOrders(ETH)).isEmpty();
        assertThat(store.lastSeq()).isEqualTo(3);
        assertThat(store.order(ClientOrderId.of("nope"))).isNull();
    }

    @Test
    void terminalOrdersLeaveTheOpenIndexButStayKnown() {
        OrderView a = order("A", BTC, Side.BUY, OrderStatus.NEW, 1);
        store.putOrder(a);
        store.putOrder(order("B", ETH, Side.SELL, OrderStatus.NEW, 2));
        OrderView canceled = with(a, OrderStatus.CANCELED, a.currentClientOrderId(), null, 3);
        store.putOrder(canceled);

        assertThat(store.openOrderCount()).isEqualTo(1);
        assertThat(store.openOrders(BTC)).isEmpty();
        assertThat(store.openOrders(ETH)).hasSize(1);
        assertThat(store.orders()).hasSize(2).contains(canceled);
    }

    @Test
    void everyClOrdIdOfTheChainResolvesToTheOrder() {
        OrderView a = order("A", BTC, Side.BUY, OrderStatus.NEW, 1);
        store.putOrder(a);
        store.alias(ClientOrderId.of("A-cxl"), ClientOrderId.of("A"));
        OrderView replaced = with(a, OrderStatus.NEW, ClientOrderId.of("A2"), ClientOrderId.of("A3"), 2);
        store.putOrder(replaced);

        assertThat(store.order(ClientOrderId.of("A-cxl"))).isEqualTo(replaced);
        assertThat(store.order(ClientOrderId.of("A2"))).isEqualTo(replaced);
        assertThat(store.order(ClientOrderId.of("A3"))).as("pending request id is aliased by putOrder")
                .isEqualTo(replaced);
        assertThat(store.order(ClientOrderId.of("A"))).isEqualTo(replaced);
    }

    @Test
    void anAliasIsNeverRepointedToAnotherOrder() {
        store.putOrder(order("A", BTC, Side.BUY, OrderStatus.NEW, 1));
        store.putOrder(order("B", BTC, Side.BUY, OrderStatus.NEW, 2));
        store.alias(ClientOrderId.of("X"), ClientOrderId.of("A"));
        store.alias(ClientOrderId.of("X"), ClientOrderId.of("B"));

        assertThat(store.order(ClientOrderId.of("X")).clientOrderId()).isEqualTo(ClientOrderId.of("A"));
    }

    @Test
    void knownExecutionsAreRememberedPerVenueAndReportsByTheirContent() {
        store.rememberExecution(VENUE, ExecId.of("ack-1"), 1);
        store.rememberReport(VENUE, ExecId.of("fill-1"), "c0ffee", 1);

        assertThat(store.knowsExecution(VENUE, ExecId.of("ack-1"))).isTrue();
        assertThat(store.knowsExecution(VENUE, ExecId.of("fill-1"))).isTrue();
        assertThat(store.knowsReport(VENUE, ExecId.of("fill-1"), "c0ffee")).isTrue();
        assertThat(store.knowsReport(VENUE, ExecId.of("fill-1"), "beef")).as("the exec id reused").isFalse();
        assertThat(store.knowsExecution(VenueId.of("other"), ExecId.of("fill-1"))).isFalse();
        assertThat(store.knowsExecution(VENUE, ExecId.of("fill-2"))).isFalse();
    }

    @Test
    void recentFillsAreNewestFirstAndBounded() {
        assertThat(store.recentFills(10)).isEmpty();
        for (int i = 1; i <= RecentFills.CAPACITY + 5; i++) {
            store.applyFill(i, i, fill("F" + i, Side.BUY, of(1), of(100)));
        }

        List<FillRecord> recent = store.recentFills(3);
        assertThat(recent).extracting(f -> f.execId().value()).containsExactly("F10005", "F10004", "F10003");
        assertThat(store.recentFills(Integer.MAX_VALUE)).hasSize(RecentFills.CAPACITY)
                .last().satisfies(f -> assertThat(f.execId().value()).isEqualTo("F6"));
        assertThat(store.recentFills(-1)).isEmpty();
    }

    @Test
    void venueStatesAreKeptSortedByVenue() {
        store.setVenueState(VenueId.of("b"), VenueSessionState.CONNECTING, 1, 1);
        store.setVenueState(VenueId.of("a"), VenueSessionState.LOGGED_ON, 1, 1);
        store.setVenueState(VenueId.of("b"), VenueSessionState.UNAVAILABLE, 1, 1);

        assertThat(store.venueStates()).containsExactly(
                org.assertj.core.api.Assertions.entry(VenueId.of("a"), VenueSessionState.LOGGED_ON),
                org.assertj.core.api.Assertions.entry(VenueId.of("b"), VenueSessionState.UNAVAILABLE));
        assertThat(store.venueState(VenueId.of("a"))).isEqualTo(VenueSessionState.LOGGED_ON);
        assertThat(store.venueState(VenueId.of("zzz"))).isNull();
    }

    @Test
    void openOrdersAreUnavailableExactlyWhileTheirVenueIsUnavailable() {
        store.putOrder(order("A", BTC, Side.BUY, OrderStatus.NEW, 1));
        store.putOrder(order("B", BTC, Side.SELL, OrderStatus.FILLED, 2));

        List<OrderView> gone = store.setVenueState(VENUE, VenueSessionState.UNAVAILABLE, 7, 70);
        assertThat(gone).extracting(o -> o.clientOrderId().value()).containsExactly("A");
        assertThat(gone.get(0).venueAvailable()).isFalse();
        assertThat(gone.get(0).updatedSeq()).isEqualTo(7);
        assertThat(store.order(ClientOrderId.of("A")).venueAvailable()).isFalse();
        assertThat(store.order(ClientOrderId.of("B")).venueAvailable()).as("closed orders stay as they are").isTrue();
        assertThat(store.setVenueState(VENUE, VenueSessionState.UNAVAILABLE, 8, 80)).as("no change").isEmpty();

        List<OrderView> back = store.setVenueState(VENUE, VenueSessionState.CONNECTING, 9, 90);
        assertThat(back).extracting(o -> o.clientOrderId().value()).containsExactly("A");
        assertThat(store.order(ClientOrderId.of("A")).venueAvailable()).isTrue();
        assertThat(store.setVenueState(VenueId.of("other"), VenueSessionState.UNAVAILABLE, 10, 100)).isEmpty();
    }

    /** A state with a bit of everything: books on two venues, orders (one replaced), positions, executions. */
    private InMemoryStateStore busy() {
        InMemoryStateStore s = new InMemoryStateStore();
        s.apply(1, new BookSnapshot(VENUE, BTC, 1, List.of(new BookLevel(of(99), of(2))),
                List.of(new BookLevel(of(101), of(3)))));
        s.apply(2, new BookSnapshot(VenueId.of("alt"), ETH, 2, List.of(new BookLevel(of(9), of(1))), List.of()));
        s.apply(3, new TradeTick(VenueId.of("alt"), ETH, 3, of(10), of(1), Side.SELL));
        OrderView a = order("A", BTC, Side.BUY, OrderStatus.NEW, 4);
        s.putOrder(a);
        s.putOrder(with(a, OrderStatus.PENDING_REPLACE, ClientOrderId.of("A"), ClientOrderId.of("A2"), 5));
        s.putOrder(order("B", ETH, Side.SELL, OrderStatus.FILLED, 6));
        s.applyFill(7, 7, fill("E1", Side.BUY, of(2), of(100)));
        s.rememberReport(VENUE, ExecId.of("E1"), "e1", 7);
        s.rememberExecution(VENUE, ExecId.of("ack-B"), 8);
        s.countVenueAlert(VENUE, io.livestack.api.model.VenueAlert.EXEC_ID_REUSED);
        s.setVenueState(VENUE, VenueSessionState.LOGGED_ON, 9, 9);
        return s;
    }

    @Test
    void aRestoredStateIsTheSameStateAndBehavesTheSame() {
        InMemoryStateStore original = busy();
        StateSnapshot snapshot = original.snapshot();

        InMemoryStateStore restored = new InMemoryStateStore();
        restored.apply(1, new TradeTick(VENUE, BTC, 1, of(1), of(1), Side.BUY)); // overwritten by the restore
        restored.restore(snapshot);

        assertThat(restored.snapshot()).isEqualTo(snapshot);
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
        assertThat(restored.order(ClientOrderId.of("A2"))).as("aliases").isEqualTo(original.order(ClientOrderId.of("A")));
        assertThat(restored.knowsExecution(VENUE, ExecId.of("E1"))).isTrue();
        assertThat(restored.position(ETH).markPrice()).as("the mark of an instrument without a position")
                .isEqualTo(original.position(ETH).markPrice()).isNotZero();
        // the same next events give the same state
        for (InMemoryStateStore s : List.of(original, restored)) {
            s.apply(10, new BookDelta(VENUE, BTC, 10, List.of(new LevelChange(Side.BUY, of(100), of(1)))));
            s.applyFill(11, 11, fill("E2", Side.SELL, of(1), of(102)));
            s.rememberReport(VENUE, ExecId.of("E2"), "e2", 11);
        }
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
        assertThat(restored.stateHash()).isEqualTo(original.stateHash());
    }

    @Test
    void closedOrdersAndOldExecutionsLeaveMemoryAfterTheirRetention() {
        InMemoryStateStore s = new InMemoryStateStore(100, 50);
        long ms = 1_000_000;
        OrderView open = order("OPEN", BTC, Side.BUY, OrderStatus.NEW, 1);
        s.putOrder(open);
        s.putOrder(with(order("OLD", BTC, Side.BUY, OrderStatus.NEW, 1), OrderStatus.CANCELED, ClientOrderId.of("OLD2"),
                null, 10 * ms));
        s.putOrder(with(order("NEW", BTC, Side.BUY, OrderStatus.NEW, 1), OrderStatus.FILLED, ClientOrderId.of("NEW"),
                null, 200 * ms));
        s.applyFill(1, 10 * ms, fill("E-OLD", Side.BUY, of(1), of(100)));
        s.rememberExecution(VENUE, ExecId.of("E-OLD"), 10 * ms);
        s.rememberExecution(VENUE, ExecId.of("E-NEW"), 200 * ms);

        int gone = s.evict(200 * ms); // closed before 100 ms, applied before 150 ms

        assertThat(gone).isEqualTo(2);
        assertThat(s.order(ClientOrderId.of("OLD"))).isNull();
        assertThat(s.order(ClientOrderId.of("OLD2"))).as("its aliases go with it").isNull();
        assertThat(s.order(ClientOrderId.of("NEW"))).as("closed too recently").isNotNull();
        assertThat(s.order(ClientOrderId.of("OPEN"))).isEqualTo(open);
        assertThat(s.knowsExecution(VENUE, ExecId.of("E-OLD"))).isFalse();
        assertThat(s.knowsExecution(VENUE, ExecId.of("E-NEW"))).isTrue();
        assertThat(s.position(BTC).netQuantity()).as("positions stay").isEqualTo(of(1));
    }


    // ------------------------------------------------------------------ state hash

    /** A fixed script of every kind of call the loop makes. */
    private static void script(InMemoryStateStore s, Consumer<List<Object>> variation) {
        List<Object> steps = new ArrayList<>();
        steps.add(new BookSnapshot(VENUE, BTC, 1, List.of(new BookLevel(of(100), of(1)), new BookLevel(of(99), of(2))),
                List.of(new BookLevel(of(101), of(1)))));
        steps.add(new BookDelta(VENUE, BTC, 2, List.of(new LevelChange(Side.SELL, of(102), of(3)))));
        steps.add(order("A", BTC, Side.BUY, OrderStatus.NEW, 3));
        steps.add(fill("E1", Side.BUY, of(1), of(100)));
        steps.add(new TradeTick(VENUE, ETH, 5, of(7), of(1), Side.SELL));
        variation.accept(steps);
        long seq = 0;
        for (Object step : steps) {
            seq++;
            if (step instanceof MarketDataEvent md) {
                s.apply(seq, md);
            } else if (step instanceof OrderView o) {
                s.putOrder(o);
            } else if (step instanceof FillRecord f) {
                s.applyFill(seq, seq, f);
            }
        }
    }

    @Test
    void stateHashIsEqualForEqualSequences() {
        InMemoryStateStore first = new InMemoryStateStore();
        InMemoryStateStore second = new InMemoryStateStore();
        script(first, steps -> { });
        script(second, steps -> { });

        assertThat(first.stateHash()).isEqualTo(second.stateHash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(first.stateHash()).as("stable across calls").isEqualTo(first.stateHash());
    }

    @Test
    void stateHashDiffersWhenABookLevelDiffers() {
        assertDifferentHash(steps -> steps.set(1, new BookDelta(VENUE, BTC, 2,
                List.of(new LevelChange(Side.SELL, of(102), of(4))))));
    }

    @Test
    void stateHashDiffersWhenAnOrderDiffers() {
        assertDifferentHash(steps -> steps.set(2, order("A", BTC, Side.SELL, OrderStatus.NEW, 3)));
    }

    @Test
    void stateHashDiffersWhenAFillDiffers() {
        assertDifferentHash(steps -> steps.set(3, fill("E1", Side.BUY, of(1), of(100) + 1)));
    }

    @Test
    void stateHashDiffersWhenAnEventIsMissing() {
        assertDifferentHash(steps -> steps.remove(4));
    }

    @Test
    void stateHashDoesNotDependOnInsertionOrderOfIndependentOrders() {
        InMemoryStateStore first = new InMemoryStateStore();
        InMemoryStateStore second = new InMemoryStateStore();
        first.putOrder(order("A", BTC, Side.BUY, OrderStatus.NEW, 1));
        first.putOrder(order("B", ETH, Side.BUY, OrderStatus.NEW, 1));
        second.putOrder(order("B", ETH, Side.BUY, OrderStatus.NEW, 1));
        second.putOrder(order("A", BTC, Side.BUY, OrderStatus.NEW, 1));

        assertThat(first.stateHash()).isEqualTo(second.stateHash());
    }

    private static void assertDifferentHash(Consumer<List<Object>> variation) {
        InMemoryStateStore base = new InMemoryStateStore();
        InMemoryStateStore varied = new InMemoryStateStore();
        script(base, steps -> { });
        script(varied, variation);

        assertThat(varied.stateHash()).isNotEqualTo(base.stateHash());
    }
}
