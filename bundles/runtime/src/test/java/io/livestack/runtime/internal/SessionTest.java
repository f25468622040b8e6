package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.ALT;
import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static io.livestack.testkit.TestEvents.order;
import static io.livestack.testkit.TestEvents.report;
import static io.livestack.testkit.TestEvents.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.testkit.RecordingVenue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The session lifecycle STOPPED → STARTING → RUNNING → STOPPING → STOPPED, driven by events, stepped by hand. */
class SessionTest {

    private static List<String> sessionRecords(TestChain chain) {
        return chain.sink.of(MetadataRecord.class).stream().filter(m -> m.kind() == MetadataRecord.Kind.SESSION)
                .map(m -> m.detail().split(":")[0]).toList();
    }

    @Test
    void startConnectsEveryVenueAndRunsOnceAllAreLoggedOnAndReconciled() {
        try (TestChain chain = new TestChain().bindAll()) {
            RecordingVenue alt = new RecordingVenue(ALT, BTC);
            chain.binder.bindVenue(alt, alt.properties());
            chain.state.putOrder(order("O1", ALT, OrderStatus.NEW));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StartSession(), "ops");
            chain.step();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STARTING);
            assertThat(chain.sim.connects.get()).isEqualTo(1);
            assertThat(alt.connects.get()).isEqualTo(1);

            chain.publish(session(SIM, VenueSessionState.CONNECTING));
            chain.publish(session(SIM, VenueSessionState.LOGGED_ON));
            chain.publish(session(ALT, VenueSessionState.RECONCILING));
            chain.step();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STARTING);
            assertThat(reply).isNotDone();
            assertThat(alt.reconciles).hasSize(1);
            assertThat(chain.host.startAll.get()).isZero();

            chain.publish(session(ALT, VenueSessionState.LOGGED_ON));
            chain.step();
            CommandResult r = reply.join();

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.message()).contains("RUNNING").contains("ALT").contains("SIM");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "RUNNING");
        }
    }

    @Test
    void startFailsAfterTheTimeoutWhenAVenueNeverLogsOn() {
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.START_TIMEOUT, "1000")).bindAll()) {
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StartSession(), "ops");
            chain.step();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STARTING);
            chain.publish(session(SIM, VenueSessionState.CONNECTING));
            chain.step();

            chain.clock.advance(Duration.ofMillis(999));
            chain.step();
            assertThat(reply).isNotDone();

            chain.clock.advance(Duration.ofMillis(2));
            chain.step();
            CommandResult r = reply.join();

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("timed out").contains("SIM=CONNECTING");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
            assertThat(chain.host.startAll.get()).isZero();
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "STOPPING", "STOPPED");
        }
    }

    @Test
    void stopCancelsOpenOrdersWaitsForTheirAcknowledgementsThenDisconnects() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.state.putOrder(order("O2", SIM, OrderStatus.PARTIALLY_FILLED));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(true), "ops");
            chain.step();
            assertThat(chain.execution.cancels).hasSize(2);
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPING);
            assertThat(chain.host.stopAll.get()).isEqualTo(1);
            assertThat(chain.sim.disconnects.get()).isZero();

            chain.publish(report(SIM, "O1", "C1", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.step();
            assertThat(reply).isNotDone();

            chain.publish(report(SIM, "O2", "C2", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.step();
            CommandResult r = reply.join();

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "RUNNING", "STOPPING", "STOPPED");
        }
    }

    @Test
    void stopGivesUpWaitingForCancelsAfterTheTimeout() {
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.STOP_TIMEOUT, "500")).bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(true), "ops");
            chain.step();
            assertThat(chain.execution.cancels).hasSize(1);
            chain.clock.advance(Duration.ofMillis(501));
            chain.step();
            CommandResult r = reply.join();

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("STOPPED").contains("1 orders still open").contains("O1");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
        }
    }

    @Test
    void stopWithoutCancellingLeavesOrdersAndStopsAtOnce() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));

            CommandResult r = chain.run(new Command.StopSession(false));

            assertThat(r.ok()).isTrue();
            assertThat(chain.execution.cancels).isEmpty();
            assertThat(chain.state.order(ClientOrderId.of("O1")).isOpen()).isTrue();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
        }
    }

    @Test
    void commandsThatDoNotFitTheCurrentStateAreRefused() {
        try (TestChain chain = new TestChain().bindAll()) {
            assertThat(chain.run(new Command.StopSession(false)).message()).contains("already STOPPED");
            chain.running();
            CommandResult again = chain.run(new Command.StartSession());
            assertThat(again.ok()).isFalse();
            assertThat(again.message()).contains("RUNNING");
        }
    }

    @Test
    void autoStartStartsTheSessionOnceTheChainIsUp() {
        try (TestChain chain = new TestChain(Map.of(RuntimeConfig.AUTO_START, "true"))) {
            chain.sim.onConnect = () -> chain.publish(session(SIM, VenueSessionState.LOGGED_ON));
            chain.binder.bindVenue(chain.sim, chain.sim.properties());
            chain.binder.bindSink(chain.sink);
            chain.binder.bindState(chain.state);
            chain.binder.bindHost(chain.host);
            chain.binder.bindRisk(chain.risk);
            chain.step();
            assertThat(chain.runtime.status().session()).as("no execution yet").isEqualTo(SessionState.STOPPED);

            chain.binder.bindExecution(chain.execution);
            chain.step();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
            assertThat(chain.sink.of(io.livestack.api.record.OperatorActionRecord.class))
                    .extracting(io.livestack.api.record.OperatorActionRecord::user).containsExactly("system");
        }
    }

    @Test
    void aVenueAddedWhileRunningIsConnected() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            RecordingVenue alt = new RecordingVenue(ALT, BTC);
            chain.binder.bindVenue(alt, alt.properties());
            chain.step();
            assertThat(alt.connects.get()).isEqualTo(1);
            assertThat(chain.sim.connects.get()).isEqualTo(1);
        }
    }

    @Test
    void aStrategyHostBoundWhileRunningStartsItsStrategies() {
        try (TestChain chain = new TestChain().bindAll().running()) {
            assertThat(chain.host.startAll.get()).isEqualTo(1);
            StageDoubles.FakeHost second = new StageDoubles.FakeHost();
            chain.binder.bindHost(second);
            chain.step();
            assertThat(second.startAll.get()).isEqualTo(1);
        }
    }
}
