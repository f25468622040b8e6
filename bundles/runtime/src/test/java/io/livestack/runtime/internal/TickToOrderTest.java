package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.STRAT;
import static io.livestack.testkit.TestEvents.report;
import static io.livestack.testkit.TestEvents.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.livestack.api.event.ExecutionReport;
import io.livestack.api.event.MarketDataEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.CancelOrder;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.telemetry.MetricNames;
import io.livestack.testkit.TestEvents;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The tick-to-order timer: one sample per new order handed to a venue adapter while a market data event is
 * processed, measured on {@link System#nanoTime()} from that event's intake (the chain runs on a fake intake clock
 * here, as in a replay); nothing for orders caused by other events, for cancels, for refused orders, or without a
 * registry.
 */
class TickToOrderTest {

    private static Timer tickToOrder(MetricRegistry registry) {
        Timer t = registry.getTimers().get(MetricNames.TICK_TO_ORDER);
        assertThat(t).as("the tick-to-order timer is registered").isNotNull();
        return t;
    }

    @Test
    void anOrderCausedByMarketDataIsOneSampleAndOneCausedByAnExecutionReportIsNone() {
        MetricRegistry registry = new MetricRegistry();
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.assembly.tickToOrder().bindMetricRegistry(registry);
            chain.host.behaviour = (e, intents) -> {
                if (e.event() instanceof MarketDataEvent || e.event() instanceof ExecutionReport) {
                    intents.accept(submit(STRAT, SIM, BTC, 10, 5));
                }
            };

            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();
            assertThat(chain.sim.submitted).hasSize(1);
            assertThat(tickToOrder(registry).getCount()).isEqualTo(1);

            ClientOrderId first = chain.sim.submitted.get(0).clientOrderId();
            chain.publish(report(SIM, first.value(), "E1", ExecType.NEW, OrderStatus.NEW));
            chain.step();
            assertThat(chain.sim.submitted).as("the report caused an order too").hasSize(2);
            assertThat(tickToOrder(registry).getCount()).isEqualTo(1);
        }
    }

    @Test
    void theSampleRunsFromTheIntakeOfTheEventOnTheMonotonicClockNotTheIntakeClock() {
        MetricRegistry registry = new MetricRegistry();
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.assembly.tickToOrder().bindMetricRegistry(registry);
            chain.host.behaviour = (e, intents) -> {
                if (e.event() instanceof MarketDataEvent) {
                    intents.accept(submit(STRAT, SIM, BTC, 10, 5));
                }
            };
            // the chain takes no event while no state stage is bound: the tick waits in the queue a known time
            chain.binder.unbindState(chain.state);
            long before = System.nanoTime();
            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            long held = TimeUnit.MILLISECONDS.toNanos(50);
            while (System.nanoTime() - before < held) {
                LockSupport.parkNanos(held); // a delay to be measured, not a synchronisation
            }
            chain.clock.advance(Duration.ofHours(1)); // the intake clock jumps: it must not show in the sample
            chain.binder.bindState(chain.state);
            chain.step();
            long elapsed = System.nanoTime() - before;

            Timer t = tickToOrder(registry);
            assertThat(t.getCount()).isEqualTo(1);
            assertThat(t.getSnapshot().getMax()).as("queued time is part of tick-to-order")
                    .isBetween(held, elapsed);
        }
    }

    @Test
    void cancelsRefusedOrdersAndOrdersFromOtherEventsAreNotSampled() {
        MetricRegistry registry = new MetricRegistry();
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.assembly.tickToOrder().bindMetricRegistry(registry);
            chain.state.putOrder(TestEvents.order("OPEN-1", SIM, OrderStatus.NEW));
            chain.risk.decision = i -> i instanceof CancelOrder ? RiskDecision.ACCEPT
                    : RiskDecision.reject(RejectReason.MAX_ORDER_QUANTITY, "too big");
            chain.host.behaviour = (e, intents) -> {
                if (e.event() instanceof MarketDataEvent) {
                    intents.accept(new CancelOrder(STRAT, ClientOrderId.of("OPEN-1")));
                    intents.accept(submit(STRAT, SIM, BTC, 10, 5));
                } else if (e.event() instanceof TimerEvent t && t.owner().equals(TimerOwner.strategy(STRAT))) {
                    intents.accept(submit(STRAT, SIM, BTC, 10, 1));
                }
            };

            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();
            assertThat(chain.sim.cancels).hasSize(1);
            assertThat(chain.sim.submitted).isEmpty();

            chain.risk.decision = i -> RiskDecision.ACCEPT;
            chain.publish(new TimerEvent(0, TimerOwner.strategy(STRAT), 1));
            chain.step();
            assertThat(chain.sim.submitted).hasSize(1);

            assertThat(tickToOrder(registry).getCount()).isZero();
        }
    }

    @Test
    void theTimerLeavesTheRegistryWithItAndNothingIsMeasuredWithout() {
        MetricRegistry registry = new MetricRegistry();
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.host.behaviour = (e, intents) -> {
                if (e.event() instanceof MarketDataEvent) {
                    intents.accept(submit(STRAT, SIM, BTC, 10, 5));
                }
            };
            chain.publish(TestEvents.trade(SIM, BTC, 1, 100, 1, null));
            chain.step();
            assertThat(chain.sim.submitted).as("trading goes on without a registry").hasSize(1);

            chain.assembly.tickToOrder().bindMetricRegistry(registry);
            assertThat(tickToOrder(registry).getCount()).isZero();
            chain.assembly.tickToOrder().unbindMetricRegistry(registry);
            assertThat(registry.getTimers()).doesNotContainKey(MetricNames.TICK_TO_ORDER);

            chain.publish(TestEvents.trade(SIM, BTC, 2, 101, 1, null));
            chain.step();
            assertThat(chain.sim.submitted).hasSize(2);
            assertThat(registry.getTimers()).doesNotContainKey(MetricNames.TICK_TO_ORDER);
        }
    }
}
