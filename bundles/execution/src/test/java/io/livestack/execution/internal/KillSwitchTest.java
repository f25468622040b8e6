package io.livestack.execution.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.execution.internal.ExecutionFixture.BTC;
import static io.livestack.execution.internal.ExecutionFixture.ETH;
import static io.livestack.execution.internal.ExecutionFixture.OTHER_VENUE;
import static io.livestack.execution.internal.ExecutionFixture.STRATEGY;
import static io.livestack.execution.internal.ExecutionFixture.VENUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import org.junit.jupiter.api.Test;

class KillSwitchTest extends WithExecution {

    private CommandResult kill() {
        return f.execution.onCommand(new Command.Kill("runaway strategy"), "alice", f.ctx.next());
    }

    private CommandResult resume(ExecutionFixture fixture) {
        return fixture.execution.onCommand(new Command.Resume(), "bob", fixture.ctx.next());
    }

    @Test
    void killSwitchCancelsAllOpenOrdersAtAllVenues() {
        OrderView a = f.working(Side.BUY, of(100), of(1));
        OrderView b = f.submitted(f.limit(OTHER_VENUE, ETH, Side.SELL, of(50), of(2)));
        OrderView pendingCancel = f.working(Side.SELL, of(101), of(1));
        f.cancel(pendingCancel);
        OrderView done = f.working(Side.BUY, of(99), of(1));
        f.report(f.report(done, ExecType.CANCELED, OrderStatus.CANCELED).build());
        f.venue.cancels.clear();

        CommandResult result = kill();

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).contains("kill switch engaged", "3 cancel requests sent", "fix-b, sim");
        assertThat(f.venue.cancels).extracting(c -> c.order().clientOrderId())
                .containsExactlyInAnyOrder(a.clientOrderId(), pendingCancel.clientOrderId());
        assertThat(f.otherVenue.cancels).extracting(c -> c.order().clientOrderId())
                .containsExactly(b.clientOrderId());
        assertThat(f.ctx.state.openOrders()).allSatisfy(o -> assertThat(o.status())
                .isEqualTo(OrderStatus.PENDING_CANCEL));
        assertThat(f.execution.killSwitchEngaged()).isTrue();
        assertThat(f.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.HALTED);
        assertThat(f.ctx.records(MetadataRecord.class)).anySatisfy(m -> {
            assertThat(m.kind()).isEqualTo(MetadataRecord.Kind.TRADING_STATE);
            assertThat(m.detail()).contains("runaway strategy", "alice");
        });
    }

    @Test
    void killCanLeaveOrdersAlreadyPendingCancelAlone() {
        ExecutionFixture g = new ExecutionFixture(new ExecutionSettings(true, false, true, true));
        OrderView pending = g.working(Side.SELL, of(101), of(1));
        g.cancel(pending);
        g.venue.cancels.clear();

        CommandResult result = g.execution.onCommand(new Command.Kill(""), "alice", g.ctx.next());

        assertThat(g.venue.cancels).isEmpty();
        assertThat(result.message()).contains("0 cancel requests sent", "1 already pending cancel");
    }

    @Test
    void killSwitchRefusesNewOrdersUntilResume() {
        kill();

        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_HALTED);
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).detail()).contains("kill switch engaged",
                "runaway strategy");
        CommandResult refused = f.execution.onCommand(new Command.SetTradingState(TradingScope.GLOBAL,
                TradingState.ACTIVE), "eve", f.ctx.next());
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("until resume");
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).reason()).isEqualTo(RejectReason.TRADING_HALTED);

        CommandResult resumed = resume(f);

        assertThat(resumed.ok()).isTrue();
        assertThat(resumed.message()).contains("kill switch released");
        assertThat(f.execution.killSwitchEngaged()).isFalse();
        assertThat(f.submit(f.limit(Side.BUY, of(100), of(1))).sent()).isTrue();
    }

    @Test
    void theKillSwitchAndTradingStatesTravelInTheSnapshot() {
        f.execution.onCommand(new Command.SetTradingState(TradingScope.strategy(STRATEGY), TradingState.REDUCING),
                "ops", f.ctx.next());
        kill();

        ExecutionFixture restarted = new ExecutionFixture(); // a new instance, as after a restart
        assertThat(restarted.execution.killSwitchEngaged()).as("a new journal starts ACTIVE").isFalse();
        restarted.execution.restore(f.execution.snapshot());

        assertThat(restarted.execution.killSwitchEngaged()).isTrue();
        assertThat(restarted.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.HALTED);
        assertThat(restarted.execution.tradingStates()).containsEntry(TradingScope.strategy(STRATEGY),
                TradingState.REDUCING);
        assertThat(restarted.submit(restarted.limit(Side.BUY, of(100), of(1))).detail())
                .contains("runaway strategy (by alice)");

        resume(restarted);
        ExecutionFixture again = new ExecutionFixture();
        again.execution.restore(restarted.execution.snapshot());
        assertThat(again.execution.killSwitchEngaged()).isFalse();
        assertThat(again.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.ACTIVE);
        assertThat(again.execution.tradingState(TradingScope.strategy(STRATEGY))).isEqualTo(TradingState.REDUCING);
    }

    @Test
    void ordersAtAVenueWithoutAdapterAreCancelledWhenItIsBack() {
        OrderView stranded = f.working(Side.BUY, of(100), of(1));
        f.ctx.venues.remove(VENUE);
        f.session(VENUE, VenueSessionState.UNAVAILABLE);

        CommandResult result = kill();

        assertThat(result.message()).contains("1 orders at venues without adapter (sim)");
        assertThat(f.order(stranded.clientOrderId()).status()).isEqualTo(OrderStatus.NEW);

        f.ctx.venues.put(VENUE, f.venue);
        f.session(VENUE, VenueSessionState.RECONCILING);
        assertThat(f.venue.cancels).as("not while reconciling").isEmpty();
        f.session(VENUE, VenueSessionState.LOGGED_ON);

        assertThat(f.venue.cancels).singleElement()
                .satisfies(c -> assertThat(c.order().clientOrderId()).isEqualTo(stranded.clientOrderId()));
        assertThat(f.order(stranded.clientOrderId()).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
        f.session(VENUE, VenueSessionState.LOGGED_OUT);
        f.session(VENUE, VenueSessionState.LOGGED_ON);
        assertThat(f.venue.cancels).as("re-sent at the next logon: the first may have been lost").hasSize(2);
    }

    @Test
    void withoutResendingPendingCancelsALogonSweepsOnlyOrdersNotYetCancelled() {
        ExecutionFixture g = new ExecutionFixture(new ExecutionSettings(true, false, true, true));
        OrderView pending = g.working(Side.BUY, of(100), of(1));
        OrderView untouched = g.working(Side.BUY, of(99), of(1));
        g.cancel(pending);
        g.execution.onCommand(new Command.Kill("test"), "alice", g.ctx.next());
        g.venue.cancels.clear();

        g.session(VENUE, VenueSessionState.LOGGED_ON);

        assertThat(g.venue.cancels).isEmpty(); // the kill itself already sent the untouched order's cancel
        assertThat(g.order(untouched.clientOrderId()).status()).isEqualTo(OrderStatus.PENDING_CANCEL);
    }

    @Test
    void theReconnectSweepCanBeSwitchedOff() {
        ExecutionFixture g = new ExecutionFixture(new ExecutionSettings(true, true, false, true));
        OrderView stranded = g.working(Side.BUY, of(100), of(1));
        g.ctx.venues.remove(VENUE);
        g.session(VENUE, VenueSessionState.UNAVAILABLE);
        CommandResult result = g.execution.onCommand(new Command.Kill("test"), "alice", g.ctx.next());
        g.ctx.venues.put(VENUE, g.venue);

        g.session(VENUE, VenueSessionState.LOGGED_ON);

        assertThat(result.message()).doesNotContain("will be cancelled when they return");
        assertThat(g.venue.cancels).isEmpty();
        assertThat(g.order(stranded.clientOrderId()).status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void cancelsSentByTheKillSwitchCompleteNormally() {
        OrderView a = f.working(Side.BUY, of(100), of(1));
        kill();
        ClientOrderId cancelId = f.order(a.clientOrderId()).pendingClientOrderId();

        f.report(f.report(f.order(a.clientOrderId()), ExecType.CANCELED, OrderStatus.CANCELED)
                .clOrdId(cancelId, a.clientOrderId()).build());

        assertThat(f.ctx.state.openOrderCount()).isZero();
    }

    @Test
    void resumeWithoutKillSetsGlobalActive() {
        f.execution.onCommand(new Command.SetTradingState(TradingScope.GLOBAL, TradingState.HALTED), "ops",
                f.ctx.next());

        CommandResult result = resume(f);

        assertThat(result.message()).contains("was not engaged");
        assertThat(f.execution.tradingState(TradingScope.GLOBAL)).isEqualTo(TradingState.ACTIVE);
        assertThat(f.submit(f.limit(VENUE, BTC, Side.BUY, of(100), of(1))).sent()).isTrue();
    }
}
