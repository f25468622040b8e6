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
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import java.util.ArrayList;
import java.util.Collection;
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
    void knownExecutionsAreRememberedPerVenue() {
        store.rememberExecution(VENUE, ExecId.of("ack-1"));
        store.applyFill(1, 1, fill("fill-1", Side.BUY, of(1), of(100)));

        assertThat(store.knowsExecution(VENUE, ExecId.of("ack-1"))).isTrue();
        assertThat(store.knowsExecution(VENUE, ExecId.of("fill-1"))).isTrue();
        assertThat(store.knowsExecution(VenueId.of("other"), ExecId.of("fill-1"))).isFalse();
        assertThat(store.knowsExecution(VENUE, ExecId.of("fill-2"))).isFalse();
    }

    @Test
    void recentFillsAreNewestFirstAndBounded() {
        assertThat(store.recentFills(10)).isEmpty();
        for (int i = 1; i <= RecentFills.CAPACITY + 5; i++) {
            store.applyFill(i, i, fill("F" + i, Side.BUY, of(1), of(100)));
        }
        store.applyFill(99_999, 1, fill("F1", Side.BUY, of(1), of(100))); // a duplicate is not a new fill

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

    @Test
    void recoveryRebuildsOpenOrdersPositionsAndExecutionKeys() {
        OrderView open = order("A", BTC, Side.BUY, OrderStatus.PARTIALLY_FILLED, 40);
        PositionView position = new PositionView(BTC, of(2), of(100), of(5), 0, of(101), of(3), of(1), 41);
        InMemoryStateStore recovered = new InMemoryStateStore(recovery(List.of(open), List.of(position),
                List.of("sim|E1"), 42));

        assertThat(recovered.openOrders()).containsExactly(open);
        assertThat(recovered.order(ClientOrderId.of("A"))).isEqualTo(open);
        PositionView p = recovered.position(BTC);
        assertThat(p.netQuantity()).isEqualTo(of(2));
        assertThat(p.averagePrice()).isEqualTo(of(100));
        assertThat(p.realizedPnl()).isEqualTo(of(5));
        assertThat(p.unrealizedPnl()).isEqualTo(of(2));
        assertThat(recovered.knowsExecution(VENUE, ExecId.of("E1"))).isTrue();
        assertThat(recovered.lastSeq()).isEqualTo(42);

        recovered.applyFill(43, 43, fill("E1", Side.BUY, of(1), of(100)));
        assertThat(recovered.position(BTC).netQuantity()).as("a recovered exec key is a duplicate")
                .isEqualTo(of(2));
    }

    @Test
    void aRecoveryServiceBoundLaterIsAppliedOnTheNextCallIfNothingHappenedYet() {
        store.apply(1, new TradeTick(VENUE, BTC, 1, of(100), of(1), null));
        store.bindRecovery(recovery(List.of(order("A", BTC, Side.BUY, OrderStatus.NEW, 1)), List.of(), List.of(), 7));

        assertThat(store.openOrderCount()).isEqualTo(1);
        assertThat(store.lastSeq()).isEqualTo(7);
    }

    @Test
    void aRecoveryServiceBoundAfterOrdersWereAppliedIsIgnored() {
        store.putOrder(order("LIVE", BTC, Side.BUY, OrderStatus.NEW, 1));
        store.bindRecovery(recovery(List.of(order("OLD", BTC, Side.BUY, OrderStatus.NEW, 1)), List.of(), List.of(), 7));

        assertThat(store.openOrders()).extracting(OrderView::clientOrderId).containsExactly(ClientOrderId.of("LIVE"));
    }

    @Test
    void anUnboundRecoveryServiceIsNotUsed() {
        RecordRecovery recovery = recovery(List.of(order("OLD", BTC, Side.BUY, OrderStatus.NEW, 1)), List.of(),
                List.of(), 7);
        store.bindRecovery(recovery);
        store.unbindRecovery(recovery);

        assertThat(store.openOrderCount()).isZero();
    }

    @Test
    void aFailingRecoveryServiceDoesNotBreakTheStore() {
        InMemoryStateStore s = new InMemoryStateStore(new RecordRecovery() {
            public Collection<OrderView> openOrders() {
                throw new IllegalStateException("database down");
            }

            public Collection<PositionView> positions() {
                return List.of();
            }

            public Collection<String> recentExecutionKeys() {
                return List.of();
            }

            public long lastSeq() {
                return 0;
            }
        });

        s.putOrder(order("A", BTC, Side.BUY, OrderStatus.NEW, 1));
        assertThat(s.openOrderCount()).isEqualTo(1);
    }

    static RecordRecovery recovery(Collection<OrderView> orders, Collection<PositionView> positions,
            Collection<String> keys, long lastSeq) {
        return new RecordRecovery() {
            public Collection<OrderView> openOrders() {
                return orders;
            }

            public Collection<PositionView> positions() {
                return positions;
            }

            public Collection<String> recentExecutionKeys() {
                return keys;
            }

            public long lastSeq() {
                return lastSeq;
            }
        };
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
