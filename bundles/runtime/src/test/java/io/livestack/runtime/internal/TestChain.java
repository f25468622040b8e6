package io.livestack.runtime.internal;

import static io.livestack.testkit.TestEvents.BTC;
import static io.livestack.testkit.TestEvents.SIM;
import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.operator.LiveRuntimeService;
import io.livestack.runtime.internal.sequencer.Sequencer;
import io.livestack.testkit.ManualClock;
import io.livestack.testkit.RecordingSink;
import io.livestack.testkit.RecordingVenue;
import io.livestack.testkit.SimpleState;
import io.livestack.testkit.TestEvents;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime over doubles of the stages, stepped by hand: nothing runs unless the test calls {@link #step()}, which
 * fires the timers due by the manual clock and runs the chain agent until it has nothing left to do — on the test's
 * own thread, so a test sees exactly what one event did. Nothing is bound until asked. {@link #started()} runs the
 * owned threads instead (for the tests of concurrency).
 */
final class TestChain implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final SimpleState state = new SimpleState();
    final StageDoubles.FakeHost host = new StageDoubles.FakeHost();
    final StageDoubles.FakeRisk risk = new StageDoubles.FakeRisk();
    final StageDoubles.FakeExecution execution = new StageDoubles.FakeExecution();
    final RecordingSink sink = new RecordingSink();
    final RecordingVenue sim = new RecordingVenue(SIM, BTC);
    final RuntimeAssembly assembly;
    final Sequencer sequencer;
    final TestBinder binder;
    final ChainAgent agent;
    final LiveRuntimeService runtime;

    TestChain(Map<String, Object> config) {
        Map<String, Object> c = new HashMap<>();
        c.put(RuntimeConfig.AUTO_START, "false");
        c.put(RuntimeConfig.WAIT_STRATEGY, "yielding");
        c.put(JournalConfig.ENABLED, "false"); // a test that journals names its directory
        c.putAll(config);
        assembly = new RuntimeAssembly(RuntimeConfig.from(c));
        sequencer = assembly.sequencer();
        binder = new TestBinder(assembly.binder(), this::settle);
        agent = assembly.agent();
        runtime = assembly.runtime();
        sequencer.bindClock(clock);
    }

    TestChain() {
        this(Map.of());
    }

    /**
     * State, host, risk, execution, sink and the SIM adapter; their bindings (sequenced like any input) are
     * processed, and {@link #base} is the seq of the last of them: the test's own events follow it.
     */
    TestChain bindAll() {
        binder.bindSink(sink);
        binder.bindVenue(sim, sim.properties());
        binder.bindRisk(risk);
        binder.bindExecution(execution);
        binder.bindHost(host);
        binder.bindState(state);
        step();
        base = runtime.status().lastSeq();
        return this;
    }

    /** The seq of the last binding {@link #bindAll} processed (the test's first event gets base + 1). */
    long base;

    /** Runs the owned processing and timer threads (the chain is then no longer stepped by hand). */
    TestChain started() {
        assembly.start();
        running = true;
        return this;
    }

    private volatile boolean running;

    /** After a binding: stepped by hand, the chain takes it in now; its own thread does so by itself. */
    private void settle() {
        if (!running) {
            step();
        }
    }

    void publish(Event event) {
        sequencer.publish(event);
    }

    /** Fires the timers due and runs the chain until nothing is left to do; returns what it did. */
    int step() {
        int total = 0;
        while (true) {
            int work = sequencer.fireTimers() + agent.doWork();
            if (work == 0) {
                return total;
            }
            total += work;
        }
    }

    /** A marker event through the whole chain, then {@link #step()}: everything published so far is processed. */
    void sync() {
        publish(new TimerEvent(0, TimerOwner.strategy(StrategyId.of("sync")), System.nanoTime()));
        step();
    }

    /** An operator command by "tester": its result, once the chain has run it. */
    CommandResult run(Command command) {
        CompletableFuture<CommandResult> reply = runtime.execute(command, "tester");
        step();
        assertThat(reply).as("the reply of %s", command.action()).isDone();
        return reply.join();
    }

    /** A command with its reply beside it, as the shell sends one. */
    CompletableFuture<CommandResult> execute(Command command, String user) {
        CompletableFuture<CommandResult> reply = new CompletableFuture<>();
        sequencer.publishCommand(new OperatorCommand(0, user, command), reply);
        return reply;
    }

    /** Starts the session; the SIM adapter logs on when connected. */
    TestChain running() {
        sim.onConnect = () -> publish(TestEvents.session(SIM, VenueSessionState.LOGGED_ON));
        CommandResult r = run(new Command.StartSession());
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThat(runtime.status().session()).isEqualTo(SessionState.RUNNING);
        return this;
    }

    @Override
    public void close() {
        assembly.close();
    }
}
