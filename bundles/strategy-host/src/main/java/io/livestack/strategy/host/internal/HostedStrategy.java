package io.livestack.strategy.host.internal;

import io.livestack.api.model.AccountId;
import io.livestack.api.model.StrategyId;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.strategy.Strategy;

/**
 * One bound strategy service and what the host knows about it. The lifecycle and the counters are written by the
 * processing thread only; they are volatile so that {@link StrategyHost#strategies()} can read them from any thread.
 */
final class HostedStrategy {

    /** The strategy's configuration key naming the account its orders trade for. */
    static final String ACCOUNT_PROPERTY = "account";

    final StrategyId id;
    final String kind;
    final boolean autoStart;
    final Strategy strategy;
    final HostedContext context;
    /** Which registration of the service this is (0: a stand-in for a service the journal had, not bound now). */
    final long generation;
    /** The service properties that define it, as journaled. */
    final java.util.Map<String, String> properties;
    /** Its configured {@value #ACCOUNT_PROPERTY}, stamped on each of its new orders; null when none (or invalid). */
    final AccountId account;
    /** Why its configured {@value #ACCOUNT_PROPERTY} is not valid (its new orders are refused), or null. */
    final String accountProblem;

    /** Set once the processing thread has taken the binding in (recorded it, maybe auto-started it). */
    boolean attached;
    /** Set on unbind (any thread): the processing thread no longer calls it. */
    volatile boolean detached;

    volatile Lifecycle lifecycle = Lifecycle.STOPPED;
    volatile long intents;
    volatile long faults;
    volatile String lastFault;
    volatile long events;
    volatile long totalEventNanos;
    volatile long maxEventNanos;
    int consecutiveFaults;
    /** Time spent in the loop's intent consumer on this strategy's behalf (processing thread only). */
    long downstreamNanos;

    HostedStrategy(StrategyId id, String kind, boolean autoStart, Strategy strategy, IntentGate gate,
            long generation, java.util.Map<String, String> properties) {
        this.id = id;
        this.kind = kind;
        this.autoStart = autoStart;
        this.strategy = strategy;
        this.context = new HostedContext(this, gate);
        this.generation = generation;
        this.properties = java.util.Map.copyOf(properties);
        String configured = properties.get(ACCOUNT_PROPERTY);
        AccountId parsed = null;
        String problem = null;
        try {
            parsed = AccountId.orElse(configured, null);
        } catch (IllegalArgumentException e) {
            problem = "strategy " + id + ": configuration key " + ACCOUNT_PROPERTY + "='" + configured
                    + "' is not a valid account (" + e.getMessage() + ")";
        }
        this.account = parsed;
        this.accountProblem = problem;
    }

    boolean running() {
        return lifecycle == Lifecycle.RUNNING;
    }

    StrategyInfo info() {
        long n = events;
        return new StrategyInfo(id, kind, lifecycle == Lifecycle.RUNNING, intents, faults, lastFault, autoStart, n,
                n == 0 ? 0 : totalEventNanos / n, maxEventNanos);
    }

    @Override
    public String toString() {
        return id + " (" + kind + ", " + lifecycle + ")";
    }
}
