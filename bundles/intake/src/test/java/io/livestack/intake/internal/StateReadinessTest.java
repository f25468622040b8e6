package io.livestack.intake.internal;

import static io.livestack.intake.internal.Fakes.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.TimerEvent;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueSessionState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A state stage that is bound but not {@link io.livestack.api.state.StateStore#ready() ready} (it waits for its
 * recovery from storage) holds the chain: nothing is sequenced, no session starts, until it is ready; then the
 * sequence continues after the state's (recovered) last sequence number.
 */
class StateReadinessTest {

    @Test
    void noEventIsProcessedUntilTheStateIsReady() {
        try (Chain chain = new Chain()) {
            chain.state.ready = false;
            chain.bindAll();
            chain.runtime.publish(new TimerEvent(0, "x", 1));
            Fakes.await("the loop asked the state twice", () -> chain.state.readyAsked.get() >= 2);
            chain.settle();

            assertThat(chain.runtime.status().lastSeq()).isZero();
            assertThat(chain.host.timerTokens()).isEmpty();
            assertThat(chain.runtime.queueDepth()).isEqualTo(1);

            chain.state.ready = true;
            chain.awaitSeq(1);
            assertThat(chain.host.timerTokens()).containsExactly("x:1");
        }
    }

    @Test
    void sequenceNumbersContinueAfterWhatTheStateRecoveredBeforeItWasReady() {
        try (Chain chain = new Chain()) {
            chain.state.ready = false;
            chain.bindAll();
            chain.runtime.publish(new TimerEvent(0, "x", 1));
            Fakes.await("the loop asked the state", () -> chain.state.readyAsked.get() >= 1);

            chain.state.lastSeq = 41; // what a recovery would have loaded
            chain.state.ready = true;
            chain.awaitSeq(42);
            assertThat(chain.host.events().get(0).seq()).isEqualTo(42);
        }
    }

    @Test
    void readinessIsNotAskedAgainOnceTheStateSaidReady() {
        try (Chain chain = new Chain().bindAll()) {
            chain.sync();
            int asked = chain.state.readyAsked.get();
            assertThat(asked).isPositive();

            chain.sync();
            chain.sync();
            assertThat(chain.state.readyAsked.get()).isEqualTo(asked);
        }
    }

    @Test
    void theSessionAutoStartWaitsForTheStateToBeReady() {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.AUTO_START, "true"))) {
            chain.state.ready = false;
            chain.sim.onConnect = () -> chain.runtime.publish(Fakes.session(SIM, VenueSessionState.LOGGED_ON));
            chain.bindAll();
            Fakes.await("the loop asked the state twice", () -> chain.state.readyAsked.get() >= 2);
            chain.settle();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.connects.get()).as("no venue connected yet").isZero();

            chain.state.ready = true;
            Fakes.await("session RUNNING", () -> chain.runtime.status().session() == SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
        }
    }

    @Test
    void aNewStateInstanceThatIsNotReadyHoldsTheChainAgain() {
        try (Chain chain = new Chain().bindAll()) {
            chain.sync();
            long before = chain.runtime.status().lastSeq();
            Fakes.FakeState second = new Fakes.FakeState();
            second.ready = false;
            chain.runtime.bindState(second);
            Fakes.await("the loop asked the new state", () -> second.readyAsked.get() >= 2);
            chain.runtime.publish(new TimerEvent(0, "y", 2));
            Fakes.await("the loop asked the new state again", () -> second.readyAsked.get() >= 4);
            chain.settle();
            assertThat(chain.runtime.status().lastSeq()).isEqualTo(before);

            second.ready = true;
            chain.awaitSeq(before + 1);
            assertThat(chain.host.timerTokens()).contains("y:2");
        }
    }
}
