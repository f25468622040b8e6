package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecId;
import io.livestack.api.model.LiquidityFlag;
import io.livestack.api.model.Side;
import io.livestack.api.model.VenueOrderId;
import io.livestack.testkit.TestEvents;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.risk.RiskAction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The risk stage after the fact: fills to it, its reviews, its actions applied as audited trading states. */
class PostTradeRiskTest {

    /** A BTC buy fill of 1 at 10 of order A. */
    private static ExecutionReport trade(String execId) {
        return new ExecutionReport(SIM, 0, ClientOrderId.of("A"), null, VenueOrderId.of("VA"), ExecId.of(execId),
                ExecType.TRADE, OrderStatus.PARTIALLY_FILLED, TestEvents.BTC, Side.BUY, 100, 10, 1, 10, 1, 99, 10,
                LiquidityFlag.UNKNOWN, 0, null, "", false);
    }

    @Test
    void everyBookedFillGoesToRiskAndAReviewFollowsTheEvent() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.execution.bookFills = true;
            chain.publish(trade("E1"));
            chain.step();
            int reviews = chain.risk.reviews.size();

            chain.publish(trade("E2"));
            chain.step();

            assertThat(chain.risk.fills).extracting(f -> f.execId().value()).containsExactly("E1", "E2");
            assertThat(chain.risk.reviews).hasSize(reviews + 1);
        }
    }

    @Test
    void anEventWithoutFillsWithinTheSecondAsksForNoReview() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.step();
            int reviews = chain.risk.reviews.size();

            chain.publish(report(SIM, "A", "E1", ExecType.NEW, OrderStatus.NEW));
            chain.step();

            assertThat(chain.risk.fills).isEmpty();
            assertThat(chain.risk.reviews).hasSize(reviews);
        }
    }

    @Test
    void aRiskActionIsAppliedAsATradingStateChangeRecordedUnderTheRiskUser() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.execution.bookFills = true;
            chain.risk.nextActions.add(new RiskAction(TradingScope.strategy(StrategyId.of("mm")),
                    TradingState.HALTED, "maxFillsPerWindow", "4 fills within 1000 ms, limit 3"));

            chain.publish(trade("E1"));
            chain.step();

            assertThat(chain.execution.commands).contains(new Command.SetTradingState(
                    TradingScope.strategy(StrategyId.of("mm")), TradingState.HALTED));
            assertThat(chain.sink.of(OperatorActionRecord.class)).anySatisfy(r -> {
                assertThat(r.user()).isEqualTo(RiskAction.USER);
                assertThat(r.action()).isEqualTo("trading-state");
                assertThat(r.target()).isEqualTo("strategy:mm=HALTED");
                assertThat(r.outcome()).contains("maxFillsPerWindow: 4 fills within 1000 ms");
            });
        }
    }

    @Test
    void withoutFillsRiskReviewsAtMostOnceASecondOfEventTimeAndAddsNoEvents() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.step();
            chain.clock.advance(Duration.ofSeconds(1));
            chain.publish(TestEvents.trade(SIM, TestEvents.BTC, 1, 100, 1, null));
            chain.step();
            int reviews = chain.risk.reviews.size();
            assertThat(reviews).as("the first events are reviewed").isPositive();

            chain.clock.advance(Duration.ofMillis(500));
            chain.publish(TestEvents.trade(SIM, TestEvents.BTC, 2, 100, 1, null));
            chain.step();
            assertThat(chain.risk.reviews).as("half a second later: none").hasSize(reviews);

            chain.clock.advance(Duration.ofMillis(500));
            chain.publish(TestEvents.trade(SIM, TestEvents.BTC, 3, 100, 1, null));
            chain.step();
            assertThat(chain.risk.reviews).as("a second after the last").hasSize(reviews + 1);
            assertThat(chain.sequencer.timersPending()).as("no timer of its own").isZero();
        }
    }
}
