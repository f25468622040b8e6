package io.livestack.strategies.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.TradeTick;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MomentumTest {

    private static final VenueId SIM = VenueId.of("SIM");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final StrategyId MOM = StrategyId.of("mom");
    private static final long MILLIS = 1_000_000L;
    private static final long SECOND = 1_000 * MILLIS;

    private final FakeStrategyContext ctx = new FakeStrategyContext("mom");
    private Momentum momentum;
    private long seq;

    /** Samples every 1 s, short 2, long 4, size 0.01, max 0.02, cooldown 10 s, slippage 10 bps, tick 0.01. */
    private static MomentumSettings settings(MomentumSettings.Source source) {
        return new MomentumSettings(MOM, SIM, BTC, source, SECOND, 2, 4, Fixed.parse("0.01"), Fixed.parse("0.02"),
                10 * SECOND, 10, Fixed.parse("0.01"));
    }

    @BeforeEach
    void loggedOn() {
        ctx.venues.put(SIM, VenueSessionState.LOGGED_ON);
        momentum = new Momentum(settings(MomentumSettings.Source.MID));
        momentum.onStart(ctx);
    }

    /** The book moves to mid ± 0.1 after {@code millis} of event time; returns the intents it caused. */
    private List<Intent> mid(String mid, long millis) {
        BigDecimal m = new BigDecimal(mid);
        ctx.book(SIM, BTC, m.subtract(new BigDecimal("0.1")).toPlainString(),
                m.add(new BigDecimal("0.1")).toPlainString());
        ctx.now += millis * MILLIS;
        momentum.onEvent(new Sequenced(++seq, ctx.now, new BookSnapshot(SIM, BTC, ctx.now, List.of(), List.of())),
                ctx);
        return ctx.drain();
    }

    private List<Intent> mids(String... mids) {
        List<Intent> all = new ArrayList<>();
        for (String m : mids) {
            all.addAll(mid(m, 1_000));
        }
        return all;
    }

    private static SubmitOrder ioc(String handle, Side side, String price, String quantity) {
        return new SubmitOrder(MOM, ClientOrderId.of(handle), SIM, BTC, side, OrderType.LIMIT, TimeInForce.IOC,
                Fixed.parse(price), Fixed.parse(quantity));
    }

    @Test
    void buysWithAnIocAcrossTheSpreadWhenTheShortAverageCrossesAboveTheLong() {
        assertThat(mids("104", "103", "102", "101")).isEmpty();
        // samples 103 102 101 105: short 103 > long 102.75; ask 105.1 + 10 bps = 105.2051 -> 105.21
        assertThat(mid("105", 1_000)).containsExactly(ioc("C1", Side.BUY, "105.21", "0.01"));
    }

    @Test
    void sellsWithAnIocAcrossTheSpreadWhenTheShortAverageCrossesBelowTheLong() {
        assertThat(mids("96", "97", "98", "99")).isEmpty();
        // samples 97 98 99 95: short 97 < long 97.25; bid 94.9 - 10 bps = 94.8051 -> 94.80
        assertThat(mid("95", 1_000)).containsExactly(ioc("C1", Side.SELL, "94.8", "0.01"));
    }

    @Test
    void doesNotTradeBeforeTheLongWindowIsFullNorOnTheFirstComparison() {
        assertThat(mids("101", "102", "103")).as("window not full").isEmpty();
        assertThat(mid("104", 1_000)).as("first comparison sets the direction, no cross yet").isEmpty();
        assertThat(mid("106", 1_000)).as("same direction").isEmpty();
    }

    @Test
    void samplesAtMostOncePerIntervalOfEventTime() {
        mids("104", "103", "102", "101");
        assertThat(mid("105", 500)).as("only half an interval later: not sampled").isEmpty();
        assertThat(mid("105", 500)).hasSize(1);
    }

    @Test
    void ignoresCrossingsDuringTheCooldownAndTradesAgainAfterIt() {
        mids("104", "103", "102", "101");
        List<Intent> buy = mid("105", 1_000);
        assertThat(buy).hasSize(1);
        ctx.fill(ClientOrderId.of("C1"), "0.01");

        assertThat(mid("90", 1_000)).as("down-cross 1 s after the buy: cooling down").isEmpty();
        // 10 s later: samples 101 105 90 120, short 105 > long 104: up-cross, cooldown over
        assertThat(mid("120", 10_000)).containsExactly(ioc("C2", Side.BUY, "120.23", "0.01"));
    }

    @Test
    void sendsNothingWhileItsPreviousOrderIsStillOpen() {
        mids("104", "103", "102", "101", "105");
        // the IOC C1 stays PENDING_NEW; cooldown is over, a down-cross comes
        assertThat(mid("80", 11_000)).isEmpty();
    }

    @Test
    void respectsThePositionLimitInTheDirectionOfTheSignalOnly() {
        ctx.position(BTC, "0.02");
        mids("104", "103", "102", "101");
        assertThat(mid("105", 1_000)).as("already at the long limit").isEmpty();
        assertThat(mid("80", 1_000)).containsExactly(ioc("C1", Side.SELL, "79.82", "0.01"));
    }

    @Test
    void shrinksTheOrderToStayWithinTheLimit() {
        ctx.position(BTC, "0.015");
        mids("104", "103", "102", "101");
        assertThat(mid("105", 1_000)).containsExactly(ioc("C1", Side.BUY, "105.21", "0.005"));
    }

    @Test
    void sendsNothingWhileTheVenueIsNotLoggedOn() {
        ctx.venues.put(SIM, VenueSessionState.RECONCILING);
        mids("104", "103", "102", "101");
        assertThat(mid("105", 1_000)).isEmpty();
    }

    @Test
    void canFollowTradePricesInsteadOfTheMid() {
        momentum = new Momentum(settings(MomentumSettings.Source.TRADE));
        momentum.onStart(ctx);
        ctx.book(SIM, BTC, "99.9", "100.1");
        List<Intent> intents = new ArrayList<>();
        for (String p : List.of("104", "103", "102", "101", "105")) {
            ctx.now += SECOND;
            momentum.onEvent(new Sequenced(++seq, ctx.now, new TradeTick(SIM, BTC, ctx.now, Fixed.parse(p),
                    Fixed.of(1), Side.BUY)), ctx);
            intents.addAll(ctx.drain());
        }
        // the price comes from the trades, the order price from the book: ask 100.1 + 10 bps -> 100.2001 -> 100.21
        assertThat(intents).containsExactly(ioc("C1", Side.BUY, "100.21", "0.01"));
    }

    @Test
    void followsTheMidOnBookUpdatesOnlyNotOnTradePrints() {
        mids("104", "103", "102", "101");
        ctx.book(SIM, BTC, "104.9", "105.1");
        ctx.now += SECOND;
        momentum.onEvent(new Sequenced(++seq, ctx.now, new TradeTick(SIM, BTC, ctx.now, Fixed.of(105), Fixed.of(1),
                Side.BUY)), ctx);
        assertThat(ctx.drain()).as("a trade print is no mid sample").isEmpty();

        assertThat(mid("105", 0)).containsExactly(ioc("C1", Side.BUY, "105.21", "0.01"));
    }

    @Test
    void cancelsItsOpenOrdersOnStop() {
        mids("104", "103", "102", "101", "105");
        momentum.onStop(ctx);
        assertThat(ctx.drain()).containsExactly(new CancelOrder(MOM, ClientOrderId.of("C1")));
    }

    @Test
    void refusesInvalidConfigurationsNamingTheKey() {
        assertThatThrownBy(() -> MomentumSettings.from(Configs.of(MomentumConfig.class,
                Map.of("livestack_strategy_id", "m", "shortWindow", 20, "longWindow", 10))))
                .hasMessageContaining("longWindow").hasMessageContaining("10");
        assertThatThrownBy(() -> MomentumSettings.from(Configs.of(MomentumConfig.class,
                Map.of("livestack_strategy_id", "m", "source", "VWAP"))))
                .hasMessageContaining("source").hasMessageContaining("VWAP");
        assertThatThrownBy(() -> MomentumSettings.from(Configs.of(MomentumConfig.class,
                Map.of("livestack_strategy_id", "m", "tickSize", "0.000000001"))))
                .hasMessageContaining("tickSize");
    }

    @Test
    void parsesTheDefaultConfiguration() {
        MomentumSettings s = MomentumSettings.from(Configs.of(MomentumConfig.class,
                Map.of("livestack_strategy_id", "mom-sim")));
        assertThat(s.source()).isEqualTo(MomentumSettings.Source.MID);
        assertThat(s.sampleIntervalNanos()).isEqualTo(500 * MILLIS);
        assertThat(s.quantity()).isEqualTo(Fixed.parse("0.01"));
    }
}
