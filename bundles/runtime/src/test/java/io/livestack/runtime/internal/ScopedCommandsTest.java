package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.TradingScope;
import io.livestack.api.record.OperatorActionRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.testkit.TestEvents;
import org.junit.jupiter.api.Test;

/** Kill and cancel-all of a scope reach execution control, are audited, and fail closed while it is away. */
class ScopedCommandsTest {

    private static final TradingScope ACC1 = TradingScope.account(AccountId.of("ACC1"));

    /** A working order at SIM of {@code account}. */
    private static OrderView order(String id, String account) {
        OrderView o = TestEvents.order(id, SIM, OrderStatus.NEW);
        return new OrderView(o.clientOrderId(), o.currentClientOrderId(), null, o.venueOrderId(), o.strategy(),
                o.venue(), o.instrument(), o.side(), o.type(), o.timeInForce(), o.price(), o.quantity(), 0, 0,
                o.status(), 0, 0, false, true, "", 1, 1, 0, 0, AccountId.of(account));
    }

    @Test
    void cancelAllGoesToExecutionControlAndIsAudited() {
        try (TestChain chain = new TestChain().bindAll()) {
            CommandResult r = chain.run(new Command.CancelAll(ACC1));

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(chain.execution.commands).containsExactly(new Command.CancelAll(ACC1));
            assertThat(chain.sink.of(OperatorActionRecord.class)).singleElement().satisfies(a -> {
                assertThat(a.user()).isEqualTo("tester");
                assertThat(a.action()).isEqualTo("cancel-all");
                assertThat(a.target()).isEqualTo("account:ACC1");
            });
        }
    }

    @Test
    void aScopedKillIsAuditedWithItsScope() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.run(new Command.Kill("limits", ACC1));

            assertThat(chain.execution.commands).containsExactly(new Command.Kill("limits", ACC1));
            assertThat(chain.sink.of(OperatorActionRecord.class)).singleElement()
                    .satisfies(a -> assertThat(a.target()).isEqualTo("account:ACC1: limits"));
        }
    }

    @Test
    void withoutExecutionAScopedKillCancelsOnlyItsScopeAndIsHandedOnWhenExecutionReturns() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.putOrder(order("O1", "ACC1"));
            chain.state.putOrder(order("O2", "ACC2"));
            chain.binder.unbindExecution(chain.execution);

            CommandResult r = chain.run(new Command.Kill("limits", ACC1));

            assertThat(r.message()).contains("1 of 1 open orders");
            assertThat(chain.sim.cancels).extracting(c -> c.order().clientOrderId())
                    .containsExactly(ClientOrderId.of("O1"));
            assertThat(chain.runtime.status().killSwitchEngaged()).as("not the desk's latch").isFalse();

            chain.binder.bindExecution(chain.execution);
            chain.step();
            assertThat(chain.execution.commands).containsExactly(new Command.Kill("limits", ACC1));
        }
    }

    @Test
    void withoutExecutionACancelAllCancelsItsScopeDirectly() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.state.putOrder(order("O1", "ACC1"));
            chain.state.putOrder(order("O2", "ACC2"));
            chain.binder.unbindExecution(chain.execution);

            CommandResult r = chain.run(new Command.CancelAll(ACC1));

            assertThat(r.ok()).isTrue();
            assertThat(chain.sim.cancels).extracting(c -> c.order().clientOrderId())
                    .containsExactly(ClientOrderId.of("O1"));

            chain.binder.bindExecution(chain.execution);
            chain.step();
            assertThat(chain.execution.commands).as("nothing latched").isEmpty();
        }
    }
}
