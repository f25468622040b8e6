package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.intent.Intent;
import io.livestack.api.intent.SubmitOrder;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.record.RiskRejectionRecord;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.testkit.TestEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain gives a new order without an account its venue's configured account, else DEFAULT, before risk. */
class VenueAccountTest {

    private static final StrategyId MM = StrategyId.of("mm");

    /** The chain with the SIM venue bound with {@code venueProperties}, session running. */
    private static TestChain chain(Map<String, Object> venueProperties) {
        TestChain chain = new TestChain();
        chain.binder.bindSink(chain.sink);
        chain.binder.bindVenue(chain.sim, venueProperties);
        chain.binder.bindRisk(chain.risk);
        chain.binder.bindExecution(chain.execution);
        chain.binder.bindHost(chain.host);
        chain.binder.bindState(chain.state);
        chain.step();
        return chain.running();
    }

    /** The strategy host emits {@code intent} while processing one event. */
    private static void emit(TestChain chain, Intent intent) {
        long token = System.nanoTime();
        chain.host.behaviour = (e, sink) -> {
            if (e.event() instanceof TimerEvent t && t.token() == token) {
                sink.accept(intent);
            }
        };
        chain.publish(new TimerEvent(0, TimerOwner.strategy(MM), token));
        chain.step();
    }

    private static Map<String, Object> simWithAccount(String account) {
        return Map.of(VenueAdapter.VENUE_PROPERTY, SIM.value(), "account", account);
    }

    @Test
    void anOrderWithoutAccountGetsItsVenuesConfiguredAccount() {
        try (TestChain chain = chain(simWithAccount("VENUE-ACC"))) {
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1));

            assertThat(chain.risk.checked).hasSize(1).allSatisfy(i -> assertThat(((SubmitOrder) i).account())
                    .as("risk sees the account").isEqualTo(AccountId.of("VENUE-ACC")));
            assertThat(chain.execution.submits).singleElement()
                    .satisfies(o -> assertThat(o.account()).isEqualTo(AccountId.of("VENUE-ACC")));
        }
    }

    @Test
    void anOrderWithAnAccountKeepsIt() {
        try (TestChain chain = chain(simWithAccount("VENUE-ACC"))) {
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1).withAccount(AccountId.of("STRAT-ACC")));

            assertThat(chain.execution.submits).singleElement()
                    .satisfies(o -> assertThat(o.account()).isEqualTo(AccountId.of("STRAT-ACC")));
        }
    }

    @Test
    void aVenueWithoutAccountGivesTheDefault() {
        try (TestChain chain = chain(Map.of(VenueAdapter.VENUE_PROPERTY, SIM.value()))) {
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1));

            assertThat(chain.execution.submits).singleElement()
                    .satisfies(o -> assertThat(o.account()).isEqualTo(AccountId.DEFAULT));
        }
    }

    @Test
    void aManualOrderGetsItsVenuesAccountToo() {
        try (TestChain chain = chain(simWithAccount("VENUE-ACC"))) {
            CommandResult r = chain.run(new Command.ManualIntent(TestEvents.submit(Intent.MANUAL, SIM, BTC, 10, 5)));

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(chain.execution.submits).singleElement()
                    .satisfies(o -> assertThat(o.account()).isEqualTo(AccountId.of("VENUE-ACC")));
        }
    }

    @Test
    void anInvalidVenueAccountRefusesTheOrderNamingKeyAndValue() {
        try (TestChain chain = chain(simWithAccount("two words"))) {
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1));

            assertThat(chain.execution.submits).isEmpty();
            assertThat(chain.sink.of(RiskRejectionRecord.class)).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo(RejectReason.VENUE_NOT_READY);
                assertThat(r.detail()).contains("venue " + SIM, "account='two words'");
            });
        }
    }

    @Test
    void aVenueWhoseAccountChangesGivesTheNewOneFromThenOnAndStaysBound() {
        try (TestChain chain = chain(simWithAccount("OLD"))) {
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1));

            chain.binder.updateVenue(chain.sim, simWithAccount("NEW"));
            emit(chain, TestEvents.submit(MM, SIM, BTC, 10, 1));

            assertThat(chain.execution.submits).extracting(SubmitOrder::account)
                    .containsExactly(AccountId.of("OLD"), AccountId.of("NEW"));
            assertThat(chain.agent.stages().venues()).containsKey(SIM);

            chain.binder.unbindVenue(chain.sim, simWithAccount("NEW"));
            assertThat(chain.agent.stages().venues()).as("the one unbinding undoes it").doesNotContainKey(SIM);
        }
    }
}
