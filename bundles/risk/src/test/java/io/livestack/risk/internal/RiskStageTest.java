package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.api.model.Fixed.parse;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.ETH;
import static io.livestack.risk.internal.RiskFixture.OTHER_VENUE;
import static io.livestack.risk.internal.RiskFixture.SECOND;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.cancel;
import static io.livestack.risk.internal.RiskFixture.loose;
import static io.livestack.risk.internal.RiskFixture.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.intent.Intent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.Side;
import io.livestack.api.intent.ReplaceOrder;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.OrderView;
import org.assertj.core.api.AbstractObjectAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per rejection reason, with an accept case at each boundary. */
class RiskStageTest {

    private final RiskFixture f = new RiskFixture();
    private long now = 1_000 * SECOND;

    @BeforeEach
    void market() {
        f.book(VENUE, BTC, of(99), of(101)); // mid 100
    }

    private RiskDecision check(RiskStageComponent risk, Intent intent) {
        return risk.check(intent, f.state, now);
    }

    private static void accepted(RiskDecision decision) {
        assertThat(decision.accepted()).as("accepted, got %s", decision).isTrue();
        assertThat(decision).isSameAs(RiskDecision.ACCEPT);
    }

    private static AbstractObjectAssert<?, RiskDecision> rejected(RiskDecision decision, RejectReason reason) {
        assertThat(decision.accepted()).as("rejected, got %s", decision).isFalse();
        assertThat(decision.reason()).isEqualTo(reason);
        assertThat(decision.customCheck()).as("a built-in rule names no custom check").isNull();
        return assertThat(decision);
    }

    @Nested
    class BasicValues {
        private final RiskStageComponent risk = new RiskStageComponent(loose());

        @Test
        void rejectsNonPositiveQuantity() {
            rejected(check(risk, f.limit(Side.BUY, of(100), 0)), RejectReason.INVALID_QUANTITY)
                    .extracting(RiskDecision::detail).asString().contains("quantity 0");
            rejected(check(risk, f.limit(Side.BUY, of(100), -1)), RejectReason.INVALID_QUANTITY);
        }

        @Test
        void acceptsTheSmallestPositiveQuantity() {
            accepted(check(risk, f.limit(Side.BUY, of(100), 1)));
        }

        @Test
        void rejectsNonPositiveLimitPrice() {
            rejected(check(risk, f.limit(Side.BUY, 0, of(1))), RejectReason.INVALID_PRICE);
        }

        @Test
        void ignoresThePriceOfAMarketOrder() {
            accepted(check(risk, f.market(Side.BUY, of(1))));
        }
    }

