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
import io.livestack.runtime.internal.sequencer.Sequencer;
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

    /** Starts the processing thread and the timer thread. */
    public void start() {
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
