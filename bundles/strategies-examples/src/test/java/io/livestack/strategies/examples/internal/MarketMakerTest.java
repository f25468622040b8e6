package io.livestack.strategies.examples.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.BookSnapshot;
import io.livestack.api.event.Sequenced;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
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
import io.livestack.api.risk.RejectReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketMakerTest {

    private static final VenueId SIM = VenueId.of("SIM");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final InstrumentId ETH = InstrumentId.of("ETH-USD");
    private static final StrategyId MM = StrategyId.of("mm");
    private static final long SECOND = 1_000_000_000L;

    private final FakeStrategyContext ctx = new FakeStrategyContext("mm");
    private long seq;

    /** Spread 100 bps, requote beyond 10 bps, no skew, size 0.01, max position 0.02, tick 0.01, back-off 2 s. */
    private static MarketMakerSettings settings(long skewBps) {
        return new MarketMakerSettings(MM, SIM, BTC, Fixed.parse("0.01"), Fixed.parse("0.02"), 100, 10, skewBps,
                Fixed.parse("0.01"), 2 * SECOND);
    }

    private MarketMaker mm = new MarketMaker(settings(0));

    @BeforeEach
    void loggedOnWithABook() {
        ctx.venues.put(SIM, VenueSessionState.LOGGED_ON);
        ctx.book(SIM, BTC, "99.9", "100.1");
    }

    private Sequenced md(InstrumentId instrument) {
        seq++;
        ctx.now += 100_000_000L;
        return new Sequenced(seq, ctx.now, new BookSnapshot(SIM, instrument, ctx.now, List.of(), List.of()));
    }

    private List<Intent> event() {
        mm.onEvent(md(BTC), ctx);
        return ctx.drain();
    }

    private static SubmitOrder submit(String handle, Side side, String price, String quantity) {
        return new SubmitOrder(MM, ClientOrderId.of(handle), SIM, BTC, side, OrderType.LIMIT, TimeInForce.DAY,
                Fixed.parse(price), Fixed.parse(quantity));
    }

    private static ReplaceOrder replace(String handle, String price, String quantity) {
        return new ReplaceOrder(MM, ClientOrderId.of(handle), Fixed.parse(price), Fixed.parse(quantity));
    }

    private static CancelOrder cancel(String handle) {
        return new CancelOrder(MM, ClientOrderId.of(handle));
    }

    private static final ClientOrderId BID = ClientOrderId.of("C1");
    private static final ClientOrderId ASK = ClientOrderId.of("C2");

    private void quotedAndAcknowledged() {
        mm.onStart(ctx);
        assertThat(ctx.drain()).hasSize(2);
        ctx.ack(BID);
        ctx.ack(ASK);
    }

    @Test
    void placesOneBidAndOneAskAroundTheMidAtTheConfiguredSpread() {
        mm.onStart(ctx);
        assertThat(ctx.drain()).containsExactly(
                submit("C1", Side.BUY, "99.5", "0.01"),
                submit("C2", Side.SELL, "100.5", "0.01"));
    }

    @Test
    void roundsTheBidDownAndTheAskUpToTheTick() {
        ctx.book(SIM, BTC, "100.4", "100.6"); // mid 100.5, half spread 0.5025
        mm.onStart(ctx);
        assertThat(ctx.drain()).containsExactly(
                submit("C1", Side.BUY, "99.99", "0.01"),
                submit("C2", Side.SELL, "101.01", "0.01"));
    }

    @Test
    void quotesNothingUntilTheVenueIsLoggedOnAndTheBookIsTwoSided() {
        ctx.venues.put(SIM, VenueSessionState.RECONCILING);
        mm.onStart(ctx);
        assertThat(ctx.drain()).isEmpty();

        ctx.venues.put(SIM, VenueSessionState.LOGGED_ON);
        ctx.book(SIM, BTC, "99.9", null);
        assertThat(event()).isEmpty();

        ctx.book(SIM, BTC, "99.9", "100.1");
        assertThat(event()).hasSize(2);
    }

    @Test
    void afterTheVenueDroppedWaitsForABookUpdatedSinceBeforeQuotingAgain() {
        quotedAndAcknowledged();
        ctx.book(SIM, BTC, "99.9", "100.1", 10);
        mm.onEvent(new Sequenced(50, ctx.now, new VenueSessionEvent(SIM, ctx.now, VenueSessionState.RECONCILING,
                "")), ctx);
        ctx.venues.put(SIM, VenueSessionState.LOGGED_ON);
        ctx.book(SIM, BTC, "110.9", "111.1", 40); // stale: from before the venue dropped
        mm.onEvent(new Sequenced(51, ctx.now, new VenueSessionEvent(SIM, ctx.now, VenueSessionState.LOGGED_ON,
                "")), ctx);
        assertThat(ctx.drain()).isEmpty();

        ctx.book(SIM, BTC, "100.4", "100.6", 52);
        mm.onEvent(new Sequenced(52, ctx.now, new BookSnapshot(SIM, BTC, ctx.now, List.of(), List.of())), ctx);
        assertThat(ctx.drain()).containsExactly(replace("C1", "99.99", "0.01"), replace("C2", "101.01", "0.01"));
    }

    @Test
    void reactsOnlyToItsOwnVenueAndInstrument() {
        mm.onStart(ctx);
        ctx.drain();
        ctx.ack(BID);
        ctx.ack(ASK);
        ctx.book(SIM, BTC, "101.9", "102.1");

        mm.onEvent(md(ETH), ctx);
        assertThat(ctx.drain()).isEmpty();

        assertThat(event()).hasSize(2);
    }

    @Test
    void requotesByReplacingBothQuotesWhenTheMidMovesBeyondTheThreshold() {
        quotedAndAcknowledged();
        ctx.book(SIM, BTC, "100.4", "100.6"); // mid +50 bps

        assertThat(event()).containsExactly(replace("C1", "99.99", "0.01"), replace("C2", "101.01", "0.01"));
    }

    @Test
    void keepsItsQuotesWhenTheMidMovesLessThanTheThreshold() {
        quotedAndAcknowledged();
        ctx.book(SIM, BTC, "99.95", "100.15"); // mid +5 bps

        assertThat(event()).isEmpty();
    }

    @Test
    void waitsForTheVenueBeforeChangingAQuoteWithARequestInFlight() {
        mm.onStart(ctx);
        ctx.drain();
        ctx.book(SIM, BTC, "100.4", "100.6");

        assertThat(event()).as("both quotes are still PENDING_NEW").isEmpty();

        ctx.ack(BID);
        ctx.ack(ASK);
        assertThat(event()).hasSize(2);
        ctx.book(SIM, BTC, "101.4", "101.6");
        assertThat(event()).as("both replaces are pending").isEmpty();
        ctx.confirmReplace(BID);
        assertThat(event()).containsExactly(replace("C1", "100.99", "0.01"));
    }

    @Test
    void quotesAgainAfterAQuoteIsFilled() {
        quotedAndAcknowledged();
        ctx.fill(BID, "0.01");

        assertThat(event()).containsExactly(submit("C3", Side.BUY, "99.5", "0.01"));
    }

    @Test
    void stopsQuotingTheBidAtTheLongLimitAndCancelsTheBidOnTheBook() {
        quotedAndAcknowledged();
        ctx.position(BTC, "0.02");

        assertThat(event()).containsExactly(cancel("C1"));
        ctx.confirmCancel(BID);
        assertThat(event()).as("no new bid at the limit").isEmpty();
    }

    @Test
    void quotesOnlyTheAskWhenStartingAtTheLongLimit() {
        ctx.position(BTC, "0.02");
        mm.onStart(ctx);
        assertThat(ctx.drain()).containsExactly(submit("C1", Side.SELL, "100.5", "0.01"));
    }

    @Test
    void itsOwnPositionDecidesNotTheDesks() {
        ctx.position(BTC, "0.02"); // at its own long limit
        ctx.othersPosition(BTC, "-0.02"); // another strategy holds the opposite: the desk is flat
        mm.onStart(ctx);
        assertThat(ctx.drain()).as("only the ask, as at its own limit").containsExactly(
                submit("C1", Side.SELL, "100.5", "0.01"));
    }

    @Test
    void theTickComesFromTheReferenceDataWhenThereIsSome() {
        ctx.spec(new io.livestack.api.state.InstrumentSpec(BTC, null, null, Fixed.parse("0.5"), List.of(), 0, 0, 0,
                Fixed.of(1), "USD", 1));
        ctx.book(SIM, BTC, "99.93", "100.13"); // mid 100.03: 99.53 / 100.53 on the configured 0.01 tick
        mm.onStart(ctx);
        assertThat(ctx.drain()).as("bid rounded down, ask up, to the reference data's 0.5 tick").containsExactly(
                submit("C1", Side.BUY, "99.5", "0.01"), submit("C2", Side.SELL, "101", "0.01"));
    }

    @Test
    void stopsQuotingTheAskAtTheShortLimit() {
        ctx.position(BTC, "-0.02");
        mm.onStart(ctx);
        assertThat(ctx.drain()).containsExactly(submit("C1", Side.BUY, "99.5", "0.01"));
    }

    @Test
    void shrinksAQuoteSoThatAFullFillStaysWithinTheLimit() {
        quotedAndAcknowledged();
        ctx.position(BTC, "0.015");

        assertThat(event()).containsExactly(replace("C1", "99.5", "0.005"));
    }

    @Test
    void skewsBothQuotesAgainstThePosition() {
        mm = new MarketMaker(settings(20));
        ctx.position(BTC, "0.01"); // half the limit: skew 10 bps of 100 = 0.1 down
        mm.onStart(ctx);
        assertThat(ctx.drain()).containsExactly(
                submit("C1", Side.BUY, "99.4", "0.01"),
                submit("C2", Side.SELL, "100.4", "0.01"));
    }

    @Test
    void cancelsItsQuotesOnStop() {
        quotedAndAcknowledged();
        mm.onStop(ctx);
        assertThat(ctx.drain()).containsExactly(cancel("C1"), cancel("C2"));
    }

    @Test
    void cancelsOrdersLeftOverFromAnEarlierInstanceOnStart() {
        ClientOrderId old = ctx.submit(SIM, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, Fixed.of(90),
                Fixed.parse("0.01"));
        ctx.ack(old);
        ctx.drain();

        mm.onStart(ctx);

        assertThat(ctx.drain()).first().isEqualTo(new CancelOrder(MM, old));
    }

    @Test
    void backsOffAfterARefusedQuote() {
        mm.onStart(ctx);
        List<Intent> placed = ctx.drain();
        ctx.orders.remove(BID); // risk refused it: execution never created the order
        mm.onRejected(placed.get(0), RejectReason.MAX_OPEN_ORDERS, "limit", ctx);

        assertThat(event()).as("quiet for 2 s of event time").isEmpty();
        ctx.now += 2 * SECOND;
        assertThat(event()).containsExactly(submit("C3", Side.BUY, "99.5", "0.01"));
    }

    @Test
    void movesNoQuoteDuringTheBackOffAfterARefusedReplace() {
        quotedAndAcknowledged();
        ctx.book(SIM, BTC, "100.4", "100.6");
        List<Intent> replaces = event();
        assertThat(replaces).hasSize(2);
        ctx.confirmReplace(ASK);
        ctx.ack(BID); // the bid's replace was refused: the order is back to NEW without a pending request
        mm.onRejected(replaces.get(0), RejectReason.PRICE_BAND, "too far", ctx);

        ctx.book(SIM, BTC, "101.4", "101.6");
        assertThat(event()).as("quiet: no replace").isEmpty();
        ctx.now += 2 * SECOND;
        assertThat(event()).extracting(i -> ((ReplaceOrder) i).clientOrderId()).containsExactly(BID, ASK);
    }

    @Test
    void refusesAConfigurationWithABadDecimalNamingTheKeyAndValue() {
        assertThatThrownBy(() -> MarketMakerSettings.from(Configs.of(MarketMakerConfig.class,
                Map.of("livestack_strategy_id", "mm", "quantity", "lots"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity")
                .hasMessageContaining("lots");
        assertThatThrownBy(() -> MarketMakerSettings.from(Configs.of(MarketMakerConfig.class,
                Map.of("livestack_strategy_id", "mm", "spreadBps", 0))))
                .hasMessageContaining("spreadBps").hasMessageContaining("0");
        assertThatThrownBy(() -> MarketMakerSettings.from(Configs.of(MarketMakerConfig.class,
                Map.of("livestack_strategy_id", "mm", "maxPosition", "-1"))))
                .hasMessageContaining("maxPosition").hasMessageContaining("-1");
    }

    @Test
    void requiresAStrategyId() {
        assertThatThrownBy(() -> MarketMakerSettings.from(Configs.of(MarketMakerConfig.class, Map.of())))
                .hasMessageContaining("livestack.strategy.id");
    }

    @Test
    void parsesAValidConfigurationExactly() {
        MarketMakerSettings s = MarketMakerSettings.from(Configs.of(MarketMakerConfig.class,
                Map.of("livestack_strategy_id", "mm-sim", "quantity", "0.015", "tickSize", "0.5")));
        assertThat(s.id()).isEqualTo(StrategyId.of("mm-sim"));
        assertThat(s.quantity()).isEqualTo(1_500_000L);
        assertThat(s.tickSize()).isEqualTo(50_000_000L);
        assertThat(s.venue()).isEqualTo(SIM);
        assertThat(s.rejectBackoffNanos()).isEqualTo(2 * SECOND);
    }

}
