package io.livestack.intake.internal;

import static io.livestack.intake.internal.Fakes.ALT;
import static io.livestack.intake.internal.Fakes.BTC;
import static io.livestack.intake.internal.Fakes.SIM;
import static io.livestack.intake.internal.Fakes.order;
import static io.livestack.intake.internal.Fakes.report;
import static io.livestack.intake.internal.Fakes.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.ExecType;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.CommandResult;
import io.livestack.intake.internal.Fakes.FakeAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The session lifecycle STOPPED → STARTING → RUNNING → STOPPING → STOPPED, driven by events. */
@Timeout(60)
class SessionTest {

    private static List<String> sessionRecords(Chain chain) {
        return chain.sink.of(MetadataRecord.class).stream().filter(m -> m.kind() == MetadataRecord.Kind.SESSION)
                .map(m -> m.detail().split(":")[0]).toList();
    }

    private static void awaitSession(Chain chain, SessionState state) {
        Fakes.await("session " + state, () -> chain.runtime.status().session() == state);
    }

    @Test
    void startConnectsEveryVenueAndRunsOnceAllAreLoggedOnAndReconciled() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            FakeAdapter alt = new FakeAdapter(ALT, BTC);
            chain.runtime.bindVenue(alt, alt.properties());
            chain.state.putOrder(order("O1", ALT, OrderStatus.NEW));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StartSession(), "ops");
            awaitSession(chain, SessionState.STARTING);
            Fakes.await("connects", () -> chain.sim.connects.get() == 1 && alt.connects.get() == 1);

            chain.runtime.publish(session(SIM, VenueSessionState.CONNECTING));
            chain.runtime.publish(session(SIM, VenueSessionState.LOGGED_ON));
            chain.runtime.publish(session(ALT, VenueSessionState.RECONCILING));
            chain.sync();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STARTING);
            assertThat(reply).isNotDone();
            assertThat(alt.reconciles).hasSize(1);
            assertThat(chain.host.startAll.get()).isZero();

            chain.runtime.publish(session(ALT, VenueSessionState.LOGGED_ON));
            CommandResult r = reply.get(10, TimeUnit.SECONDS);

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(r.message()).contains("RUNNING").contains("ALT").contains("SIM");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
            chain.settle();
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "RUNNING");
        }
    }

    @Test
    void startFailsAfterTheTimeoutWhenAVenueNeverLogsOn() throws Exception {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.START_TIMEOUT, "1000")).bindAll()) {
            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StartSession(), "ops");
            awaitSession(chain, SessionState.STARTING);
            chain.runtime.publish(session(SIM, VenueSessionState.CONNECTING));
            chain.sync();

            chain.clock.advance(Duration.ofMillis(999));
            chain.runtime.clockAdvanced();
            chain.sync();
            assertThat(reply).isNotDone();

            chain.clock.advance(Duration.ofMillis(2));
            chain.runtime.clockAdvanced();
            CommandResult r = reply.get(10, TimeUnit.SECONDS);

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("timed out").contains("SIM=CONNECTING");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
            assertThat(chain.host.startAll.get()).isZero();
            chain.settle();
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "STOPPING", "STOPPED");
        }
    }

    @Test
    void stopCancelsOpenOrdersWaitsForTheirAcknowledgementsThenDisconnects() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));
            chain.state.putOrder(order("O2", SIM, OrderStatus.PARTIALLY_FILLED));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(true), "ops");
            Fakes.await("two cancels", () -> chain.execution.cancels.size() == 2);
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPING);
            assertThat(chain.host.stopAll.get()).isEqualTo(1);
            assertThat(chain.sim.disconnects.get()).isZero();

            chain.runtime.publish(report(SIM, "O1", "C1", ExecType.CANCELED, OrderStatus.CANCELED));
            chain.sync();
            assertThat(reply).isNotDone();

            chain.runtime.publish(report(SIM, "O2", "C2", ExecType.CANCELED, OrderStatus.CANCELED));
            CommandResult r = reply.get(10, TimeUnit.SECONDS);

            assertThat(r.ok()).as(r.message()).isTrue();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
            chain.settle();
            assertThat(sessionRecords(chain)).containsExactly("STARTING", "RUNNING", "STOPPING", "STOPPED");
        }
    }

    @Test
    void stopGivesUpWaitingForCancelsAfterTheTimeout() throws Exception {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.STOP_TIMEOUT, "500")).bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));

            CompletableFuture<CommandResult> reply = chain.runtime.execute(new Command.StopSession(true), "ops");
            Fakes.await("the cancel", () -> chain.execution.cancels.size() == 1);
            chain.clock.advance(Duration.ofMillis(501));
            chain.runtime.clockAdvanced();
            CommandResult r = reply.get(10, TimeUnit.SECONDS);

            assertThat(r.ok()).isFalse();
            assertThat(r.message()).contains("STOPPED").contains("1 orders still open").contains("O1");
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
            assertThat(chain.sim.disconnects.get()).isEqualTo(1);
        }
    }

    @Test
    void stopWithoutCancellingLeavesOrdersAndStopsAtOnce() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            chain.state.putOrder(order("O1", SIM, OrderStatus.NEW));

            CommandResult r = chain.run(new Command.StopSession(false));

            assertThat(r.ok()).isTrue();
            assertThat(chain.execution.cancels).isEmpty();
            assertThat(chain.state.order(ClientOrderId.of("O1")).isOpen()).isTrue();
            assertThat(chain.runtime.status().session()).isEqualTo(SessionState.STOPPED);
        }
    }

    @Test
    void commandsThatDoNotFitTheCurrentStateAreRefused() throws Exception {
        try (Chain chain = new Chain().bindAll()) {
            assertThat(chain.run(new Command.StopSession(false)).message()).contains("already STOPPED");
            chain.running();
            CommandResult again = chain.run(new Command.StartSession());
            assertThat(again.ok()).isFalse();
            assertThat(again.message()).contains("RUNNING");
        }
    }

    @Test
    void autoStartStartsTheSessionOnceTheChainIsUp() {
        try (Chain chain = new Chain(Map.of(RuntimeConfig.AUTO_START, "true"))) {
            chain.sim.onConnect = () -> chain.runtime.publish(session(SIM, VenueSessionState.LOGGED_ON));
            chain.runtime.bindVenue(chain.sim, chain.sim.properties());
            chain.runtime.bindSink(chain.sink);
            chain.runtime.bindState(chain.state);
            chain.runtime.bindHost(chain.host);
            chain.runtime.bindRisk(chain.risk);
            chain.settle();
            assertThat(chain.runtime.status().session()).as("no execution yet").isEqualTo(SessionState.STOPPED);

            chain.runtime.bindExecution(chain.execution);
            awaitSession(chain, SessionState.RUNNING);
            assertThat(chain.host.startAll.get()).isEqualTo(1);
        }
    }

    @Test
    void aVenueAddedWhileRunningIsConnected() throws Exception {
        try (Chain chain = new Chain().bindAll().running()) {
            FakeAdapter alt = new FakeAdapter(ALT, BTC);
            chain.runtime.bindVenue(alt, alt.properties());
            Fakes.await("the new venue connected", () -> alt.connects.get() == 1);
            assertThat(chain.sim.connects.get()).isEqualTo(1);
        }
    }
}
