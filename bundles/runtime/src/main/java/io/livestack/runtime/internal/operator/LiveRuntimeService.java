package io.livestack.runtime.internal.operator;

import io.livestack.api.event.Command;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.state.StateView;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.ChainCounters;
import io.livestack.runtime.internal.chain.Queries;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.StageBinder;
import io.livestack.runtime.internal.chain.Stages;
import io.livestack.runtime.internal.sequencer.EventJournal;
import io.livestack.runtime.internal.sequencer.Sequencer;
import io.livestack.runtime.internal.sequencer.SequencerCounters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@link LiveRuntime} service: the operator surface of the running chain, for the shell, the web console, metrics
 * and health (any thread). Commands are sequenced like every other input, with their reply beside them; queries run
 * on the processing thread between events; status and counters read what the parts publish, never blocking.
 */
public final class LiveRuntimeService implements LiveRuntime {

    private final Sequencer sequencer;
    private final StageBinder binder;
    private final ChainAgent chain;
    private final OperatorCommands operator;
    private final Queries queries;
    private final ChainCounters chainCounters;
    private final JournalView journal;

    /** @param journal the journal's part, or null when the journal is off */
    public LiveRuntimeService(Sequencer sequencer, StageBinder binder, ChainAgent chain, OperatorCommands operator,
            Queries queries, ChainCounters chainCounters, JournalView journal) {
        this.journal = journal;
        this.sequencer = sequencer;
        this.binder = binder;
        this.chain = chain;
        this.operator = operator;
        this.queries = queries;
        this.chainCounters = chainCounters;
    }

    @Override
    public CompletableFuture<CommandResult> execute(Command command, String user) {
        CompletableFuture<CommandResult> reply = new CompletableFuture<>();
        try {
            sequencer.publishCommand(new OperatorCommand(sequencer.clock().nanos(), user, command), reply);
        } catch (RuntimeException e) {
            reply.completeExceptionally(e);
        }
        return reply;
    }

    @Override
    public <T> CompletableFuture<T> query(Function<StateView, T> query) {
        Objects.requireNonNull(query, "query");
        if (sequencer.isClosed()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the runtime is stopped"));
        }
        if (sequencer.isProcessingThread()) {
            // asked from the processing thread (a stage): run it now, queuing would deadlock a caller that waits
            return Queries.runNow(query, chain.stages().state() == null ? null : chain.context().state());
        }
        CompletableFuture<T> result = queries.submit(query);
        sequencer.wake();
        return result;
    }

    @Override
    public RuntimeStatus status() {
        Stages stages = chain.publishedStages();
        ExecutionStage execution = stages.execution();
        TradingState global;
        boolean kill;
        try {
            kill = execution.killSwitchEngaged();
            global = kill ? TradingState.HALTED
                    : execution.tradingStates().getOrDefault(TradingScope.GLOBAL, TradingState.ACTIVE);
        } catch (RuntimeException e) {
            kill = false;
            global = TradingState.HALTED;
        }
        Map<String, Boolean> present = new LinkedHashMap<>();
        for (Stage s : new Stage[] {Stage.STATE, Stage.STRATEGY_HOST, Stage.RISK, Stage.EXECUTION}) {
            present.put(s.label(), stages.present(s));
        }
        if (journal == null || stages.present(Stage.SINK)) {
            // with a journal the records are durable there and storage follows it (its own health): no stage to wait for
            present.put(Stage.SINK.label(), stages.present(Stage.SINK));
        }
        for (VenueId v : stages.venues().keySet()) {
            present.put("venue:" + v.value(), true);
        }
        String halted = halted();
        if (halted != null) {
            global = TradingState.HALTED;
        }
        return new RuntimeStatus(operator.session(), sequencer.lastSeqPublished(), sequencer.queueDepth(),
                sequencer.counters().processed(), sequencer.counters().conflated(),
                Collections.unmodifiableMap(present), global, kill,
                journal == null ? "none (no journal)" : journal.recoveryStatus(), journalState(), halted);
    }

