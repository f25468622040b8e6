package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.ETH;
import static io.livestack.execution.internal.ExecutionFixture.OTHER_VENUE;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.FillRecord;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kill and cancel-all of a venue, account, strategy or instrument: exactly that scope's open orders get a cancel; a
 * kill sets the scope HALTED, a cancel-all leaves trading as it was. And the account an order carries.
 */
class ScopedKillTest extends WithExecution {

    private static final StrategyId MM = StrategyId.of("mm");
    private static final StrategyId ARB = StrategyId.of("arb");
    private static final AccountId ACC1 = AccountId.of("ACC1");
    private static final AccountId ACC2 = AccountId.of("ACC2");

    /** Every combination of venue, instrument, strategy and account: 16 working orders. */
    private final List<OrderView> orders = new ArrayList<>();
    private int ids;

    @BeforeEach
    void workingOrders() {
        for (var venue : List.of(VENUE, OTHER_VENUE)) {
            for (var instrument : List.of(BTC, ETH)) {
                for (var strategy : List.of(MM, ARB)) {
                    for (var account : List.of(ACC1, ACC2)) {
                        orders.add(f.submitted(new SubmitOrder(strategy, ClientOrderId.of("S" + (++ids)), venue,
                                instrument, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, of(100), of(1), account)));
                    }
                }
            }
        }
        f.venue.cancels.clear();
        f.otherVenue.cancels.clear();
    }

    private Set<ClientOrderId> cancelled() {
        return Stream.concat(f.venue.cancels.stream(), f.otherVenue.cancels.stream())
                .map(c -> c.order().clientOrderId()).collect(Collectors.toSet());
    }

    private Set<ClientOrderId> ordersOf(TradingScope scope) {
        return orders.stream().filter(o -> o.belongsTo(scope)).map(OrderView::clientOrderId)
                .collect(Collectors.toSet());
    }

    static List<TradingScope> scopes() {
        return List.of(TradingScope.venue(OTHER_VENUE), TradingScope.account(ACC2), TradingScope.strategy(ARB),
                TradingScope.instrument(ETH));
    }

    @Test
    void ordersCarryTheirIntentsAccountAndSoDoTheirFills() {
        OrderView order = orders.get(1);
        assertThat(order.account()).isEqualTo(ACC2);
        f.report(f.report(order, ExecType.NEW, OrderStatus.NEW).build());
        f.report(f.trade(f.order(order.clientOrderId()), of(1), of(100)).cum(of(1)).status(OrderStatus.FILLED)
                .build());

        assertThat(f.order(order.clientOrderId()).account()).as("kept through every transition").isEqualTo(ACC2);
        assertThat(f.ctx.records(FillRecord.class)).singleElement()
                .satisfies(fill -> assertThat(fill.account()).isEqualTo(ACC2));
    }

    @Test
    void anOrderWithoutAccountIsOfTheDefaultAccount() {
        OrderView order = f.submitted(f.limit(VENUE, BTC, Side.SELL, of(100), of(1)));

        assertThat(order.account()).isEqualTo(AccountId.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void killOfAScopeCancelsExactlyItsOpenOrdersAndHaltsIt(TradingScope scope) {
        CommandResult result = f.execution.onCommand(new Command.Kill("fat finger", scope), "alice",
                f.ctx.next());

        assertThat(result.ok()).as(scope.toString()).isTrue();
        assertThat(result.message()).as(scope.toString()).contains("killed " + scope, "8 cancel requests sent");
        assertThat(cancelled()).as(scope.toString()).isEqualTo(ordersOf(scope));
        assertThat(f.execution.tradingStates()).as(scope.toString()).containsEntry(scope, TradingState.HALTED);
        assertThat(f.execution.killSwitchEngaged()).as("no desk latch").isFalse();
        assertThat(f.ctx.records(MetadataRecord.class)).as(scope.toString()).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MetadataRecord.Kind.TRADING_STATE);
            assertThat(m.subject()).isEqualTo(scope.toString());
            assertThat(m.detail()).contains("fat finger", "alice");
        });
    }

    @Test
    void aKilledScopeRefusesNewOrdersOthersTrade() {
        f.execution.onCommand(new Command.Kill("limits", TradingScope.account(ACC1)), "alice", f.ctx.next());

        SubmitOrder acc1 = f.limit(Side.BUY, of(100), of(1)).withAccount(ACC1);
        assertThat(f.submit(acc1).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1)).withAccount(ACC2)).sent()).isTrue();

        f.execution.onCommand(new Command.SetTradingState(TradingScope.account(ACC1), TradingState.ACTIVE), "bob",
                f.ctx.next());
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1)).withAccount(ACC1)).sent()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scopes")
    void cancelAllOfAScopeCancelsExactlyItsOpenOrdersAndLeavesTradingAsItWas(TradingScope scope) {
        CommandResult result = f.execution.onCommand(new Command.CancelAll(scope), "carol", f.ctx.next());

        assertThat(result.ok()).as(scope.toString()).isTrue();
        assertThat(result.message()).as(scope.toString()).contains("cancel-all " + scope, "carol",
                "8 cancel requests sent");
        assertThat(cancelled()).as(scope.toString()).isEqualTo(ordersOf(scope));
        assertThat(f.execution.tradingStates()).as(scope.toString()).doesNotContainKey(scope);
        assertThat(f.ctx.records(MetadataRecord.class)).as(scope.toString())
                .anySatisfy(m -> assertThat(m.detail()).contains("cancel-all " + scope, "carol"));
    }

    @Test
    void cancelAllOfTheDeskCancelsEverythingAndTradingGoesOn() {
        CommandResult result = f.execution.onCommand(new Command.CancelAll(TradingScope.GLOBAL), "carol",
                f.ctx.next());

        assertThat(result.message()).contains("16 cancel requests sent", "fix-b, sim");
        assertThat(cancelled()).hasSize(16);
        assertThat(f.execution.killSwitchEngaged()).isFalse();
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).sent()).isTrue();
    }

    @Test
    void cancelAllSkipsOrdersAlreadyPendingCancelUnlessToldToAskAgain() {
        ExecutionFixture g = new ExecutionFixture(new ExecutionSettings(true, false, true, true));
        OrderView pending = g.working(Side.SELL, of(101), of(1));
        g.cancel(pending);
        g.venue.cancels.clear();

        CommandResult result = g.execution.onCommand(new Command.CancelAll(TradingScope.venue(VENUE)), "carol",
                g.ctx.next());

        assertThat(g.venue.cancels).isEmpty();
        assertThat(result.message()).contains("0 cancel requests sent", "1 already pending cancel");
    }

    @Test
    void aScopedKillSaysWhichOrdersStayOpenAtVenuesWithoutAdapter() {
        f.ctx.venues.remove(OTHER_VENUE);

        CommandResult result = f.execution.onCommand(new Command.Kill("drops", TradingScope.account(ACC1)), "alice",
                f.ctx.next());

        assertThat(result.message()).contains("4 cancel requests sent (sim)", "4 orders at venues without adapter "
                + "(fix-b) stay open: livestack:cancel-all account:ACC1 once their venue is back");
    }
}
