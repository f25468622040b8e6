package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.ETH;
import static io.livestack.risk.internal.RiskFixture.OTHER_VENUE;
import static io.livestack.risk.internal.RiskFixture.SECOND;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.loose;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.intent.CancelOrder;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every scoped limit by reason at each scope it has, and the most restrictive value winning. */
class ScopedLimitsTest {

    static final StrategyId MM = StrategyId.of("mm");
    static final StrategyId ARB = StrategyId.of("arb");
    static final AccountId ACC = AccountId.of("ACC1");
    static final AccountId OTHER_ACC = AccountId.of("ACC2");

    private final RiskFixture f = new RiskFixture();
    private final ScopedState state = new ScopedState(f.state);
    private long now = 1_000 * SECOND;

    @BeforeEach
    void market() {
        f.book(VENUE, BTC, of(99), of(101)); // mid 100
        f.book(OTHER_VENUE, BTC, of(99), of(101));
        f.book(VENUE, ETH, of(99), of(101));
    }

    private RiskDecision check(RiskStageComponent risk, Intent intent) {
        return risk.check(intent, state, now);
    }

    private RiskDecision order(RiskStageComponent risk, StrategyId s, AccountId a, VenueId v, InstrumentId i,
            Side side, long quantity) {
        return check(risk, f.order(s, a, v, i, side, of(100), quantity));
    }

    private static void accepted(RiskDecision d) {
        assertThat(d.accepted()).as("accepted, got %s", d).isTrue();
    }

    private static void rejected(RiskDecision d, RejectReason reason, String... detail) {
        assertThat(d.accepted()).as("rejected, got %s", d).isFalse();
        assertThat(d.reason()).isEqualTo(reason);
        for (String text : detail) {
            assertThat(d.detail()).contains(text);
        }
    }

    @Nested
    class MaxOrderQuantity {

