package io.livestack.risk.internal;

import static io.livestack.api.model.Fixed.of;
import static io.livestack.risk.internal.RiskFixture.BTC;
import static io.livestack.risk.internal.RiskFixture.SECOND;
import static io.livestack.risk.internal.RiskFixture.VENUE;
import static io.livestack.risk.internal.RiskFixture.loose;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskAction;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.state.PnlView;
import io.livestack.api.telemetry.Health;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The throttle and the loss limits after the fact, the windows through a snapshot, health and usage. */
class PostTradeTest {

    static final StrategyId MM = StrategyId.of("mm");
    static final StrategyId ARB = StrategyId.of("arb");
    static final AccountId ACC = AccountId.of("ACC1");

    private final RiskFixture f = new RiskFixture();
    private final ScopedState state = new ScopedState(f.state);
    private long now = 1_000 * SECOND;

    @BeforeEach
    void market() {
        f.book(VENUE, BTC, of(99), of(101));
    }

    /** A review a second later (a full one: every scope's P&L). */
    private List<RiskAction> later(RiskStageComponent risk) {
        now += SECOND;
        return risk.review(state, now);
    }

    private void fills(RiskStageComponent risk, StrategyId strategy, int n) {
        for (int i = 0; i < n; i++) {
            now += 10_000_000L;
            risk.onFill(f.fill(strategy, now), now);
        }
    }

    @Nested
    class RepeatedExecutionThrottle {

        private final RiskStageComponent risk = new RiskStageComponent(loose("maxFillsPerWindow.strategy.mm", "3",
                "fillWindowMs", "1000"));

        @Test
        void moreFillsThanTheLimitWithinTheWindowDisableTheStrategyOnce() {
            fills(risk, MM, 3);
            assertThat(risk.review(state, now)).isEmpty();

            fills(risk, MM, 1);
            List<RiskAction> actions = risk.review(state, now);

            assertThat(actions).singleElement().satisfies(a -> {
                assertThat(a.scope()).isEqualTo(TradingScope.strategy(MM));
                assertThat(a.state()).isEqualTo(TradingState.HALTED);
                assertThat(a.limit()).isEqualTo("maxFillsPerWindow");
                assertThat(a.detail()).contains("4 fills within 1000 ms, limit 3");
            });
            assertThat(risk.review(state, now)).as("once per breach").isEmpty();
        }

        @Test
        void afterAReEnableItFiresAgainOnlyAfterMoreThanTheLimitOfNewFills() {
            fills(risk, MM, 4);
            assertThat(risk.review(state, now)).hasSize(1);
            // the operator re-enables the strategy; its fills go on within the same second

            fills(risk, MM, 3);
            assertThat(risk.review(state, now)).as("3 new fills: within the limit").isEmpty();
            fills(risk, MM, 1);
            assertThat(risk.review(state, now)).hasSize(1);
        }

        @Test
        void fillsOutsideTheWindowDoNotCount() {
            fills(risk, MM, 3);
            now += SECOND;
            fills(risk, MM, 3);
            assertThat(risk.review(state, now)).isEmpty();
        }

        @Test
        void eachStrategyIsCountedOnItsOwnAndOnlyWhereALimitApplies() {
            fills(risk, ARB, 10);
            assertThat(risk.review(state, now)).isEmpty();

            RiskStageComponent desk = new RiskStageComponent(loose("maxFillsPerWindow", "2"));
            fills(desk, ARB, 2);
            fills(desk, MM, 2);
            assertThat(desk.review(state, now)).isEmpty();
            fills(desk, ARB, 1);
            assertThat(desk.review(state, now)).extracting(RiskAction::scope)
                    .containsExactly(TradingScope.strategy(ARB));
        }
    }

    @Nested
    class LossLimits {

