package io.livestack.intake.internal;

import static io.livestack.intake.internal.Fakes.BTC;
import static io.livestack.intake.internal.Fakes.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.intake.internal.Fakes.FakeAdapter;
import io.livestack.intake.internal.Fakes.FakeClock;
import io.livestack.intake.internal.Fakes.FakeExecution;
import io.livestack.intake.internal.Fakes.FakeHost;
import io.livestack.intake.internal.Fakes.FakeRisk;
import io.livestack.intake.internal.Fakes.FakeSink;
import io.livestack.intake.internal.Fakes.FakeState;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A runtime wired to fakes, for tests. Nothing is bound until asked. */
final class Chain implements AutoCloseable {

    final FakeClock clock = new FakeClock(1_700_000_000_000_000_000L);
    final FakeState state = new FakeState();
    final FakeHost host = new FakeHost();
    final FakeRisk risk = new FakeRisk();
    final FakeExecution execution = new FakeExecution();
    final FakeSink sink = new FakeSink();
    final FakeAdapter sim = new FakeAdapter(SIM, BTC);
    final IntakeRuntime runtime;

    Chain(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>();
        c.put(RuntimeConfig.AUTO_START, "false");
        c.put(RuntimeConfig.WAIT_STRATEGY, "yielding");
        c.putAll(config);
        runtime = new IntakeRuntime(RuntimeConfig.from(c));
        runtime.bindClock(clock);
        runtime.start();
    }

    Chain() {
        this(Map.of());
    }

    /** State, host, risk, execution, sink and the SIM adapter. */
    Chain bindAll() {
        runtime.bindSink(sink);
        runtime.bindVenue(sim, sim.properties());
        runtime.bindRisk(risk);
        runtime.bindExecution(execution);
        runtime.bindHost(host);
        runtime.bindState(state);
        return this;
    }

    CommandResult run(Command command) throws Exception {
        return runtime.execute(command, "tester").get(10, TimeUnit.SECONDS);
    }

    /** Starts the session; the SIM adapter logs on when connected. */
    Chain running() throws Exception {
        sim.onConnect = () -> runtime.publish(Fakes.session(SIM, VenueSessionState.LOGGED_ON));
        CommandResult r = run(new Command.StartSession());
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(runtime.status().session()).isEqualTo(SessionState.RUNNING);
        return this;
    }

    /** Waits until everything published so far has been processed (a marker event goes through the host). */
    void sync() {
        long token = System.nanoTime();
        runtime.publish(new TimerEvent(0, "sync", token));
        Fakes.await("the sync marker", () -> host.timerTokens().contains("sync:" + token));
        settle();
    }

    /** Waits until the loop is between batches (counters published): a query round trip. */
    void settle() {
        try {
            runtime.query(s -> Boolean.TRUE).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("query round trip failed", e);
        }
    }

    void awaitSeq(long seq) {
        Fakes.await("seq " + seq, () -> runtime.status().lastSeq() >= seq);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