        @Test
        void eachScopeLimitsItsOwnOrders() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "100",
                    "maxOrderQuantity.strategy.mm", "10", "maxOrderQuantity.account.ACC2", "20",
                    "maxOrderQuantity.instrument.ETH-USD", "30", "maxOrderQuantity.venue.other", "40"));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(11)), RejectReason.MAX_ORDER_QUANTITY,
                    "strategy:mm");
            rejected(order(risk, ARB, OTHER_ACC, VENUE, BTC, Side.BUY, of(21)), RejectReason.MAX_ORDER_QUANTITY,
                    "account:ACC2");
            rejected(order(risk, ARB, ACC, VENUE, ETH, Side.BUY, of(31)), RejectReason.MAX_ORDER_QUANTITY,
                    "instrument:ETH-USD");
            rejected(order(risk, ARB, ACC, OTHER_VENUE, BTC, Side.BUY, of(41)), RejectReason.MAX_ORDER_QUANTITY,
                    "venue:other");
            rejected(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(101)), RejectReason.MAX_ORDER_QUANTITY, "desk");
            accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(100)));
        }

        @Test
        void theMostRestrictiveValueWins() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "100",
                    "maxOrderQuantity.strategy.mm", "50", "maxOrderQuantity.account.ACC1", "5",
                    "maxOrderQuantity.venue.sim", "60"));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(6)), RejectReason.MAX_ORDER_QUANTITY,
                    "max order quantity 5", "account:ACC1");
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(5)));
            accepted(order(risk, MM, OTHER_ACC, VENUE, BTC, Side.BUY, of(50)));
        }

        @Test
        void aScopeDefaultAppliesToEveryStrategyWithoutItsOwn() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity.strategy.*", "3",
                    "maxOrderQuantity.strategy.mm", "8", "maxOrderQuantity.account.*", "9"));

            rejected(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(4)), RejectReason.MAX_ORDER_QUANTITY,
                    "strategy:arb");
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(8)));
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(9)), RejectReason.MAX_ORDER_QUANTITY,
                    "strategy:mm");
        }

        @Test
        void theOlderInstrumentOverrideIsTheInstrumentScope() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "5",
                    "maxOrderQuantity.BTC-USD", "7"));

            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(7)));
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(8)), RejectReason.MAX_ORDER_QUANTITY,
                    "instrument:BTC-USD");
            rejected(order(risk, MM, ACC, VENUE, ETH, Side.BUY, of(6)), RejectReason.MAX_ORDER_QUANTITY, "desk");
        }
    }

    @Test
    void maxOrderNotionalPerVenueAndStrategy() {
        RiskStageComponent risk = new RiskStageComponent(loose("maxOrderNotional.venue.other", "500",
                "maxOrderNotional.strategy.arb", "300"));

        rejected(order(risk, MM, ACC, OTHER_VENUE, BTC, Side.BUY, of(6)), RejectReason.MAX_ORDER_NOTIONAL,
                "venue:other");
        accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(6)));
        rejected(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(4)), RejectReason.MAX_ORDER_NOTIONAL,
                "strategy:arb");
    }

    @Test
    void priceBandPerStrategy() {
        RiskStageComponent risk = new RiskStageComponent(loose("priceBandBps", "1000", "priceBandBps.strategy.arb",
                "100"));

        rejected(check(risk, f.order(ARB, ACC, VENUE, BTC, Side.BUY, of(102), of(1))), RejectReason.PRICE_BAND,
                "band 100 bps", "strategy:arb");
        accepted(check(risk, f.order(MM, ACC, VENUE, BTC, Side.BUY, of(102), of(1))));
    }

    @Nested
    class PriceCollars {

        @Test
        void aLimitPriceMustLieWithinTheCollarAroundTheReferenceRangeOfTheWindow() {
            RiskStageComponent risk = new RiskStageComponent(loose("priceCollarBps", "100",
                    "priceCollarWindowMs", "10000", "priceBandBps", "5000"));
            accepted(check(risk, f.order(MM, ACC, VENUE, BTC, Side.BUY, of(100), of(1)))); // samples 100
            now += SECOND;
            f.book(VENUE, BTC, of(109), of(111)); // mid 110
            accepted(check(risk, f.order(MM, ACC, VENUE, BTC, Side.BUY, of(111), of(1)))); // samples 110

            rejected(check(risk, f.order(MM, ACC, VENUE, BTC, Side.BUY, of(112), of(1))),
                    RejectReason.PRICE_COLLAR, "100..110", "desk");
            accepted(check(risk, f.order(MM, ACC, VENUE, BTC, Side.SELL, of(99), of(1))));
            rejected(check(risk, f.order(MM, ACC, VENUE, BTC, Side.SELL, parseMinus(98.9), of(1))),
                    RejectReason.PRICE_COLLAR);

            now += 10 * SECOND; // the sample of 100 left the window
            rejected(check(risk, f.order(MM, ACC, VENUE, BTC, Side.SELL, of(99), of(1))),
                    RejectReason.PRICE_COLLAR, "110..110");
        }

        @Test
        void theCollarOfAnInstrumentOrVenue() {
            RiskStageComponent risk = new RiskStageComponent(loose("priceCollarBps.instrument.ETH-USD", "10",
                    "priceCollarBps.venue.other", "20"));

            rejected(check(risk, f.order(MM, ACC, VENUE, ETH, Side.BUY, of(101), of(1))), RejectReason.PRICE_COLLAR,
                    "instrument:ETH-USD");
            rejected(check(risk, f.order(MM, ACC, OTHER_VENUE, BTC, Side.BUY, of(101), of(1))),
                    RejectReason.PRICE_COLLAR, "venue:other");
            accepted(check(risk, f.order(MM, ACC, VENUE, BTC, Side.BUY, of(101), of(1))));
        }

        private long parseMinus(double price) {
            return io.livestack.api.model.Fixed.parse(Double.toString(price));
        }
    }

    @Nested
    class MaxPosition {

        @Test
        void aStrategyIsHeldToItsOwnPositionAndOpenOrders() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxPosition.strategy.mm", "10"));
            state.strategyPosition(MM, BTC, of(6));
            f.resting(MM, ACC, VENUE, BTC, Side.BUY, of(90), of(3));
            f.resting(ARB, ACC, VENUE, BTC, Side.BUY, of(90), of(50)); // another strategy's: not counted

            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(2)), RejectReason.MAX_POSITION,
                    "projected position 11", "strategy:mm");
            accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(2)));
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(5))); // reduces
        }

        @Test
        void anAccountIsHeldToItsOwnPosition() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxPosition.account.*", "10",
                    "countOpenOrdersInPosition", "false"));
            state.accountPosition(ACC, BTC, of(-9));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(2)), RejectReason.MAX_POSITION,
                    "account:ACC1");
            accepted(order(risk, MM, OTHER_ACC, VENUE, BTC, Side.SELL, of(2)));
        }

        @Test
        void theDeskAndInstrumentLimitTheDeskPosition() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxPosition", "10",
                    "maxPosition.instrument.ETH-USD", "2"));
            f.position(BTC, Side.BUY, of(9), of(100));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(2)), RejectReason.MAX_POSITION, "desk");
            rejected(order(risk, MM, ACC, VENUE, ETH, Side.BUY, of(3)), RejectReason.MAX_POSITION,
                    "instrument:ETH-USD");
        }
    }

    @Nested
    class MaxOpenOrders {

        @Test
        void eachScopeCountsItsOwnOpenOrders() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOpenOrders.strategy.mm", "2",
                    "maxOpenOrders.account.ACC2", "1", "maxOpenOrders.venue.other", "1",
                    "maxOpenOrders.instrument.ETH-USD", "1"));
            f.resting(MM, ACC, VENUE, BTC, Side.BUY, of(90), of(1));
            f.resting(MM, OTHER_ACC, VENUE, BTC, Side.BUY, of(90), of(1));
            f.resting(ARB, ACC, OTHER_VENUE, BTC, Side.BUY, of(90), of(1));
            f.resting(ARB, ACC, VENUE, ETH, Side.BUY, of(90), of(1));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_OPEN_ORDERS,
                    "2 open orders, limit 2 (strategy:mm)");
            rejected(order(risk, ARB, OTHER_ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_OPEN_ORDERS,
                    "account:ACC2");
            rejected(order(risk, ARB, ACC, OTHER_VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_OPEN_ORDERS,
                    "venue:other");
            rejected(order(risk, ARB, ACC, VENUE, ETH, Side.BUY, of(1)), RejectReason.MAX_OPEN_ORDERS,
                    "instrument:ETH-USD");
            accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(1)));
        }

        @Test
        void theDeskCountsEveryOpenOrder() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOpenOrders", "2"));
            f.resting(MM, ACC, VENUE, BTC, Side.BUY, of(90), of(1));
            f.resting(ARB, OTHER_ACC, VENUE, ETH, Side.BUY, of(90), of(1));

            rejected(order(risk, ARB, ACC, OTHER_VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_OPEN_ORDERS,
                    "(desk)");
        }
    }

    @Nested
    class Exposure {

        @Test
        void grossExposureOfTheDeskAccountAndStrategy() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxGrossExposure", "10000",
                    "maxGrossExposure.account.ACC1", "5000", "maxGrossExposure.strategy.*", "2000"));
            state.pnl(PnlView.Scope.DESK, "*", 0, of(9400), 0);
            state.pnl(PnlView.Scope.ACCOUNT, "ACC1", 0, of(4500), 0);
            state.pnl(PnlView.Scope.STRATEGY, "arb", 0, of(1500), 0);

            rejected(order(risk, MM, OTHER_ACC, VENUE, BTC, Side.BUY, of(7)), RejectReason.MAX_GROSS_EXPOSURE,
                    "(desk)");
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(5) + 1), RejectReason.MAX_GROSS_EXPOSURE,
                    "account:ACC1");
            rejected(order(risk, ARB, OTHER_ACC, VENUE, BTC, Side.BUY, of(5) + 1), RejectReason.MAX_GROSS_EXPOSURE,
                    "strategy:arb");
            accepted(order(risk, MM, OTHER_ACC, VENUE, BTC, Side.BUY, of(5)));
        }

        @Test
        void netExposureCountsTheOrdersSideAndLetsReducingOrdersThrough() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxNetExposure.strategy.mm", "1000"));
            state.pnl(PnlView.Scope.STRATEGY, "mm", 0, of(900), of(900));
            state.strategyPosition(MM, BTC, of(9));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(2)), RejectReason.MAX_NET_EXPOSURE,
                    "strategy:mm");
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(2)));
            accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(2)));
        }
    }

    @Nested
    class Losses {

        @Test
        void aScopeOverItsMaxLossIsHaltedForNewOrders() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxLoss.account.ACC1", "100"));
            state.pnl(PnlView.Scope.ACCOUNT, "ACC1", -of(101), 0, 0);
            state.accountPosition(ACC, BTC, of(5));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_LOSS, "account:ACC1",
                    "no new orders");
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(1)), RejectReason.MAX_LOSS);
            accepted(order(risk, MM, OTHER_ACC, VENUE, BTC, Side.BUY, of(1)));
        }

        @Test
        void withLossActionReducingOnlyReducingOrdersPass() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxLoss", "100", "lossAction", "REDUCING"));
            state.pnl(PnlView.Scope.DESK, "*", -of(150), 0, 0);
            f.position(BTC, Side.BUY, of(5), of(100));

            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_LOSS, "desk",
                    "only orders that reduce");
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(5)));
        }

        @Test
        void theDailyLossCountsFromTheStartOfTheTradingDay() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxDailyLoss.strategy.mm", "100",
                    "tradingDayStart", "08:00", "tradingDayZone", "UTC"));
            now = java.time.Instant.parse("2026-12-07T09:00:00Z").getEpochSecond() * SECOND;
            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(500), 0, 0); // lost yesterday
            risk.review(state, now); // baseline -500

            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(550), 0, 0);
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(601), 0, 0);
            rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MAX_LOSS, "maxDailyLoss",
                    "-101");

            now = java.time.Instant.parse("2026-12-08T08:00:00Z").getEpochSecond() * SECOND; // a new day
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
        }
    }

    @Nested
    class MessageRates {

        @Test
        void aVenuesMessagesCountNewReplaceAndCancel() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxMessagesPerSecond.venue.sim", "3"));
            OrderView resting = f.resting(MM, ACC, VENUE, BTC, Side.BUY, of(90), of(1));
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
            accepted(check(risk, new ReplaceOrder(MM, resting.clientOrderId(), of(91), of(1))));
            accepted(check(risk, new CancelOrder(MM, resting.clientOrderId())));

            rejected(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.MESSAGE_RATE, "venue:sim",
                    "3 messages");
            rejected(check(risk, new CancelOrder(MM, resting.clientOrderId())), RejectReason.MESSAGE_RATE);
            accepted(order(risk, ARB, ACC, OTHER_VENUE, BTC, Side.BUY, of(1)));
            now += SECOND;
            accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(1)));
        }

        @Test
        void aStrategysMessagesOnEveryVenue() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxMessagesPerSecond.strategy.*", "2"));
            accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
            accepted(order(risk, MM, ACC, OTHER_VENUE, BTC, Side.BUY, of(1)));

            rejected(order(risk, MM, ACC, VENUE, ETH, Side.BUY, of(1)), RejectReason.MESSAGE_RATE, "strategy:mm");
            accepted(order(risk, ARB, ACC, VENUE, ETH, Side.BUY, of(1)));
        }
    }

    @Test
    void theSameOrderAgainWithinTheDuplicateWindowIsRefused() {
        RiskStageComponent risk = new RiskStageComponent(loose("duplicateWindowMs", "500"));
        accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));

        now += 100_000_000L;
        rejected(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)), RejectReason.DUPLICATE_ORDER, "100 ms ago");
        accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(2)));
        accepted(order(risk, MM, ACC, VENUE, BTC, Side.SELL, of(1)));
        accepted(order(risk, ARB, ACC, VENUE, BTC, Side.BUY, of(1)));

        now += 500_000_000L;
        accepted(order(risk, MM, ACC, VENUE, BTC, Side.BUY, of(1)));
    }
}
