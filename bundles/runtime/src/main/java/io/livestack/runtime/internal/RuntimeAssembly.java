package io.livestack.runtime.internal;

import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.StorageMonitor;
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
import io.livestack.runtime.internal.operator.Manifest;
import io.livestack.runtime.internal.operator.OperatorCommands;
import io.livestack.runtime.internal.recovery.JournalRuntime;
import io.livestack.runtime.internal.sequencer.EventJournal;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.function.Supplier;
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
    private final JournalRuntime journal;
    private final OperatorCommands operator;

    public RuntimeAssembly(RuntimeConfig config) {
        this.config = config;
        this.sequencer = new Sequencer(config.queueCapacity(), config.waitStrategy(), config.clOrdIdPrefix());
        StandIns standIns = new StandIns(new HostStandIn(), new RiskStandIn(), new ExecutionStandIn(),
                config.journal().enabled() ? RecordBuffer.journaled()
                        : new RecordBuffer(config.recordBufferCapacity()));
        this.binder = new StageBinder(standIns, sequencer::publishNotice, venue -> sequencer.publishNotice(
                new VenueSessionEvent(venue, sequencer.clock().nanos(), VenueSessionState.UNAVAILABLE,
                        "adapter service unregistered")), sequencer::wake);
        ChainCounters counters = new ChainCounters();
        Queries queries = new Queries();
        this.agent = new ChainAgent(sequencer, binder, config.batchSize(), counters, queries, tickToOrder);
        this.operator = new OperatorCommands(agent, sequencer, config.startTimeoutMs(),
                config.stopTimeoutMs(), config.stopFlushTimeoutMs(), config.autoStart());
        agent.operator(operator);
        this.journal = config.journal().enabled()
                ? new JournalRuntime(config.journal(), sequencer, agent, operator, binder) : null;
        this.runtime = new LiveRuntimeService(sequencer, binder, agent, operator, queries, counters, journal);
        this.runner = new AgentRunner(agent, sequencer);
        if (journal == null) {
            LOG.warn("the journal is off ({} = false): nothing this runtime does can be recovered",
                    JournalConfig.ENABLED);
        }
    }

    /**
     * Starts the processing thread (which first recovers from the journal: no event is taken before) and the timer
     * thread.
     */
    public void start() {
        runner.start();
        sequencer.start();
        LOG.info("runtime started: queue capacity {}, wait strategy {}, ClOrdID prefix '{}', session auto-start {}",
                config.queueCapacity(), config.waitStrategy().key(), config.clOrdIdPrefix(), config.autoStart());
    }

    /**
     * Takes a last snapshot, stops accepting events, processes what is queued (at most 5 s, and only while the state
     * stage is bound), then stops the threads and closes the journal. Commands that were not processed complete
     * exceptionally.
     */
    @Override
    public void close() {
        if (journal != null) {
            journal.beforeStop();
        }
        runner.close();
        if (journal != null) {
            journal.close();
        }
        EventJournal j = sequencer.journal();
        sequencer.journal(EventJournal.OFF);
        j.close();
    }

    /** Where the manifest journaled at each session start comes from (the framework's bundles and configurations). */
    public void manifest(Manifest source) {
        operator.manifest(source);
    }

    /** The storage projection of this runtime's records: a session stop waits for it (its projection mark). */
    public void storage(Supplier<StorageMonitor> source) {
        operator.storage(source);
    }

    /** The journal's part (recovery, snapshots), or null when the journal is off. */
    public JournalRuntime journal() {
        return journal;
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
