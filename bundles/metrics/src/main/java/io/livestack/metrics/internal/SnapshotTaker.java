package io.livestack.metrics.internal;

import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyHostStage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Takes a {@link RuntimeSnapshot}: the runtime status, one state query through the processing loop (bounded by a
 * timeout: a loop that does not answer is itself the finding), and the stages' any-thread views. Each source may be
 * absent; a source that throws counts as absent.
 */
final class SnapshotTaker {

    private final Supplier<LiveRuntime> runtime;
    private final Supplier<StrategyHostStage> host;
    private final Supplier<RiskStage> risk;
    private final Supplier<ExecutionStage> execution;
    private final Supplier<StorageMonitor> storage;
    private final LongSupplier nanoClock;
    private long previousBusyNanos = -1;
    private long previousAtNanos;

    SnapshotTaker(Supplier<LiveRuntime> runtime, Supplier<StrategyHostStage> host, Supplier<RiskStage> risk,
            Supplier<ExecutionStage> execution, LongSupplier nanoClock) {
        this(runtime, host, risk, execution, () -> null, nanoClock);
    }

    SnapshotTaker(Supplier<LiveRuntime> runtime, Supplier<StrategyHostStage> host, Supplier<RiskStage> risk,
            Supplier<ExecutionStage> execution, Supplier<StorageMonitor> storage, LongSupplier nanoClock) {
        this.runtime = runtime;
        this.host = host;
        this.risk = risk;
        this.execution = execution;
        this.storage = storage;
        this.nanoClock = nanoClock;
    }

    /** Not thread-safe: callers serialise (the loop utilisation is computed against the previous call). */
    RuntimeSnapshot take(long queryTimeoutMillis) {
        long start = nanoClock.getAsLong();
        LiveRuntime rt = runtime.get();
        RuntimeStatus status = null;
        int capacity = 0;
        StateFacts state = null;
        String stateError = "";
        long queryNanos = 0;
        Map<String, Long> counters = Map.of();
        if (rt == null) {
            stateError = "no LiveRuntime registered (the runtime bundle is not running)";
        } else {
            try {
                status = rt.status();
                capacity = rt.queueCapacity();
                counters = rt.counters();
            } catch (RuntimeException e) {
                stateError = "runtime status failed: " + e;
            }
            if (status != null) {
                long q0 = nanoClock.getAsLong();
                try {
                    CompletableFuture<StateFacts> f = rt.query(StateFacts::of);
                    state = f.get(queryTimeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    stateError = "the processing loop did not answer a state query within " + queryTimeoutMillis
                            + " ms";
                } catch (ExecutionException e) {
                    stateError = "state query failed: " + e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stateError = "interrupted while waiting for the processing loop";
                } catch (RuntimeException e) {
                    stateError = "state query failed: " + e;
                }
                queryNanos = nanoClock.getAsLong() - q0;
            }
        }
        if (capacity <= 0 && counters != null && counters.get("queue.capacity") != null) {
            capacity = (int) Math.min(Integer.MAX_VALUE, counters.get("queue.capacity"));
        }
        StrategyHostStage h = host.get();
        RiskStage r = risk.get();
        ExecutionStage x = execution.get();
        StorageMonitor m = storage.get();
        return new RuntimeSnapshot(start, status, capacity, state, stateError, queryNanos,
                RuntimeSnapshot.byId(h == null ? List.of() : safe(h::strategies, List.of())),
                RuntimeSnapshot.byKey(r == null ? List.of() : safe(r::limits, List.of())),
                x == null ? Map.<TradingScope, TradingState>of() : safe(x::tradingStates, Map.of()),
                counters == null ? Map.of() : counters, utilization(counters, start),
                m == null ? null : safe(m::status, null));
    }

    private double utilization(Map<String, Long> counters, long now) {
        Long busy = counters == null ? null : counters.get("loop.busy.nanos");
        if (busy == null) {
            previousBusyNanos = -1;
            return Double.NaN;
        }
        double u = Double.NaN;
        if (previousBusyNanos >= 0 && now > previousAtNanos && busy >= previousBusyNanos) {
            u = Math.min(1.0, (busy - previousBusyNanos) / (double) (now - previousAtNanos));
        }
        previousBusyNanos = busy;
        previousAtNanos = now;
        return u;
    }

    private static <T> T safe(Supplier<T> s, T fallback) {
        try {
            T v = s.get();
            return v == null ? fallback : v;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
