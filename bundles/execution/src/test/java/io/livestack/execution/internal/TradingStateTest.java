package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.ETH;
import static io.livestack.execution.internal.ExecutionFixture.STRATEGY;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionOutcome;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

class TradingStateTest extends WithExecution {

    private CommandResult set(TradingScope scope, TradingState state) {
        return f.execution.onCommand(new Command.SetTradingState(scope, state), "ops", f.ctx.next());
    }

    /** A long position of {@code quantity} in BTC from a filled buy. */
    private void longPosition(long quantity) {
        OrderView buy = f.working(Side.BUY, of(100), quantity);
        f.report(f.trade(buy, quantity, of(100)).cum(quantity).status(OrderStatus.FILLED).build());
    }

    @Test
    void everythingIsActiveAtFirstStart() {
        assertThat(f.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.execution.tradingStates()).containsExactly(
                org.assertj.core.api.Assertions.entry(TradingScope.GLOBAL, TradingState.ACTIVE));
        assertThat(f.execution.killSwitchEngaged()).isFalse();
    }

    @Test
    void globalHaltRefusesNewOrdersButNotCancels() {
        OrderView open = f.working(Side.BUY, of(100), of(1));
        CommandResult result = set(TradingScope.GLOBAL, TradingState.HALTED);

        assertThat(result.ok()).isTrue();
        ExecutionOutcome decision = f.submit(f.limit(Side.BUY, of(100), of(1)));
        assertThat(decision.reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(decision.detail()).contains("global HALTED");
        assertThat(f.replace(open, of(99), of(1)).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(f.cancel(open).sent()).isTrue();
        assertThat(f.ctx.records(MetadataRecord.class)).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MetadataRecord.Kind.TRADING_STATE);
            assertThat(m.detail()).contains("HALTED set by ops");
        });
    }

    @Test
    void aHaltedStrategyOrInstrumentOnlyStopsItself() {
        set(TradingScope.strategy(STRATEGY), TradingState.HALTED);
        set(TradingScope.instrument(ETH), TradingState.HALTED);

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        var otherStrategy = new io.livestack.api.intent.SubmitOrder(StrategyId.of("other"),
                io.livestack.api.model.ClientOrderId.of("O1"), VENUE, BTC, Side.BUY,
                io.livestack.api.model.OrderType.LIMIT, io.livestack.api.model.TimeInForce.DAY, of(100), of(1));
        assertThat(f.submit(otherStrategy).sent()).isTrue();
        var otherOnEth = new io.livestack.api.intent.SubmitOrder(StrategyId.of("other"),
                io.livestack.api.model.ClientOrderId.of("O2"), VENUE, ETH, Side.BUY,
                io.livestack.api.model.OrderType.LIMIT, io.livestack.api.model.TimeInForce.DAY, of(100), of(1));
        assertThat(f.submit(otherOnEth).reason()).isEqualTo(RejectReason.TRADING_HALTED);

        assertThat(f.execution.tradingState(TradingScope.strategy(STRATEGY))).isEqualTo(TradingState.HALTED);
        assertThat(f.execution.tradingState(TradingScope.strategy(StrategyId.of("other"))))
                .isEqualTo(TradingState.ACTIVE);
        assertThat(f.execution.tradingStates()).hasSize(3);
    }

    @Test
    void theEffectiveStateCombinesGlobalWithTheScope() {
        set(TradingScope.GLOBAL, TradingState.REDUCING);
        set(TradingScope.instrument(BTC), TradingState.HALTED);

        assertThat(f.execution.tradingState(TradingScope.instrument(BTC))).isEqualTo(TradingState.HALTED);
        assertThat(f.execution.tradingState(TradingScope.instrument(ETH))).isEqualTo(TradingState.REDUCING);
        assertThat(f.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.REDUCING);
    }

    @Test
    void reducingAllowsOnlyOrdersThatReduceTheAbsolutePosition() {
        longPosition(of(5));
        set(TradingScope.GLOBAL, TradingState.REDUCING);

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        ExecutionOutcome flip = f.submit(f.limit(Side.SELL, of(100), of(6)));
        assertThat(flip.reason()).as("flipping is not reducing").isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(flip.detail()).contains("position 5", "this order SELL 6");
        assertThat(f.submit(f.limit(Side.SELL, of(100), of(5))).sent()).isTrue();
    }

    @Test
    void reducingCountsOpenOrdersOnTheSameSide() {
        longPosition(of(5));
        set(TradingScope.GLOBAL, TradingState.REDUCING);
        assertThat(f.submit(f.limit(Side.SELL, of(100), of(3))).sent()).isTrue();

        ExecutionOutcome tooMuch = f.submit(f.limit(Side.SELL, of(100), of(3)));

        assertThat(tooMuch.reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(tooMuch.detail()).contains("open SELL orders 3");
        assertThat(f.submit(f.limit(Side.SELL, of(100), of(2))).sent()).isTrue();
    }

    @Test
    void reducingRefusesEverythingWhenFlat() {
        set(TradingScope.instrument(BTC), TradingState.REDUCING);

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(f.submit(f.limit(Side.SELL, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_REDUCING);
    }

    @Test
    void reducingAppliesToAShortPositionToo() {
        OrderView sell = f.working(Side.SELL, of(100), of(4));
        f.report(f.trade(sell, of(4), of(100)).cum(of(4)).status(OrderStatus.FILLED).build());
        set(TradingScope.GLOBAL, TradingState.REDUCING);

        assertThat(f.submit(f.limit(Side.SELL, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_REDUCING);
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(4))).sent()).isTrue();
    }

    @Test
    void aReplaceUnderReducingIsCheckedWithItsNewQuantity() {
        longPosition(of(5));
        OrderView sell = f.working(Side.SELL, of(101), of(2));
        set(TradingScope.GLOBAL, TradingState.REDUCING);

        assertThat(f.replace(sell, of(101), of(5)).sent()).isTrue();
        f.report(f.report(f.order(sell.clientOrderId()), ExecType.REPLACED, OrderStatus.NEW)
                .clOrdId(io.livestack.api.model.ClientOrderId.of("X1"), sell.clientOrderId()).orderQty(of(5))
                .build());
        assertThat(f.replace(f.order(sell.clientOrderId()), of(101), of(6)).reason())
                .isEqualTo(RejectReason.TRADING_REDUCING);
    }

    @Test
    void backToActiveLetsOrdersThroughAgain() {
        set(TradingScope.GLOBAL, TradingState.HALTED);
        set(TradingScope.GLOBAL, TradingState.ACTIVE);

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).sent()).isTrue();
    }

    @Test
    void aVenueThatIsNotLoggedOnRefusesNewOrders() {
        f.session(VENUE, VenueSessionState.RECONCILING);

        ExecutionOutcome decision = f.submit(f.limit(Side.BUY, of(100), of(1)));

        assertThat(decision.reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
        assertThat(decision.detail()).contains("sim is RECONCILING");
        assertThat(f.venue.submitted).isEmpty();
    }

    @Test
    void aVenueWithoutAdapterOrNeverSeenRefusesNewOrders() {
        f.ctx.venues.remove(VENUE);
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).detail()).contains("has no adapter");

        f.ctx.addVenue(io.livestack.api.model.VenueId.of("new"), BTC, ETH);
        ExecutionOutcome neverSeen = f.submit(f.limit(io.livestack.api.model.VenueId.of("new"), BTC, Side.BUY, of(100),
                of(1)));
        assertThat(neverSeen.reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
        assertThat(neverSeen.detail()).contains("not connected");
    }

    @Test
    void otherCommandsAreNotExecutionsBusiness() {
        CommandResult result = f.execution.onCommand(new Command.StartSession(), "ops", f.ctx.next());

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("session-start");
    }
}
