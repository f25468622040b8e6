package io.livestack.runtime.internal.operator;

import io.livestack.api.event.Command;
import io.livestack.api.event.OperatorCommand;
import io.livestack.api.event.RuntimeEvent;
import io.livestack.api.event.TimerEvent;
import io.livestack.api.event.TimerOwner;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.StorageMonitor;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import io.livestack.runtime.internal.chain.ChainAgent;
import io.livestack.runtime.internal.chain.Guard;
import io.livestack.runtime.internal.chain.Stage;
import io.livestack.runtime.internal.chain.StageFailure;
import io.livestack.runtime.internal.sequencer.EventJournal;
import io.livestack.runtime.internal.sequencer.Sequencer;
import java.util.Collection;
import java.util.SortedMap;
import java.util.function.Supplier;

/** The {@link SessionPort} over the chain: each call into a stage guarded, its failure a contained fault. */
final class ChainSessionPort implements SessionPort {

    /** The user of the commands the runtime gives itself (auto-start). */
    static final String SYSTEM_USER = "system";

    private final ChainAgent chain;
    private final Sequencer sequencer;
    private final Audit audit;
    private volatile Manifest manifest = Manifest.NONE;
    private volatile Supplier<StorageMonitor> storage = () -> null;

    void manifest(Manifest source) {
        manifest = source;
    }

    /** What is in force now (empty when it cannot be taken). */
    java.util.Map<String, String> currentManifest() {
        try {
            return manifest.current();
        } catch (RuntimeException e) {
            return java.util.Map.of();
        }
    }

    @Override
    public void journalManifest() {
        java.util.Map<String, String> now;
        try {
            now = manifest.current();
        } catch (RuntimeException e) {
            now = java.util.Map.of("error", "the manifest could not be taken: " + e);
        }
        sequencer.sequenceNext(new io.livestack.api.event.RuntimeEvent(sequencer.clock().nanos(),
                io.livestack.api.event.RuntimeEvent.Kind.MANIFEST, now));
    }

    ChainSessionPort(ChainAgent chain, Sequencer sequencer, Audit audit) {
        this.chain = chain;
        this.sequencer = sequencer;
        this.audit = audit;
    }

    @Override
    public long seq() {
        return chain.clock().seq();
    }

    @Override
    public long now() {
        return chain.clock().now();
    }

    @Override
    public SortedMap<VenueId, VenueAdapter> venues() {
        return chain.stages().venues();
    }

    @Override
    public VenueSessionState venueState(VenueId venue) {
        return chain.context().state().venueState(venue);
    }

    @Override
    public Collection<OrderView> openOrders() {
        return chain.context().state().openOrders();
    }

    @Override
    public OrderView order(ClientOrderId id) {
        return chain.context().state().order(id);
    }

    @Override
    public void connect(VenueAdapter adapter) {
        contained(Stage.VENUE, adapter::connect);
    }

    @Override
    public void disconnect(VenueAdapter adapter) {
        contained(Stage.VENUE, adapter::disconnect);
    }

    @Override
    public CommandResult startStrategies() {
        return strategies(true);
    }

    @Override
    public CommandResult stopStrategies() {
        return strategies(false);
    }

    private CommandResult strategies(boolean start) {
        try {
            CommandResult r = Guard.call(Stage.STRATEGY_HOST, () -> start
                    ? chain.stages().host().startAll(chain.context().forStrategies(), chain.intents())
                    : chain.stages().host().stopAll(chain.context().forStrategies(), chain.intents()));
            return r != null ? r : CommandResult.error("the strategy host gave no result");
        } catch (StageFailure f) {
            chain.faults().record(f);
            return CommandResult.error("strategies not " + (start ? "started" : "stopped") + " (host failed)");
        }
    }

    @Override
    public boolean cancelForStop(OrderView order) {
        return chain.intents().cancelForStop(order);
    }

    @Override
    public void scheduleTimer(long atNanos, long token) {
        sequencer.scheduleTimer(TimerOwner.SESSION, atNanos, token);
    }

    @Override
    public void notice(long token) {
        sequencer.sequenceNext(new TimerEvent(sequencer.clock().nanos(), TimerOwner.SESSION, token));
    }

    @Override
    public void startSession() {
        sequencer.sequenceNext(new OperatorCommand(sequencer.clock().nanos(), SYSTEM_USER,
                new Command.StartSession()));
    }

    @Override
    public void record(ExecutionRecord record) {
        chain.records().add(record);
    }

    @Override
    public boolean journaled() {
        return chain.journal().journaled();
    }

    @Override
    public boolean replaying() {
        return chain.journal().replaying();
    }

    /** The storage projection this runtime's records go to (none: null). */
    void storage(Supplier<StorageMonitor> source) {
        storage = source;
    }

    @Override
    public StopFlush.Seen durability() {
        EventJournal journal = sequencer.journal();
        // the last input forced to disk: every frame before it is, so every record of the events before it
        long durable = Math.max(0, journal.durableSeq() - 1);
        StorageMonitor monitor = storage.get();
        Long written = null;
        if (monitor != null) {
            try {
                written = monitor.projectionMark();
            } catch (RuntimeException e) {
                written = -1L;
            }
        }
        return new StopFlush.Seen(durable, journal.failure(), written);
    }

    @Override
    public void sequenceNext(RuntimeEvent event) {
        sequencer.sequenceNext(event);
    }

    @Override
    public void complete(PendingCommand command, CommandResult result) {
        if (command != null) {
            audit.complete(command, result);
        }
    }

    private void contained(Stage stage, Runnable call) {
        try {
            Guard.run(stage, call);
        } catch (StageFailure f) {
            chain.faults().record(f);
        }
    }
}
