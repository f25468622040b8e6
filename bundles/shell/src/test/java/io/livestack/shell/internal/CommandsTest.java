package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Command;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.runtime.CommandResult;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class CommandsTest {

    private final Fakes.Runtime runtime = new Fakes.Runtime();
    private final Fakes.Console console = new Fakes.Console("operator");

    @Test
    void orderSubmitSendsAManualIntentAsTheSessionUser() throws Exception {
        OrderSubmitCommand c = Fakes.wire(new OrderSubmitCommand(), runtime, console);
        c.venue = "SIM";
        c.instrument = "BTC-USD";
        c.side = "buy";
        c.quantity = "0.25";
        c.rest = List.of("100");

        c.execute();

        assertThat(runtime.commands).hasSize(1);
        Command.ManualIntent m = (Command.ManualIntent) runtime.commands.get(0);
        SubmitOrder o = (SubmitOrder) m.intent();
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.quantity()).isEqualTo(Fixed.parse("0.25"));
        assertThat(runtime.users).containsExactly("operator");
        assertThat(console.text()).contains("done");
    }

    @Test
    void orderSubmitWithABadArgumentFailsWithOneLineAndSendsNothing() {
        OrderSubmitCommand c = Fakes.wire(new OrderSubmitCommand(), runtime, console);
        c.venue = "SIM";
        c.instrument = "BTC-USD";
        c.side = "BYU";
        c.quantity = "1";
        c.rest = List.of("100");

        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("side 'BYU' is not one of BUY, SELL");
        c.side = "SELL";
        c.quantity = "lots";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("quantity 'lots' is not a decimal number with at most 8 decimals");
        c.quantity = "1";
        c.venue = "NYSE";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("unknown venue 'NYSE' (known: SIM)");
        assertThat(runtime.commands).isEmpty();
    }

    @Test
    void aRefusedCommandIsAOneLineError() {
        runtime.result = CommandResult.error("TRADING_HALTED: kill switch engaged");
        OrderSubmitCommand c = Fakes.wire(new OrderSubmitCommand(), runtime, console);
        c.venue = "SIM";
        c.instrument = "BTC-USD";
        c.side = "SELL";
        c.quantity = "1";
        c.rest = List.of("100");

        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("order refused: TRADING_HALTED: kill switch engaged");
    }

    @Test
    void withoutARuntimeEveryCommandSaysSo() {
        StatusCommand c = Fakes.wire(new StatusCommand(), null, console);

        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("the Live Stack runtime is not running");
    }

    @Test
    void killCarriesTheReasonAndResumeFollows() throws Exception {
        KillCommand kill = Fakes.wire(new KillCommand(), runtime, console);
        kill.reason = List.of("fat", "finger");
        kill.execute();
        Fakes.wire(new ResumeCommand(), runtime, console).execute();

        assertThat(runtime.commands).containsExactly(new Command.Kill("fat finger"), new Command.Resume());
    }

    @Test
    void killOfAScopeCarriesTheScopeAndRefusesAnUnknownOne() throws Exception {
        KillCommand kill = Fakes.wire(new KillCommand(), runtime, console);
        kill.scope = "venue:SIM";
        kill.reason = List.of("drops");
        kill.execute();
        kill.scope = "desk";
        kill.execute();

        assertThat(runtime.commands).containsExactly(
                new Command.Kill("drops", TradingScope.venue(io.livestack.api.model.VenueId.of("SIM"))),
                new Command.Kill("drops"));
        kill.scope = "book:1";
        assertThatThrownBy(kill::execute).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("scope 'book:1' is not one of: global (or desk), venue:<id>");
    }

    @Test
    void cancelAllCarriesItsScopeAndRefusesAnUnknownOne() throws Exception {
        CancelAllCommand c = Fakes.wire(new CancelAllCommand(), runtime, console);
        c.scope = "account:ACC1";
        c.execute();

        assertThat(runtime.commands).containsExactly(
                new Command.CancelAll(TradingScope.account(io.livestack.api.model.AccountId.of("ACC1"))));
        c.scope = "accounts:ACC1";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("scope 'accounts:ACC1' is not one of");
        c.scope = null;
        assertThatThrownBy(c::execute).hasMessageStartingWith("scope is missing");
    }

    @Test
    void tradingStateSetsAScopeAndRefusesABadOne() throws Exception {
        TradingStateCommand c = Fakes.wire(new TradingStateCommand(), runtime, console);
        c.scope = "strategy:mm1";
        c.state = "reducing";
        c.execute();

        assertThat(runtime.commands).containsExactly(
                new Command.SetTradingState(TradingScope.strategy(StrategyId.of("mm1")), TradingState.REDUCING));

        c.scope = "desk:1";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("scope 'desk:1' is not one of: global (or desk), venue:<id>, account:<id>, strategy:<id>,"
                        + " instrument:<id>");
        c.scope = "global";
        c.state = "PAUSED";
        assertThatThrownBy(c::execute).hasMessage("trading state 'PAUSED' is not one of ACTIVE, REDUCING, HALTED");
        c.state = null;
        assertThatThrownBy(c::execute).hasMessageStartingWith("execution control is not running");
    }

    @Test
    void orderCancelResolvesTheOrderAndRefusesUnknownOrClosedOnes() throws Exception {
        runtime.orders = List.of(ManualOrdersTest.order("A-1", OrderStatus.NEW),
                ManualOrdersTest.order("A-2", OrderStatus.CANCELED));
        OrderCancelCommand c = Fakes.wire(new OrderCancelCommand(), runtime, console);
        c.order = "A-1";
        c.execute();

        assertThat(((CancelOrder) ((Command.ManualIntent) runtime.commands.get(0)).intent()).clientOrderId())
                .isEqualTo(ClientOrderId.of("A-1"));
        c.order = "A-9";
        assertThatThrownBy(c::execute).hasMessage("unknown order 'A-9'");
        c.order = "A-2";
        assertThatThrownBy(c::execute).hasMessage("order A-2 is not open (CANCELED)");
    }

    @Test
    void sessionStopPassesTheCancelOption() throws Exception {
        SessionStopCommand c = Fakes.wire(new SessionStopCommand(), runtime, console);
        c.cancelOrders = true;
        c.execute();

        assertThat(runtime.commands).containsExactly(new Command.StopSession(true));
    }

    @Test
    void statusAndOrdersPrintTables() throws Exception {
        runtime.orders = List.of(ManualOrdersTest.order("A-1", OrderStatus.NEW),
                ManualOrdersTest.order("A-2", OrderStatus.CANCELED));
        Fakes.wire(new StatusCommand(), runtime, console).execute();
        OrdersCommand orders = Fakes.wire(new OrdersCommand(), runtime, console);
        orders.history = new Fakes.History();
        ((Fakes.History) orders.history).orders = List.of(runtime.orders.get(0));
        orders.open = true;
        orders.execute();

        assertThat(console.text()).contains("RUNNING").contains("stage execution").contains("MISSING")
                .contains("A-1").doesNotContain("A-2").contains("Account").contains("DEFAULT");
    }

    @Test
    void orderSubmitTakesItsOptionsAlsoAfterTheArguments() throws Exception {
        OrderSubmitCommand c = Fakes.wire(new OrderSubmitCommand(), runtime, console);
        c.venue = "SIM";
        c.instrument = "BTC-USD";
        c.side = "SELL";
        c.quantity = "0.1";
        c.rest = List.of("--type", "MARKET", "--tif=IOC");
        c.execute();

        SubmitOrder o = (SubmitOrder) ((Command.ManualIntent) runtime.commands.get(0)).intent();
        assertThat(o.type()).isEqualTo(io.livestack.api.model.OrderType.MARKET);
        assertThat(o.timeInForce()).isEqualTo(io.livestack.api.model.TimeInForce.IOC);

        c.rest = List.of("100", "--colour", "red");
        assertThatThrownBy(c::execute).hasMessage("unknown option '--colour' (options: --type, --tif)");
        c.rest = List.of("100", "101");
        assertThatThrownBy(c::execute).hasMessage("unexpected argument '101' after the price 100");
        c.type = "LIMIT";
        c.rest = List.of("100", "--type", "MARKET");
        assertThatThrownBy(c::execute).hasMessage("option --type given twice");
    }
}
