package io.livestack.strategy.host.internal;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.DecisionLog;
import io.livestack.api.runtime.ProcessingContext;
import io.livestack.api.strategy.Strategy;
import io.livestack.api.strategy.StrategyContext;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a strategy with its context bound and its faults contained. An exception, or an {@link Error} other than a
 * {@link VirtualMachineError}, thrown from any callback is caught, counted, and recorded as a
 * MetadataRecord(STRATEGY_FAULT) with a stack summary; the caller learns whether the strategy reached
 * {@code maxConsecutiveFaults} in a row. Each {@code onEvent} is timed with the monotonic clock (for the measurement
 * only), less the time the chain spent processing the intents it emitted, and a call that sets a new maximum above
 * {@code slowEventWarnMicros} is logged: a slow strategy delays every later event. Processing thread only.
 */
final class StrategyCalls {

    /** A strategy callback other than onEvent. */
    @FunctionalInterface
    interface Callback {
        void call(Strategy strategy, StrategyContext context);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StrategyCalls.class);

    private final Supplier<HostSettings> settings;
    private final LongSupplier nanoClock;

    StrategyCalls(Supplier<HostSettings> settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    /** Feeds one event; true when the strategy reached its fault limit with this call. */
    boolean feed(HostedStrategy hosted, Sequenced event, ProcessingContext context, Consumer<Intent> intents) {
        DecisionLog log = context.decisions();
        int call = log.callback(hosted.id);
        DecisionLog.Recorded recorded = log.recorded(call);
        HostedContext.Binding previous = hosted.context.bind(context, intents, log, call);
        Throwable failure = null;
        long took = 0;
        try {
            if (recorded != null) {
                hosted.context.replay(recorded.intents());
            } else {
                long downstreamBefore = hosted.downstreamNanos;
                long started = nanoClock.getAsLong(); // measurement only
                try {
                    hosted.strategy.onEvent(event, hosted.context);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (Throwable t) {
                    failure = t;
                }
                // the strategy's own time: what the chain spent on its intents (risk, execution, venue) is not its cost
                took = nanoClock.getAsLong() - started - (hosted.downstreamNanos - downstreamBefore);
            }
        } finally {
            hosted.context.restore(previous);
        }
        account(hosted, took);
        return outcome(hosted, "onEvent", fault(hosted, failure, recorded, log, call), context);
    }

    /**
     * Calls one callback; returns null when it returned normally, else the fault: {@link Fault#limitReached()} when
     * the strategy reached its fault limit.
     */
    Fault call(HostedStrategy hosted, String phase, ProcessingContext context, Consumer<Intent> intents,
            Callback callback) {
        DecisionLog log = context.decisions();
        int call = log.callback(hosted.id);
        DecisionLog.Recorded recorded = log.recorded(call);
        HostedContext.Binding previous = hosted.context.bind(context, intents, log, call);
        Throwable failure = null;
        try {
            if (recorded != null) {
                hosted.context.replay(recorded.intents());
            } else {
                callback.call(hosted.strategy, hosted.context);
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            failure = t;
        } finally {
            hosted.context.restore(previous);
        }
        Recorded fault = fault(hosted, failure, recorded, log, call);
        if (fault == null) {
            hosted.consecutiveFaults = 0;
            return null;
        }
        return new Fault(outcome(hosted, phase, fault, context));
    }

    /** A callback threw. */
    record Fault(boolean limitReached) {
    }

    /** A fault as recorded: the headline and the summary (with stack frames) of the throwable. */
    private record Recorded(String headline, String summary) {
    }

    /** The call's fault (null: none), journaled when it was thrown now, as journaled when it is replayed. */
    private Recorded fault(HostedStrategy hosted, Throwable failure, DecisionLog.Recorded recorded, DecisionLog log,
            int call) {
        if (recorded != null) {
            return recorded.threw() ? new Recorded(recorded.faultHeadline(), recorded.faultSummary()) : null;
        }
        if (failure == null) {
            return null;
        }
        Recorded fault = new Recorded(Faults.headline(failure),
                Faults.summary(failure, settings.get().faultStackFrames()));
        log.threw(call, hosted.id, fault.headline(), fault.summary());
        LOG.debug("Strategy {} fault", hosted.id, failure);
        return fault;
    }

    private boolean outcome(HostedStrategy hosted, String phase, Recorded fault, ProcessingContext context) {
        if (fault == null) {
            hosted.consecutiveFaults = 0;
            return false;
        }
        hosted.faults++;
        hosted.consecutiveFaults++;
        hosted.lastFault = phase + ": " + fault.headline();
        context.record(new MetadataRecord(context.seq(), context.now(), MetadataRecord.Kind.STRATEGY_FAULT,
                hosted.id.value(), phase + " threw (" + hosted.consecutiveFaults + " in a row, " + hosted.faults
                        + " in all): " + fault.summary()));
        LOG.warn("Strategy {} {} threw ({} in a row): {}", hosted.id, phase, hosted.consecutiveFaults,
                fault.headline());
        return hosted.consecutiveFaults >= settings.get().maxConsecutiveFaults();
    }

    private void account(HostedStrategy hosted, long took) {
        hosted.events++;
        hosted.totalEventNanos += took;
        if (took > hosted.maxEventNanos) {
            hosted.maxEventNanos = took;
            long threshold = settings.get().slowEventWarnNanos();
            if (threshold > 0 && took > threshold) {
                LOG.warn("Strategy {} took {} µs for one event (new maximum; warning threshold {} µs): it delays"
                        + " every later event, stop it if this persists", hosted.id, took / 1_000,
                        threshold / 1_000);
            }
        }
    }
}
