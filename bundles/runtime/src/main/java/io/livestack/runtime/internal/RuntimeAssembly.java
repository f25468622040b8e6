package io.livestack.runtime.internal;

import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.VenueSessionState;
import io.livestack.runtime.internal.chain.AgentRunner;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.ChainCounters;
import io.livestack.runtime.internal.chain.ExecutionStandIn;
import io.livestack.runtime.internal.chain.HostStandIn;
import io.livestack.runtime.internal.chain.Queries;
import io.livestack.runtime.internal.chain.RecordBuffer;
import io.livestack.runtime.internal.chain.RiskStandIn;
import io.livestack.runtime.internal.chain.StageBinder;
import io.livestack.runtime.internal.chain.StandIns;
import io.livestack.runtime.internal.chain.TickToOrder;
import io.livestack.runtime.internal.operator.LiveRuntimeService;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.journal.JournalReader;
import io.livestack.journal.JournalScan;
import io.livestack.journal.JournalWriter;
import io.livestack.runtime.internal.sequencer.EventJournal;
import io.livestack.runtime.internal.sequencer.FileEventJournal;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime put together, free of OSGi: the {@link Sequencer}, the {@link StageBinder} with the fail-closed
 * stand-ins, the {@link ChainAgent} and the operator side ({@link OperatorCommands}, {@link LiveRuntimeService}).
 * {@link RuntimeComponent} wires it as a DS component; tests build it and either {@link #start()} it (the owned
 * threads) or step the chain by hand with {@code agent().doWork()}.
 */
public final class RuntimeAssembly implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeAssembly.class);

    private final RuntimeConfig config;
    private final Sequencer sequencer;
    private final StageBinder binder;
    private final TickToOrder tickToOrder = new TickToOrder();
    private final ChainAgent agent;
    private final LiveRuntimeService runtime;
    private final AgentRunner runner;
    private volatile long journalBase;

    public RuntimeAssembly(RuntimeConfig config) {
        this.config = config;
        this.sequencer = new Sequencer(config.queueCapacity(), config.waitStrategy(), config.clOrdIdPrefix());
        StandIns standIns = new StandIns(new HostStandIn(), new RiskStandIn(), new ExecutionStandIn(),
                new RecordBuffer(config.recordBufferCapacity()));
        this.binder = new StageBinder(standIns, venue -> sequencer.publishNotice(new VenueSessionEvent(venue,
                sequencer.clock().nanos(), VenueSessionState.UNAVAILABLE, "adapter service unregistered")),
                sequencer::wake);
        ChainCounters counters = new ChainCounters();
        Queries queries = new Queries();
        this.agent = new ChainAgent(sequencer, binder, config.batchSize(), counters, queries, tickToOrder);
        OperatorCommands operator = new OperatorCommands(agent, sequencer, config.startTimeoutMs(),
                config.stopTimeoutMs(), config.autoStart());
        agent.operator(operator);
        this.runtime = new LiveRuntimeService(sequencer, binder, agent, operator, queries, counters);
        this.runner = new AgentRunner(agent, sequencer);
    }

    /** Opens the journal, starts the processing thread and the timer thread. */
    public void start() {
        openJournal();
        runner.start();
        sequencer.start();
        LOG.info("runtime started: queue capacity {}, wait strategy {}, ClOrdID prefix '{}', session auto-start {}",
                config.queueCapacity(), config.waitStrategy().key(), config.clOrdIdPrefix(), config.autoStart());
    }

    /**
     * Stops accepting events, processes what is queued (at most 5 s, and only while the state stage is bound),
     * then stops the threads. Commands that were not processed complete exceptionally.
     */
    @Override
    public void close() {
        runner.close();
        EventJournal journal = sequencer.journal();
        sequencer.journal(EventJournal.OFF);
        journal.close();
    }

    /**
     * The journal in its directory: checked whole (a torn tail is cut off and reported; damage in the middle is an
     * error naming the file and the offset), then appended to after what it holds; sequence numbers continue after
     * its last input.
     */
    private void openJournal() {
        JournalConfig j = config.journal();
        if (!j.enabled()) {
            LOG.warn("the journal is off ({} = false): nothing this runtime does can be recovered", JournalConfig.ENABLED);
            return;
        }
        try {
            JournalScan scan = JournalReader.scan(j.directory(), true);
            if (scan.tornTail() != null) {
                LOG.warn("journal {}: a torn tail was cut off: {}", j.directory(), scan.tornTail());
            }
            JournalWriter writer = JournalWriter.open(j.directory(), j.segmentBytes(), j.syncIntervalMillis(), scan);
            sequencer.journal(new FileEventJournal(writer));
            journalBase = scan.lastInputSeq();
            LOG.info("journal {}: {} frames, last input seq {}; appending, forced to disk every {} ms", j.directory(),
                    scan.frames(), scan.lastInputSeq(), j.syncIntervalMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("the journal in " + j.directory() + " cannot be opened: " + e, e);
        }
    }

    /** The last input journaled before this runtime started (0 without a journal). */
    public long journalBase() {
        return journalBase;
    }

    public RuntimeConfig config() {
        return config;
    }

    public Sequencer sequencer() {
        return sequencer;
    }

    public StageBinder binder() {
        return binder;
    }

    public ChainAgent agent() {
        return agent;
    }

    public LiveRuntimeService runtime() {
        return runtime;
    }

    public TickToOrder tickToOrder() {
        return tickToOrder;
    }
}