        @Test
        void aBrokenLossLimitAsksForTheLossActionOnceWhileItLasts() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxLoss.strategy.mm", "100"));
            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(50), 0, 0);
            assertThat(later(risk)).isEmpty();

            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(150), 0, 0);
            assertThat(later(risk)).singleElement().satisfies(a -> {
                assertThat(a.scope()).isEqualTo(TradingScope.strategy(MM));
                assertThat(a.state()).isEqualTo(TradingState.HALTED);
                assertThat(a.limit()).isEqualTo("maxLoss");
                assertThat(a.detail()).contains("-150", "strategy:mm");
            });
            assertThat(later(risk)).as("latched").isEmpty();

            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(90), 0, 0); // back within: the latch goes
            assertThat(later(risk)).isEmpty();
            state.pnl(PnlView.Scope.STRATEGY, "mm", -of(120), 0, 0);
            assertThat(later(risk)).hasSize(1);
        }

        @Test
        void theDeskAndAnAccountWithLossActionReducing() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxLoss", "1000", "maxDailyLoss.account.*",
                    "100", "lossAction", "REDUCING"));
            later(risk); // the day's baselines: all zero
            state.pnl(PnlView.Scope.DESK, "*", -of(1001), 0, 0);
            state.pnl(PnlView.Scope.ACCOUNT, "ACC1", -of(101), 0, 0);

            assertThat(later(risk)).extracting(RiskAction::scope, RiskAction::state, RiskAction::limit)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(TradingScope.GLOBAL, TradingState.REDUCING, "maxLoss"),
                            org.assertj.core.groups.Tuple.tuple(TradingScope.account(ACC), TradingState.REDUCING,
                                    "maxDailyLoss"));
        }
    }

    @Test
    void aFillLooksAtItsStrategysLossAtOnceAndAPriceMoveWithinASecond() {
        RiskStageComponent risk = new RiskStageComponent(loose("maxLoss.strategy.*", "100"));
        assertThat(risk.review(state, now)).isEmpty(); // a full review
        state.pnl(PnlView.Scope.STRATEGY, "mm", -of(150), 0, 0);
        state.pnl(PnlView.Scope.STRATEGY, "arb", -of(150), 0, 0);

        risk.onFill(f.fill(MM, now), now);
        assertThat(risk.review(state, now)).as("the fill's strategy at once").extracting(RiskAction::scope)
                .containsExactly(TradingScope.strategy(MM));
        assertThat(later(risk)).as("the others at the next full review").extracting(RiskAction::scope)
                .containsExactly(TradingScope.strategy(ARB));
    }

    @Test
    void aSnapshotKeepsTheWindowsBaselinesAndLatches() {
        var config = loose("maxFillsPerWindow.strategy.mm", "3", "maxMessagesPerSecond.strategy.mm", "2",
                "duplicateWindowMs", "5000", "maxLoss.account.ACC9", "100", "maxDailyLoss.strategy.arb", "10",
                "priceCollarBps", "100", "priceCollarWindowMs", "60000", "priceBandBps", "5000");
        RiskStageComponent before = new RiskStageComponent(config);
        state.pnl(PnlView.Scope.STRATEGY, "arb", -of(500), 0, 0);
        later(before); // baseline of arb: -500
        state.pnl(PnlView.Scope.ACCOUNT, "ACC9", -of(150), 0, 0);
        assertThat(later(before)).hasSize(1); // maxLoss latched
        fills(before, MM, 3);
        assertThat(before.check(f.order(MM, ACC, VENUE, BTC, Side.BUY, of(100), of(1)), state, now).accepted())
                .isTrue(); // a message, a duplicate candidate, a collar sample at 100

        RiskSnapshot snapshot = before.snapshot();
        assertThat(snapshot.windows()).containsKeys("fills.strategy mm", "messages.strategy mm",
                "duplicate mm BTC-USD", "collar.min sim BTC-USD", "collar.max sim BTC-USD");
        assertThat(snapshot.values()).containsKeys("day.start", "baseline STRATEGY arb", "latch maxLoss ACCOUNT ACC9");

        RiskStageComponent after = new RiskStageComponent(config);
        after.restore(snapshot);
        assertThat(after.snapshot()).isEqualTo(snapshot);

        now += 100_000_000L;
        assertThat(after.check(f.order(MM, ACC, VENUE, BTC, Side.BUY, of(100), of(1)), state, now).reason())
                .as("the duplicate window came back").isEqualTo(RejectReason.DUPLICATE_ORDER);
        f.book(VENUE, BTC, of(119), of(121));
        assertThat(after.check(f.order(MM, ACC, VENUE, BTC, Side.BUY, of(98), of(2)), state, now).reason())
                .as("the collar's samples came back: 100 and 120").isEqualTo(RejectReason.PRICE_COLLAR);
        assertThat(after.review(state, now)).as("the latch came back: no second action").isEmpty();
        fills(after, MM, 1);
        assertThat(after.review(state, now)).as("the fill window came back").extracting(RiskAction::limit)
                .containsExactly("maxFillsPerWindow");
        state.pnl(PnlView.Scope.STRATEGY, "arb", -of(511), 0, 0);
        assertThat(later(after)).as("the baseline came back: -11 today").extracting(RiskAction::limit)
                .containsExactly("maxDailyLoss");
    }

    @Nested
    class HealthAndUsage {

        @Test
        void aBreachDegradesTheHealthNamingTheLimitForAMinute() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxOrderQuantity.strategy.mm", "1"));
            assertThat(risk.name()).isEqualTo("risk");
            assertThat(risk.health().status()).isEqualTo(Health.Status.UP);

            risk.check(f.order(MM, ACC, VENUE, BTC, Side.BUY, of(100), of(2)), state, now);
            Health h = risk.health();
            assertThat(h.status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(h.detail()).contains("maxOrderQuantity", "strategy:mm");

            now += 59 * SECOND;
            risk.review(state, now);
            assertThat(risk.health().status()).isEqualTo(Health.Status.DEGRADED);
            now += SECOND;
            risk.review(state, now);
            assertThat(risk.health().status()).isEqualTo(Health.Status.UP);
        }

        @Test
        void aLatchedLossLimitKeepsTheHealthDegraded() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxLoss", "10"));
            state.pnl(PnlView.Scope.DESK, "*", -of(20), 0, 0);
            risk.review(state, now);
            now += 120 * SECOND;
            risk.review(state, now);

            assertThat(risk.health().status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(risk.health().detail()).contains("maxLoss");
        }

        @Test
        void usageIsListedPerLimitAndScopeWithUtilizationAndBreaches() {
            RiskStageComponent risk = new RiskStageComponent(loose("maxGrossExposure.strategy.mm", "1000",
                    "maxLoss.account.*", "200", "maxOpenOrders.venue.sim", "4", "maxFillsPerWindow.strategy.mm",
                    "10", "maxMessagesPerSecond.venue.sim", "10"));
            state.pnl(PnlView.Scope.STRATEGY, "mm", 0, of(250), of(250));
            state.pnl(PnlView.Scope.ACCOUNT, "ACC1", -of(50), 0, 0);
            f.resting(MM, ACC, VENUE, BTC, Side.BUY, of(90), of(1));
            fills(risk, MM, 5);
            risk.check(f.order(MM, ACC, VENUE, BTC, Side.BUY, of(100), of(1)), state, now);
            risk.review(state, now);

            List<LimitUsage> usage = risk.limits();
            assertThat(row(usage, "maxGrossExposure", "strategy:mm").utilization()).isEqualTo(0.25);
            assertThat(row(usage, "maxLoss", "account:*").usage()).isEqualTo("account:ACC1: loss 50");
            assertThat(row(usage, "maxLoss", "account:*").utilization()).isEqualTo(0.25);
            assertThat(row(usage, "maxOpenOrders", "venue:sim").utilization()).isEqualTo(0.25);
            assertThat(row(usage, "maxFillsPerWindow", "strategy:mm").utilization()).isEqualTo(0.5);
            assertThat(row(usage, "maxMessagesPerSecond", "venue:sim").usage()).isEqualTo("1 in window");
            assertThat(usage).noneMatch(LimitUsage::breached);

            state.pnl(PnlView.Scope.ACCOUNT, "ACC1", -of(250), 0, 0);
            now += SECOND;
            risk.review(state, now);
            assertThat(row(risk.limits(), "maxLoss", "account:*").breached()).isTrue();
        }

        private LimitUsage row(List<LimitUsage> usage, String key, String scope) {
            return usage.stream().filter(u -> u.key().equals(key) && u.scope().equals(scope)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + key + " at " + scope + " in " + usage));
        }
    }
}
