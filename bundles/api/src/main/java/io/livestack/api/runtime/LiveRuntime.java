package io.livestack.api.runtime;

import io.livestack.api.event.Command;
import io.livestack.api.state.StateView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The operator surface of the running chain, for the shell, the web console, metrics and health (any thread).
 * Commands are sequenced like every other input and recorded with the user; queries run on the processing thread
 * between events, so they see a consistent state.
 */
@ProviderType
public interface LiveRuntime {

    CompletableFuture<CommandResult> execute(Command command, String user);

    /** Run {@code query} against the state on the processing thread; copy what it returns out of the views. */
    <T> CompletableFuture<T> query(Function<StateView, T> query);

    RuntimeStatus status();

    /**
     * The processing loop's counters by name (any thread, cheap, never blocks), for the metrics bundle to export:
     * {@code events.in.<EventType>} / {@code events.out.<EventType>} (simple class name, e.g. ExecutionReport),
     * {@code queue.depth}, {@code queue.capacity}, {@code conflated}, {@code overflowed} (market data that found the
     * queue full and waited beside it), {@code producer.waits} (publishes that found the queue full),
     * {@code producer.refused} (offers that timed out), {@code loop.busy.nanos} (time spent processing, not
     * waiting), {@code loop.batches}, {@code records.delivered}, {@code records.buffered}, {@code records.dropped}, {@code reports.parked},
     * {@code faults}, {@code intents.accepted}, {@code intents.rejected}, {@code rejections.<RejectReason>} (refusals
     * the chain recorded, per reason), {@code timers.pending}, {@code seq.last}.
     * Counters only grow; depths and {@code seq.last} are levels. The default has none.
     */
    default Map<String, Long> counters() {
        return Map.of();
    }

    /**
     * Capacity of the intake queue, so that health can tell a saturated queue ({@link RuntimeStatus#queueDepth()}
     * close to it); 0 when unknown.
     */
    default int queueCapacity() {
        return 0;
    }

    /**
     * After a recovery from the journal failed (the runtime takes no events): start with an empty state instead, the
     * old journal kept aside, the kill switch engaged so that nothing trades until an operator resumes. An error when
     * the recovery did not fail. The default: no journal.
     */
    default CommandResult startFresh(String user) {
        return CommandResult.error("this runtime has no journal");
    }

    /** Where this runtime's journal is (for tools that read it: export, verify), or null without a journal. */
    default java.nio.file.Path journalDirectory() {
        return null;
    }
}
