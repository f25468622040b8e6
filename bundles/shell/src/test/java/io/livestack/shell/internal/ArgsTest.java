package io.livestack.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.model.Fixed;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void parsesSidesTypesAndStatesCaseInsensitively() {
        assertThat(Args.side("buy")).isEqualTo(Side.BUY);
        assertThat(Args.side(" SELL ")).isEqualTo(Side.SELL);
        assertThat(Args.orderType("market")).isEqualTo(OrderType.MARKET);
        assertThat(Args.timeInForce("ioc")).isEqualTo(TimeInForce.IOC);
        assertThat(Args.tradingState("halted")).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aBadEnumValueNamesTheArgumentAndTheChoices() {
        assertThatThrownBy(() -> Args.side("BYU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("side 'BYU' is not one of BUY, SELL");
        assertThatThrownBy(() -> Args.tradingState("STOPPED"))
                .hasMessage("trading state 'STOPPED' is not one of ACTIVE, REDUCING, HALTED");
        assertThatThrownBy(() -> Args.timeInForce(null)).hasMessage("time in force is missing: one of DAY, IOC, GTC");
    }

    @Test
    void parsesQuantitiesAndPricesAsFixedPoint() {
        assertThat(Args.quantity("1.5")).isEqualTo(Fixed.parse("1.5"));
        assertThat(Args.price("101.25")).isEqualTo(Fixed.parse("101.25"));
    }

    @Test
    void refusesNonNumericNonPositiveAndTooPreciseQuantities() {
        assertThatThrownBy(() -> Args.quantity("ten"))
                .hasMessage("quantity 'ten' is not a decimal number with at most 8 decimals");
        assertThatThrownBy(() -> Args.quantity("0")).hasMessage("quantity '0' must be greater than 0");
        assertThatThrownBy(() -> Args.quantity("-1")).hasMessage("quantity '-1' must be greater than 0");
        assertThatThrownBy(() -> Args.quantity("0.000000001"))
                .hasMessage("quantity '0.000000001' is not a decimal number with at most 8 decimals");
        assertThatThrownBy(() -> Args.price("1e")).hasMessageStartingWith("price '1e' is not a decimal number");
    }

    @Test
    void parsesScopes() {
        assertThat(Args.scope("global")).isEqualTo(TradingScope.GLOBAL);
        assertThat(Args.scope("strategy:mm1")).isEqualTo(TradingScope.strategy(StrategyId.of("mm1")));
        assertThat(Args.scope("instrument:BTC-USD").kind()).isEqualTo(TradingScope.Kind.INSTRUMENT);
        assertThat(Args.scope("venue:SIM")).isEqualTo(TradingScope.venue(io.livestack.api.model.VenueId.of("SIM")));
        assertThatThrownBy(() -> Args.scope("book:SIM")).hasMessage(
                "scope 'book:SIM' is not one of: global, strategy:<id>, instrument:<id>, venue:<id>, account:<id>");
        assertThatThrownBy(() -> Args.scope("strategy:")).hasMessageContaining("is not one of");
    }

    @Test
    void unknownVenuesAndStrategiesNameWhatIsKnown() {
        List<VenueId> venues = List.of(VenueId.of("SIM"), VenueId.of("FIX1"));
        assertThat(Args.knownVenue("SIM", venues)).isEqualTo(VenueId.of("SIM"));
        assertThatThrownBy(() -> Args.knownVenue("NYSE", venues))
                .hasMessage("unknown venue 'NYSE' (known: FIX1, SIM)");
        assertThatThrownBy(() -> Args.knownVenue("NYSE", List.of()))
                .hasMessage("unknown venue 'NYSE' (no venue is registered)");
        assertThatThrownBy(() -> Args.knownStrategy("x", List.of(StrategyId.of("mm1"))))
                .hasMessage("unknown strategy 'x' (known: mm1)");
    }

    @Test
    void refusesInvalidIdsAndBadCounts() {
        assertThatThrownBy(() -> Args.venue("a b")).hasMessageStartingWith("venue 'a b' is not a valid id");
        assertThatThrownBy(() -> Args.clientOrderId("")).hasMessage("order id is missing");
        assertThat(Args.positiveInt("10", "depth", 50)).isEqualTo(10);
        assertThatThrownBy(() -> Args.positiveInt("x", "depth", 50)).hasMessage("depth 'x' is not a whole number");
        assertThatThrownBy(() -> Args.positiveInt("51", "depth", 50)).hasMessage("depth '51' must be between 1 and 50");
    }
}