    @Nested
    class MaxOrderQuantity {
        private final RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "5",
                "maxOrderQuantity.ETH-USD", "0.5"));

        @Test
        void rejectsOrderAboveMaxOrderQuantity() {
            rejected(check(risk, f.limit(Side.BUY, of(100), of(5) + 1)), RejectReason.MAX_ORDER_QUANTITY)
                    .extracting(RiskDecision::detail).asString()
                    .contains("quantity 5.00000001", "max order quantity 5", "BTC-USD");
        }

        @Test
        void acceptsOrderAtMaxOrderQuantity() {
            accepted(check(risk, f.limit(Side.BUY, of(100), of(5))));
        }

        @Test
        void appliesThePerInstrumentOverride() {
            f.book(VENUE, ETH, of(9), of(11));
            accepted(check(risk, f.limit(VENUE, ETH, Side.BUY, of(10), parse("0.5"))));
            rejected(check(risk, f.limit(VENUE, ETH, Side.BUY, of(10), parse("0.6"))),
                    RejectReason.MAX_ORDER_QUANTITY).extracting(RiskDecision::detail).asString()
                    .contains("max order quantity 0.5", "ETH-USD");
        }
    }

    @Nested
    class MaxOrderNotional {
        private final RiskStageComponent risk = new RiskStageComponent(loose("maxOrderNotional", "1000"));

        @Test
        void rejectsOrderAboveMaxNotional() {
            rejected(check(risk, f.limit(Side.BUY, parse("100.01"), of(10))), RejectReason.MAX_ORDER_NOTIONAL)
                    .extracting(RiskDecision::detail).asString()
                    .contains("notional 1000.1", "10 x 100.01", "max order notional 1000");
        }

        @Test
        void acceptsOrderAtMaxNotional() {
            accepted(check(risk, f.limit(Side.BUY, of(100), of(10))));
        }

        @Test
        void valuesMarketOrdersAtTheReferencePrice() {
            accepted(check(risk, f.market(Side.SELL, of(10))));
            rejected(check(risk, f.market(Side.SELL, of(10) + 1)), RejectReason.MAX_ORDER_NOTIONAL);
        }
    }

    @Nested
    class ReferencePrice {

        @Test
        void rejectsMarketOrderWithoutReferencePrice() {
            RiskStageComponent risk = new RiskStageComponent(loose());
            rejected(check(risk, new io.livestack.api.intent.SubmitOrder(RiskFixture.STRATEGY, ClientOrderId.of("M"),
                    VENUE, ETH, Side.BUY, OrderType.MARKET, io.livestack.api.model.TimeInForce.IOC, 0, of(1))),
                    RejectReason.NO_REFERENCE_PRICE).extracting(RiskDecision::detail).asString()
                    .contains("market order for ETH-USD");
        }

        @Test
        void acceptsLimitOrderWithoutReferenceByDefault() {
            RiskStageComponent risk = new RiskStageComponent(loose());
            accepted(check(risk, f.limit(VENUE, ETH, Side.BUY, of(10), of(1))));
        }

        @Test
        void rejectsLimitOrderWithoutReferenceWhenConfigured() {
            RiskStageComponent risk = new RiskStageComponent(loose("limitOrdersRequireReference", "true"));
            rejected(check(risk, f.limit(VENUE, ETH, Side.BUY, of(10), of(1))), RejectReason.NO_REFERENCE_PRICE);
        }

        @Test
        void fallsBackToLastTradeThenToTheMarkOfAnotherVenue() {
            f.trade(VENUE, ETH, of(50));
            assertThat(Prices.referencePrice(f.state, VENUE, ETH)).isEqualTo(of(50));
            assertThat(Prices.referencePrice(f.state, OTHER_VENUE, ETH)).isEqualTo(of(50));
            f.book(OTHER_VENUE, ETH, of(59), of(61));
            assertThat(Prices.referencePrice(f.state, OTHER_VENUE, ETH)).isEqualTo(of(60));
            assertThat(Prices.referencePrice(f.state, VENUE, ETH)).as("own venue's last trade first")
                    .isEqualTo(of(50));
        }
    }

    @Nested
    class PriceBand {
        private final RiskStageComponent risk = new RiskStageComponent(loose("priceBandBps", "100",
                "priceBandBps.ETH-USD", "10"));

        @Test
        void rejectsLimitPriceAboveTheBand() {
            rejected(check(risk, f.limit(Side.BUY, of(101) + 1, of(1))), RejectReason.PRICE_BAND)
                    .extracting(RiskDecision::detail).asString()
                    .contains("limit price 101.00000001", "deviates 100", "reference 100", "band 100 bps");
        }

        @Test
        void rejectsLimitPriceBelowTheBand() {
            rejected(check(risk, f.limit(Side.SELL, of(99) - 1, of(1))), RejectReason.PRICE_BAND);
        }

        @Test
        void acceptsLimitPriceAtTheBandEdge() {
            accepted(check(risk, f.limit(Side.BUY, of(101), of(1))));
            accepted(check(risk, f.limit(Side.SELL, of(99), of(1))));
        }

        @Test
        void appliesThePerInstrumentBand() {
            f.book(VENUE, ETH, of(999), of(1001)); // mid 1000, band 10 bps = 1
            accepted(check(risk, f.limit(VENUE, ETH, Side.BUY, of(1001), of(1))));
            rejected(check(risk, f.limit(VENUE, ETH, Side.BUY, parse("1001.01"), of(1))), RejectReason.PRICE_BAND);
        }

        @Test
        void outsideBandIsExactForHugeValues() {
            long reference = 1L << 60; // price twice the reference: exactly 10000 bps away
            assertThat(Prices.outsideBand(reference * 2, reference, 10_000)).isFalse();
            assertThat(Prices.outsideBand(reference * 2, reference, 9_999)).isTrue();
            assertThat(Prices.outsideBand(reference * 2 + 1, reference, 10_000)).isTrue();
        }
    }

    @Nested
    class MaxPosition {
        private final RiskStageComponent risk = new RiskStageComponent(loose("maxPosition", "10"));

        @Test
        void rejectsOrderThatWouldExceedMaxPosition() {
            f.position(BTC, Side.BUY, of(8), of(100));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(3))), RejectReason.MAX_POSITION)
                    .extracting(RiskDecision::detail).asString()
                    .contains("projected position 11", "net 8", "this order BUY 3", "max position 10");
        }

        @Test
        void acceptsOrderReachingMaxPositionExactly() {
            f.position(BTC, Side.BUY, of(8), of(100));
            accepted(check(risk, f.limit(Side.BUY, of(100), of(2))));
        }

        @Test
        void countsOpenOrdersOnTheSameSide() {
            f.position(BTC, Side.SELL, of(4), of(100));
            f.resting(VENUE, BTC, Side.SELL, of(101), of(5));
            f.resting(OTHER_VENUE, BTC, Side.BUY, of(90), of(50)); // opposite side: not counted
            accepted(check(risk, f.limit(Side.SELL, of(100), of(1))));
            rejected(check(risk, f.limit(Side.SELL, of(100), of(2))), RejectReason.MAX_POSITION)
                    .extracting(RiskDecision::detail).asString().contains("open same side 5");
        }

        @Test
        void ignoresOpenOrdersWhenConfiguredNotToCountThem() {
            RiskStageComponent netOnly = new RiskStageComponent(loose("maxPosition", "10",
                    "countOpenOrdersInPosition", "false"));
            f.resting(VENUE, BTC, Side.BUY, of(90), of(10));
            accepted(check(netOnly, f.limit(Side.BUY, of(100), of(10))));
        }

        @Test
        void alwaysAcceptsAnOrderThatReducesTheExposure() {
            f.position(BTC, Side.BUY, of(30), of(100)); // already above the limit (e.g. limit lowered live)
            accepted(check(risk, f.limit(Side.SELL, of(100), of(5))));
        }

        @Test
        void rejectsAFlipBeyondTheLimit() {
            f.position(BTC, Side.BUY, of(5), of(100));
            accepted(check(risk, f.limit(Side.SELL, of(100), of(15))));
            rejected(check(risk, f.limit(Side.SELL, of(100), of(16))), RejectReason.MAX_POSITION);
        }

        @Test
        void replaceCountsOnlyTheNewLeavesOfTheOrder() {
            OrderView order = f.resting(VENUE, BTC, Side.BUY, of(99), of(8));
            accepted(check(risk, replace(order, of(99), of(10))));
            rejected(check(risk, replace(order, of(99), of(11))), RejectReason.MAX_POSITION);
        }
    }

    @Nested
    class MaxOpenOrders {
        private final RiskStageComponent risk = new RiskStageComponent(loose("maxOpenOrders", "2"));

        @Test
        void rejectsWhenMaxOpenOrdersReached() {
            f.resting(VENUE, ETH, Side.BUY, of(1), of(1));
            f.resting(VENUE, ETH, Side.BUY, of(1), of(1));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.MAX_OPEN_ORDERS)
                    .extracting(RiskDecision::detail).asString().contains("2 open orders, limit 2");
        }

        @Test
        void acceptsBelowMaxOpenOrders() {
            f.resting(VENUE, ETH, Side.BUY, of(1), of(1));
            accepted(check(risk, f.limit(Side.BUY, of(100), of(1))));
        }

        @Test
        void aReplaceDoesNotOpenAnotherOrder() {
            OrderView order = f.resting(VENUE, BTC, Side.BUY, of(99), of(1));
            f.resting(VENUE, ETH, Side.BUY, of(1), of(1));
            accepted(check(risk, replace(order, of(98), of(1))));
        }
    }

    @Nested
    class SelfCross {
        private final RiskStageComponent risk = new RiskStageComponent(loose());

        @Test
        void rejectsBuyAtOrAboveOurRestingSell() {
            OrderView sell = f.resting(VENUE, BTC, Side.SELL, of(100), of(1));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.SELF_CROSS)
                    .extracting(RiskDecision::detail).asString()
                    .contains("BUY 100 would cross our resting SELL 100 order " + sell.clientOrderId());
            rejected(check(risk, f.limit(Side.BUY, parse("100.5"), of(1))), RejectReason.SELF_CROSS);
        }

        @Test
        void acceptsBuyBelowOurRestingSell() {
            f.resting(VENUE, BTC, Side.SELL, of(100), of(1));
            accepted(check(risk, f.limit(Side.BUY, of(100) - 1, of(1))));
        }

        @Test
        void rejectsSellAtOrBelowOurRestingBuy() {
            f.resting(VENUE, BTC, Side.BUY, of(100), of(1));
            rejected(check(risk, f.limit(Side.SELL, of(100), of(1))), RejectReason.SELF_CROSS);
            accepted(check(risk, f.limit(Side.SELL, of(100) + 1, of(1))));
        }

        @Test
        void ignoresOrdersAtOtherVenuesAndOnTheSameSide() {
            f.resting(OTHER_VENUE, BTC, Side.SELL, of(99), of(1));
            f.resting(VENUE, BTC, Side.BUY, of(100), of(1));
            accepted(check(risk, f.limit(Side.BUY, of(100), of(1))));
        }

        @Test
        void aMarketOrderCrossesAnyRestingOrderOfTheOtherSide() {
            f.resting(VENUE, BTC, Side.SELL, of(101), of(1));
            rejected(check(risk, f.market(Side.BUY, of(1))), RejectReason.SELF_CROSS);
        }

        @Test
        void aPendingReplacePriceCounts() {
            f.resting(VENUE, BTC, Side.SELL, OrderType.LIMIT, of(101), of(1), OrderStatus.PENDING_REPLACE, of(99));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.SELF_CROSS);
        }

        @Test
        void aReplaceIsNotCheckedAgainstItself() {
            OrderView buy = f.resting(VENUE, BTC, Side.BUY, of(99), of(1));
            accepted(check(risk, replace(buy, of(100), of(1))));
        }

        @Test
        void canBeSwitchedOff() {
            RiskStageComponent off = new RiskStageComponent(loose("selfCrossCheck", "false"));
            f.resting(VENUE, BTC, Side.SELL, of(100), of(1));
            accepted(check(off, f.limit(Side.BUY, of(100), of(1))));
        }
    }

    @Nested
    class Throttles {

        @Test
        void rejectsOrdersAboveTheRateAndAcceptsOnceTheWindowMoves() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrdersPerSecond", "3"));
            long start = now;
            for (int i = 0; i < 3; i++) {
                now = start + i * 100_000_000L;
                accepted(check(risk, f.limit(Side.BUY, of(100), of(1))));
            }
            now = start + 999_999_999L;
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.ORDER_RATE)
                    .extracting(RiskDecision::detail).asString().contains("3 orders in the last second, limit 3");
            now = start + SECOND; // the first one left the window
            accepted(check(risk, f.limit(Side.BUY, of(100), of(1))));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.ORDER_RATE);
        }

        @Test
        void replacesCountAgainstTheOrderRate() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrdersPerSecond", "1"));
            OrderView order = f.resting(VENUE, BTC, Side.BUY, of(99), of(1));
            accepted(check(risk, replace(order, of(98), of(1))));
            rejected(check(risk, f.limit(Side.BUY, of(98), of(1))), RejectReason.ORDER_RATE);
        }

        @Test
        void rejectedOrdersDoNotUseUpTheRate() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrdersPerSecond", "1", "maxOrderQuantity", "1"));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(2))), RejectReason.MAX_ORDER_QUANTITY);
            accepted(check(risk, f.limit(Side.BUY, of(100), of(1))));
        }

        @Test
        void rejectsCancelsAboveTheCancelRate() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxCancelsPerSecond", "2",
                    "maxOrdersPerSecond", "1"));
            OrderView order = f.resting(VENUE, BTC, Side.BUY, of(99), of(1));
            accepted(check(risk, cancel(order)));
            accepted(check(risk, cancel(order)));
            rejected(check(risk, cancel(order)), RejectReason.CANCEL_RATE)
                    .extracting(RiskDecision::detail).asString().contains("2 cancels", "limit 2");
            accepted(check(risk, f.limit(Side.BUY, of(99), of(1)))); // independent windows
            now += SECOND;
            accepted(check(risk, cancel(order)));
        }

        @Test
        void aZeroRateAllowsNothing() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrdersPerSecond", "0"));
            rejected(check(risk, f.limit(Side.BUY, of(100), of(1))), RejectReason.ORDER_RATE);
        }
    }

    @Nested
    class Replace {
        private final RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity", "5"));

        @Test
        void leavesAReplaceOfAnUnknownOrderToExecutionControl() {
            // whether the order exists is execution control's rule (UNKNOWN_ORDER there), not a risk limit
            accepted(check(risk, new ReplaceOrder(RiskFixture.STRATEGY, ClientOrderId.of("nope"), of(1), of(99))));
            assertThat(risk.limits()).filteredOn(u -> u.key().equals("maxOrdersPerSecond"))
                    .extracting(u -> u.usage()).containsExactly("0 in window");
        }

        @Test
        void leavesAReplaceOfAClosedOrderToExecutionControl() {
            // ORDER_NOT_OPEN is execution control's rule
            OrderView done = f.resting(VENUE, BTC, Side.BUY, OrderType.LIMIT, of(99), of(1), OrderStatus.FILLED, 0);
            accepted(check(risk, replace(done, of(99), of(99))));
        }

        @Test
        void checksTheNewValues() {
            OrderView order = f.resting(VENUE, BTC, Side.BUY, of(99), of(1));
            accepted(check(risk, replace(order, of(99), of(5))));
            rejected(check(risk, replace(order, of(99), of(6))), RejectReason.MAX_ORDER_QUANTITY);
            rejected(check(risk, replace(order, 0, of(1))), RejectReason.INVALID_PRICE);
            rejected(check(risk, replace(order, of(99), 0)), RejectReason.INVALID_QUANTITY);
            rejected(check(risk, replace(order, of(200), of(1))), RejectReason.PRICE_BAND);
        }
    }
}