    /** How a verifying runtime's startup says it takes no live event (not a failure). */
    public static final String VERIFY_MODE = "verify mode";

    /** Why nothing new trades whatever the trading states say: a failed recovery, a journal failing; or null. */
    private String halted() {
        if (journal == null) {
            return null;
        }
        String recoveryFailure = journal.recoveryFailure();
        if (recoveryFailure != null) {
            return recoveryFailure.startsWith(VERIFY_MODE) ? recoveryFailure
                    : "recovery from the journal failed: " + recoveryFailure + " (no event is processed)";
        }
        String journalFailure = sequencer.journal().failure();
        return journalFailure == null ? null : "the journal cannot be written: " + journalFailure
                + " (no new orders; cancels go)";
    }

    private String journalState() {
        EventJournal j = sequencer.journal();
        if (journal == null) {
            return "off (nothing is recoverable)";
        }
        String failure = j.failure();
        if (failure != null) {
            return "FAILING: " + failure;
        }
        String snapshot = journal.snapshotFailure();
        return "appending: input seq " + j.appendedSeq() + " appended, " + j.durableSeq() + " on disk; last snapshot "
                + (journal.lastSnapshotSeq() == 0 ? "none yet" : "at seq " + journal.lastSnapshotSeq())
                + (snapshot == null ? "" : " (" + snapshot + ")");
    }

    @Override
    public java.nio.file.Path journalDirectory() {
        return journal == null ? null : journal.directory();
    }

    @Override
    public CommandResult startFresh(String user) {
        if (journal == null) {
            return CommandResult.error("this runtime has no journal");
        }
        try {
            return CommandResult.ok(journal.startFresh(user));
        } catch (IllegalStateException e) {
            return CommandResult.error(e.getMessage());
        } finally {
            sequencer.wake();
        }
    }

    @Override
    public Map<String, Long> counters() {
        SequencerCounters s = sequencer.counters();
        ChainCounters c = chainCounters;
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < SequencerCounters.TYPES.length; i++) {
            m.put("events.in." + SequencerCounters.TYPES[i], s.in(i));
        }
        for (int i = 0; i < SequencerCounters.TYPES.length; i++) {
            m.put("events.out." + SequencerCounters.TYPES[i], s.out(i));
        }
        m.put("queue.depth", (long) sequencer.queueDepth());
        m.put("queue.capacity", (long) sequencer.capacity());
        m.put("conflated", s.conflated());
        m.put("overflowed", s.overflowed());
        m.put("producer.waits", s.producerWaits());
        m.put("producer.refused", s.refused());
        m.put("loop.busy.nanos", c.busyNanos());
        m.put("loop.batches", c.batches());
        m.put("records.delivered", c.recordsDelivered());
        m.put("records.buffered", (long) binder.standIns().sink().buffered());
        m.put("records.dropped", binder.standIns().sink().dropped());
        m.put("reports.parked", (long) sequencer.held());
        m.put("faults", c.faults());
        m.put("venues.refused", binder.venuesRefused());
        m.put("intents.accepted", c.intentsAccepted());
        m.put("intents.rejected", c.intentsRejected());
        for (RejectReason reason : RejectReason.values()) {
            m.put("rejections." + reason.name(), c.rejections(reason));
        }
        m.put("timers.pending", (long) sequencer.timersPending());
        m.put("seq.last", sequencer.lastSeqPublished());
        EventJournal journal = sequencer.journal();
        m.put("journal.enabled", journal.enabled() ? 1L : 0L);
        m.put("journal.failed", journal.failure() != null ? 1L : 0L);
        m.put("journal.seq.appended", journal.appendedSeq());
        m.put("journal.seq.durable", journal.durableSeq());
        return Collections.unmodifiableMap(m);
    }

    @Override
    public int queueCapacity() {
        return sequencer.capacity();
    }
}
