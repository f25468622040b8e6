package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.testkit.SimpleState;
import io.livestack.testkit.TestEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A state stage that is bound but not {@link io.livestack.api.state.StateStore#ready() ready} (it waits for its
 * recovery from storage) holds the chain: nothing is sequenced, no session starts, until it is ready; then the
 * sequence continues after the state's (recovered) last sequence number.
 */
class StateReadinessTest {

    private static TimerEvent timer(String owner, long token) {
        return new TimerEvent(0, TimerOwner.strategy(StrategyId.of(owner)), token);
    }

    @Test
    void noEventIsProcessedUntilTheStateIsReady() {
        try (TestChain chain = new TestChain()) {
            chain.state.ready = false;
            chain.bindAll();
            chain.publish(timer("x", 1));
            chain.step();
            chain.step();
            assertThat(chain.state.readyAsked).isGreaterThanOrEqualTo(2);

            assertThat(chain.runtime.status().lastSeq()).isZero();
            assertThat(chain.host.timerTokens()).isEmpty();
            int bindings = 4; // the venue, risk, execution and the host, waiting with the timer
            assertThat(chain.sequencer.queueDepth()).isEqualTo(bindings + 1);

            chain.state.ready = true;
            chain.step();
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(bindings + 1);
            assertThat(chain.host.timerTokens()).containsExactly("x:1");
        }
    }

    @Test
    void sequenceNumbersContinueAfterWhatTheStateRecoveredBeforeItWasReady() {
        try (TestChain chain = new TestChain()) {
            chain.state.ready = false;
            chain.bindAll();
            chain.publish(timer("x", 1));
            chain.step();
            assertThat(chain.state.readyAsked).isPositive();

            chain.state.lastSeq = 41; // what a recovery would have loaded
            chain.state.ready = true;
            chain.step();
            // the four bindings (venue, risk, execution, host) take 42 to 45
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(46);
            assertThat(chain.host.events().get(0).seq()).isEqualTo(46);
        }
    }

    @Test
    void readinessIsNotAskedAgainOnceTheStateSaidReady() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.sync();
            int asked = chain.state.readyAsked;
            assertThat(asked).isPositive();

            chain.sync();
            chain.sync();
            assertThat(chain.state.readyAsked).isEqualTo(asked);
        }
    }

    @Test
    void theSessionAutoStartWaitsForTheStateToBeReady() {
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.AUTO_START, "true"))) {
            chain.state.ready = false;
            chain.sim.onConnect = () -> chain.publish(TestEvents.session(SIM, VenueSessionState.LOGGED_ON));
            chain.bindAll();
            chain.step();
            chain.step();
            assertThat(chain.state.readyAsked).isGreaterThanOrEqualTo(2);
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.connects.get()).as("no venue connected yet").isZero();

            chain.state.ready = true;
            chain.step();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
        }
    }

    @Test
    void aNewStateInstanceThatIsNotReadyHoldsTheChainAgain() {
        try (TestChain chain = new TestChain().bindAll()) {
            chain.sync();
            long before = chain.runtime.status().lastSeq();
            SimpleState second = new SimpleState();
            second.ready = false;
            chain.binder.bindState(second);
            chain.step();
            chain.publish(timer("y", 2));
            chain.step();
            assertThat(second.readyAsked).isGreaterThanOrEqualTo(2);
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(before);

            second.ready = true;
            chain.step();
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(before + 1);
            assertThat(chain.host.timerTokens()).contains("y:2");
        }
    }
}
