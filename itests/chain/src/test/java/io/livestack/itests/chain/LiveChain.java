package io.livestack.itests.chain;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.event.Event;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.execution.internal.ExecutionConfig;
import io.livestack.execution.internal.ExecutionStageComponent;
import io.livestack.risk.internal.RiskStageComponent;
import io.livestack.runtime.internal.RuntimeComponent;
import io.livestack.runtime.internal.JournalConfig;
import io.livestack.runtime.internal.RuntimeConfig;
import io.livestack.state.internal.InMemoryStateStore;
import io.livestack.strategy.host.internal.StrategyHost;
import io.livestack.strategy.host.internal.StrategyHostConfig;
import io.livestack.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The real chain in plain Java: the runtime ({@link RuntimeComponent}, the DS component itself, with its owned
 * processing and timer threads), the in-memory state store (its tools constructor: ready at once, there is no storage
 * to recover from here), the strategy host with real strategies, the risk stage and execution control — built the
 * way Declarative Services builds them (the activation constructor with the configuration annotation or properties)
 * and bound the way SCR binds them (the components' own bind methods). Only the venue adapter, the record sink and the
 * clock are test doubles.
 */
final class LiveChain implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What to build. */
    static final class Options {
        String waitStrategy = "yielding";
        int queueCapacity = 65536;
        Path stateDir;
        Map<String, Object> risk = new HashMap<>();
        final Map<String, Object> runtime = new HashMap<>();
        /** The state stage's configuration (PID livestack.state); empty: its defaults. */
        Map<String, Object> state = Map.of();
        final List<Map.Entry<Strategy, Map<String, Object>>> strategies = new ArrayList<>();
        /** Pluggable risk checks registered with the risk stage before the chain starts (with their properties). */
        final List<Map.Entry<io.livestack.api.risk.RiskCheck, Map<String, Object>>> riskChecks = new ArrayList<>();
        VenueAdapter venue;
        ExecutionRecordSink sink;
        /** Wraps the strategy host as the chain sees it (e.g. to record what it is fed). */
        UnaryOperator<StrategyHostStage> hostWrapper = UnaryOperator.identity();
        /** Optional: bound to the stages that accept one (execution control), as the metrics bundle's would be. */
        MetricRegistry metricRegistry;
        ClockKind clock = ClockKind.TEST;

        Options strategy(Strategy strategy, String id, String kind) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(Strategy.ID_PROPERTY, id);
            properties.put(StrategyHost.KIND_PROPERTY, kind);
            properties.put(StrategyHost.AUTO_START_PROPERTY, Boolean.TRUE);
            strategies.add(Map.entry(strategy, properties));
            return this;
        }
    }

    /** The deterministic {@link ManualClock}, or the runtime's default system clock (benchmarks). */
    enum ClockKind {
        TEST, SYSTEM
    }

    final ManualClock clock = new ManualClock();
    final RuntimeComponent runtime;
    final InMemoryStateStore state;
    final StrategyHost host;
    final RiskStageComponent risk;
    final ExecutionStageComponent execution;

    LiveChain(Options o) {
        Map<String, Object> runtimeConfig = new HashMap<>();
        runtimeConfig.put(RuntimeConfig.WAIT_STRATEGY, o.waitStrategy);
        runtimeConfig.put(RuntimeConfig.QUEUE_CAPACITY, o.queueCapacity);
        runtimeConfig.put(RuntimeConfig.AUTO_START, false);
        // no session timer may fire while a test or a benchmark runs
        runtimeConfig.put(RuntimeConfig.START_TIMEOUT, TimeUnit.HOURS.toMillis(1));
        runtimeConfig.put(RuntimeConfig.STOP_TIMEOUT, TimeUnit.HOURS.toMillis(1));
        runtimeConfig.put(JournalConfig.ENABLED, false); // a chain that journals names its directory
        runtimeConfig.putAll(o.runtime);
        runtime = new RuntimeComponent(runtimeConfig);
        if (o.clock == ClockKind.TEST) {
            Components.call(runtime, "bindClock", clock);
        }

        state = o.state.isEmpty() ? new InMemoryStateStore()
                : new InMemoryStateStore(Components.config(io.livestack.state.internal.StateConfiguration.class,
                        retention(o.state)), o.state);
        host = new StrategyHost(Components.config(StrategyHostConfig.class, Map.of()));
        for (Map.Entry<Strategy, Map<String, Object>> s : o.strategies) {
            Components.call(host, "bindStrategy", s.getKey(), s.getValue());
        }
        risk = new RiskStageComponent(o.risk);
        for (Map.Entry<io.livestack.api.risk.RiskCheck, Map<String, Object>> c : o.riskChecks) {
            Components.call(risk, "bindRiskCheck", c.getKey(), c.getValue());
        }
        Map<String, Object> executionProperties = Map.of();
        execution = new ExecutionStageComponent(Components.config(ExecutionConfig.class, executionProperties),
                executionProperties);
        if (o.metricRegistry != null) { // the stages with in-loop metrics: execution, and the chain's tick-to-order
            Components.call(execution, "bindMetricRegistry", o.metricRegistry);
            Components.call(runtime, "bindMetricRegistry", o.metricRegistry);
        }

        // bound as SCR would (any order works; the chain takes no event before the state is there)
        if (o.sink != null) {
            Components.call(runtime, "bindSink", o.sink);
        }
        if (o.venue != null) {
            Components.call(runtime, "bindVenue", o.venue,
                    Map.<String, Object>of(VenueAdapter.VENUE_PROPERTY, o.venue.venueId().value()));
        }
        Components.call(runtime, "bindRisk", risk);
        Components.call(runtime, "bindExecution", execution);
        Components.call(runtime, "bindHost", o.hostWrapper.apply(host));
        if (Boolean.parseBoolean(String.valueOf(runtimeConfig.get(JournalConfig.ENABLED)))) {
            // as SCR binds it in the distribution: with a journal, strategies join by their journaled bindings
            Components.call(host, "bindIntake", runtime);
            Components.call(risk, "bindIntake", runtime); // and risk checks by theirs
        }
        Components.call(runtime, "bindState", state);
    }

    /** Runs an operator command and waits for its result. */
    CommandResult execute(Command command) {
        return await(runtime.execute(command, "tester"), "the result of " + command.action());
    }

    /**
     * Runs an operator command whose end waits for the runtime's own timers (a session stop polls until its records
     * are durable) and waits for its result, moving the manual clock on by {@code step} each time the result is not
     * there yet (the timer thread reads a manual clock at least every 100 ms).
     */
    CommandResult executeWhileTimePasses(Command command, Duration step) {
        java.util.concurrent.CompletableFuture<CommandResult> reply = runtime.execute(command, "tester");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!reply.isDone() && System.nanoTime() - deadline < 0) {
            try {
                return reply.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                clock.advance(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + command.action(), e);
            } catch (ExecutionException e) {
                throw new AssertionError(command.action() + " failed: " + e.getCause(), e.getCause());
            }
        }
        return await(reply, "the result of " + command.action());
    }

    void publish(Event event) {
        runtime.publish(event);
    }

    /** Runs an operator command as {@code user} and waits for its result. */
    CommandResult execute(Command command, String user) {
        return await(runtime.execute(command, user), "the result of " + command.action());
    }

    /**
     * Waits until the loop has processed everything published so far, including what the stages published while
     * processing it (e.g. a venue's answers): a query round trip (served between batches) finds the queue empty.
     */
    void quiesce() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            await(runtime.query(s -> Boolean.TRUE), "a query round trip through the processing loop");
            if (runtime.queueDepth() == 0) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the processing loop did not drain its queue within " + TIMEOUT.toSeconds()
                        + " s (" + runtime.queueDepth() + " events waiting)");
            }
        }
    }

    /** The retention keys of a state configuration (the typed configuration has no others). */
    private static Map<String, Object> retention(Map<String, Object> state) {
        Map<String, Object> out = new java.util.HashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith("retention.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    long lastSeq() {
        return runtime.status().lastSeq();
    }

    String stateHash() {
        return await(runtime.query(s -> state.stateHash()), "the state hash");
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        Components.call(runtime, "deactivate");
    }
}
