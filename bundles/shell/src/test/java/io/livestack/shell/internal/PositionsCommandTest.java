package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class PositionsCommandTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final AccountId ACC1 = AccountId.of("ACC1");
    private static final StrategyId MM = StrategyId.of("mm");
    private static final StrategyId MOM = StrategyId.of("mom");

    private final Fakes.Runtime runtime = new Fakes.Runtime();
    private final Fakes.Console console = new Fakes.Console("viewer");

    private static PositionView position(String net, AccountId account, StrategyId strategy, VenueId venue) {
        return new PositionView(BTC, Fixed.parse(net), Fixed.of(100), 0, 0, Fixed.of(101), 0, 0, 1, account,
                strategy, venue, Fixed.parse("0.5"));
    }

    private PositionsCommand command() {
        runtime.positions = List.of(position("0", null, null, null), position("2", null, MM, null),
                position("-2", null, MOM, null), position("2", ACC1, MM, null),
                position("2", ACC1, null, VenueId.of("SIM")));
        return Fakes.wire(new PositionsCommand(), runtime, console);
    }

    @Test
    void showsTheDeskByDefault() throws Exception {
        command().execute();

        assertThat(console.text()).contains("Instrument").doesNotContain("Strategy").contains("BTC-USD")
                .contains("0.5");
    }

    @Test
    void aStrategyFilterShowsThatStrategysPositions() throws Exception {
        PositionsCommand c = command();
        c.strategy = "mom";

        c.execute();

        assertThat(console.text()).contains("Strategy").contains("mom").contains("-2").doesNotContain("mm ");
    }

    @Test
    void theVenueLevelShowsVenueAndAccount() throws Exception {
        PositionsCommand c = command();
        c.level = "venue";

        c.execute();

        assertThat(console.text()).contains("Venue").contains("Account").contains("SIM").contains("ACC1");
    }

    @Test
    void aFilterThatDoesNotApplyToTheLevelIsAOneLineError() {
        PositionsCommand c = command();
        c.level = "desk";
        c.strategy = "mm";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("--strategy does not apply to level desk: use --level strategy or book");
        c.strategy = null;
        c.level = "books";
        assertThatThrownBy(c::execute).isInstanceOf(CommandException.class)
                .hasMessage("level 'books' is not one of DESK, ACCOUNT, STRATEGY, BOOK, VENUE");
    }

    @Test
    void pnlListsTheDeskAccountsAndStrategiesInTheReportingCurrency() throws Exception {
        runtime.pnl = List.of(new PnlView(PnlView.Scope.DESK, "*", "USD", Fixed.of(48), Fixed.of(-12),
                Fixed.parse("1.62"), Fixed.of(2496), -Fixed.of(2496)),
                new PnlView(PnlView.Scope.STRATEGY, "mm", "USD", Fixed.of(60), 0, 0, 0, 0));
        PnlCommand c = Fakes.wire(new PnlCommand(), runtime, console);

        c.execute();

        assertThat(console.text()).contains("Gross exposure").contains("desk").contains("USD").contains("34.38")
                .contains("-2496").contains("strategy").contains("mm");
    }
}
