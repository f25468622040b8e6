package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PositionView;
import io.livestack.testkit.SimpleState;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate alone, against a state whose desk, strategy and account positions the test sets. */
class TradingGateTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final VenueId SIM = VenueId.of("sim");
    private static final VenueId FIX = VenueId.of("fix-a");
    private static final StrategyId MM = StrategyId.of("mm");
    private static final StrategyId ARB = StrategyId.of("arb");
    private static final AccountId ACC1 = AccountId.of("ACC1");
    private static final AccountId ACC2 = AccountId.of("ACC2");

    private final TradingStates states = new TradingStates();
    private final TradingGate gate = new TradingGate(states);
    private final PositionedState state = new PositionedState();
    private int ids;

    /** Positions per desk, strategy and account, as the test sets them; flat otherwise. */
    static final class PositionedState extends SimpleState {
        final Map<Object, Long> nets = new HashMap<>();

        @Override
        public PositionView position(InstrumentId instrument) {
            return withNet(PositionView.flat(instrument), nets.getOrDefault("desk", 0L));
        }

        @Override
        public PositionView position(StrategyId strategy, InstrumentId instrument) {
            return withNet(PositionView.flat(instrument, null, strategy, null), nets.getOrDefault(strategy, 0L));
        }

        @Override
        public PositionView position(AccountId account, InstrumentId instrument) {
            return withNet(PositionView.flat(instrument, account, null, null), nets.getOrDefault(account, 0L));
        }

        private static PositionView withNet(PositionView p, long net) {
            return new PositionView(p.instrument(), net, 0, 0, 0, 0, 0, 0, 0, p.account(), p.strategy(), p.venue(),
                    0);
        }
    }

    private ExecutionOutcome check(StrategyId strategy, AccountId account, VenueId venue, Side side, long quantity) {
        return gate.check(strategy, account, venue, BTC, side, quantity, null, state);
    }

    private void open(StrategyId strategy, AccountId account, Side side, long quantity) {
        ClientOrderId id = ClientOrderId.of("O" + (++ids));
        state.putOrder(new OrderView(id, id, null, null, strategy, SIM, BTC, side, OrderType.LIMIT, TimeInForce.DAY,
                of(100), quantity, 0, 0, OrderStatus.NEW, 0, 0, false, true, null, 1, 1, 0, 0, account));
    }

    @Test
    void everythingActiveLetsEveryOrderThrough() {
        assertThat(check(MM, ACC1, SIM, Side.BUY, of(1))).isNull();
    }

    @Test
    void eachHaltedScopeStopsOnlyItsOwnOrders() {
        for (TradingScope halted : new TradingScope[] {TradingScope.strategy(MM), TradingScope.instrument(BTC),
                TradingScope.venue(SIM), TradingScope.account(ACC1)}) {
            TradingStates fresh = new TradingStates();
            fresh.set(halted, TradingState.HALTED);
            TradingGate g = new TradingGate(fresh);

            ExecutionOutcome refused = g.check(MM, ACC1, SIM, BTC, Side.BUY, of(1), null, state);
            assertThat(refused.reason()).as(halted.toString()).isEqualTo(RejectReason.TRADING_HALTED);
            assertThat(refused.detail()).as(halted.toString()).contains(halted.id() + " HALTED");
            if (halted.kind() != TradingScope.Kind.INSTRUMENT) {
                assertThat(g.check(ARB, ACC2, FIX, BTC, Side.BUY, of(1), null, state)).as(halted.toString()).isNull();
            }
        }
    }

    @Test
    void anOrderWithoutAccountBelongsToTheDefaultAccount() {
        states.set(TradingScope.account(AccountId.DEFAULT), TradingState.HALTED);

        assertThat(check(MM, null, SIM, Side.BUY, of(1)).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(check(MM, ACC1, SIM, Side.BUY, of(1))).isNull();
    }

    @Test
    void venueReducingIsCheckedAgainstTheDeskPosition() {
        state.nets.put("desk", of(5));
        states.set(TradingScope.venue(SIM), TradingState.REDUCING);

        assertThat(check(MM, ACC1, SIM, Side.SELL, of(5))).isNull();
        ExecutionOutcome more = check(MM, ACC1, SIM, Side.BUY, of(1));
        assertThat(more.reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(more.detail()).contains("desk position 5");
        assertThat(check(MM, ACC1, FIX, Side.BUY, of(1))).as("another venue").isNull();
    }

    @Test
    void strategyReducingFollowsTheStrategysOwnPositionNotTheDesks() {
        // mm is long 5; arb is short 8, so the desk is short 3
        state.nets.put(MM, of(5));
        state.nets.put(ARB, of(-8));
        state.nets.put("desk", of(-3));
        states.set(TradingScope.strategy(MM), TradingState.REDUCING);

        assertThat(check(MM, ACC1, SIM, Side.SELL, of(5))).as("sells reduce mm's long").isNull();
        ExecutionOutcome buy = check(MM, ACC1, SIM, Side.BUY, of(1));
        assertThat(buy.reason()).as("a buy reduces the desk's short but not mm's long")
                .isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(buy.detail()).contains("strategy mm position 5");
    }

    @Test
    void strategyReducingCountsOnlyThatStrategysOpenOrders() {
        state.nets.put(MM, of(5));
        states.set(TradingScope.strategy(MM), TradingState.REDUCING);
        open(ARB, ACC1, Side.SELL, of(10));
        open(MM, ACC1, Side.SELL, of(3));

        assertThat(check(MM, ACC1, SIM, Side.SELL, of(2))).isNull();
        ExecutionOutcome tooMuch = check(MM, ACC1, SIM, Side.SELL, of(3));
        assertThat(tooMuch.reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(tooMuch.detail()).contains("open SELL orders 3");
    }

    @Test
    void accountReducingFollowsTheAccountsPositionAndOpenOrders() {
        state.nets.put(ACC1, of(-4));
        state.nets.put("desk", of(6));
        states.set(TradingScope.account(ACC1), TradingState.REDUCING);
        open(MM, ACC1, Side.BUY, of(1));
        open(MM, ACC2, Side.BUY, of(50));

        assertThat(check(ARB, ACC1, SIM, Side.BUY, of(3))).as("buys back the account's short").isNull();
        assertThat(check(ARB, ACC1, SIM, Side.BUY, of(4)).reason()).as("with the open buy of 1, it would flip")
                .isEqualTo(RejectReason.TRADING_REDUCING);
        ExecutionOutcome sell = check(ARB, ACC1, SIM, Side.SELL, of(1));
        assertThat(sell.reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(sell.detail()).contains("account ACC1 position -4");
        assertThat(check(ARB, ACC2, SIM, Side.SELL, of(1))).as("another account").isNull();
    }

    @Test
    void severalReducingScopesMustAllBeReduced() {
        state.nets.put(MM, of(5));
        state.nets.put(ACC1, of(2));
        state.nets.put("desk", of(-1));
        states.set(TradingScope.strategy(MM), TradingState.REDUCING);
        states.set(TradingScope.account(ACC1), TradingState.REDUCING);

        assertThat(check(MM, ACC1, SIM, Side.SELL, of(2))).as("reduces mm and ACC1").isNull();
        ExecutionOutcome three = check(MM, ACC1, SIM, Side.SELL, of(3));
        assertThat(three.reason()).as("reduces mm but flips ACC1").isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(three.detail()).contains("account ACC1 position 2").doesNotContain("strategy mm position");

        states.set(TradingScope.GLOBAL, TradingState.REDUCING);
        ExecutionOutcome desk = check(MM, ACC1, SIM, Side.SELL, of(1));
        assertThat(desk.reason()).as("adds to the desk's short").isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(desk.detail()).contains("desk position -1");
    }

    @Test
    void haltedAnywhereWinsOverReducing() {
        state.nets.put(MM, of(5));
        states.set(TradingScope.strategy(MM), TradingState.REDUCING);
        states.set(TradingScope.account(ACC1), TradingState.HALTED);

        assertThat(check(MM, ACC1, SIM, Side.SELL, of(1)).reason()).isEqualTo(RejectReason.TRADING_HALTED);
    }

    @Test
    void aReplaceDoesNotCountItsOwnLeavesTwice() {
        state.nets.put(ACC1, of(5));
        states.set(TradingScope.account(ACC1), TradingState.REDUCING);
        open(MM, ACC1, Side.SELL, of(2));
        OrderView existing = state.openOrders().iterator().next();

        assertThat(gate.check(MM, ACC1, SIM, BTC, Side.SELL, of(5), existing, state)).isNull();
    }
}
