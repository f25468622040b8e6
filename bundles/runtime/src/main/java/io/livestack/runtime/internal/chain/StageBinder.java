package io.livestack.runtime.internal.chain;

import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.record.RecordRecovery;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the stage services as Declarative Services binds and unbinds them (any thread, all optional and dynamic) and
 * publishes a new {@link Stages} snapshot on every change. When a venue adapter goes away its venue is reported gone
 * ({@code venueGone}), so that the chain marks it UNAVAILABLE.
 */
public final class StageBinder {

    private static final Logger LOG = LoggerFactory.getLogger(StageBinder.class);

    private final StandIns standIns;
    private final Consumer<VenueId> venueGone;
    private final Runnable changed;
    private StateStore state;
    private StrategyHostStage host;
    private RiskStage risk;
    private ExecutionStage execution;
    private ExecutionRecordSink sink;
    private RecordRecovery recovery;
    private final Map<VenueId, VenueAdapter> venues = new TreeMap<>();
    private volatile Stages current;

    /**
     * @param venueGone told (outside the lock) the id of a venue whose adapter was unbound
     * @param changed told after every new snapshot (wakes the processing thread)
     */
    public StageBinder(StandIns standIns, Consumer<VenueId> venueGone, Runnable changed) {
        this.standIns = standIns;
        this.venueGone = venueGone;
        this.changed = changed;
        this.current = snapshot();
    }

    /** The stages now (any thread; the processing thread takes it between events). */
    public Stages current() {
        return current;
    }

    public StandIns standIns() {
        return standIns;
    }

    public void bindState(StateStore s) {
        update(() -> state = s);
    }

    public void unbindState(StateStore s) {
        update(() -> state = state == s ? null : state);
    }

    public void bindHost(StrategyHostStage h) {
        update(() -> host = h);
    }

    public void unbindHost(StrategyHostStage h) {
        update(() -> host = host == h ? null : host);
    }

    public void bindRisk(RiskStage r) {
        update(() -> risk = r);
    }

    public void unbindRisk(RiskStage r) {
        update(() -> risk = risk == r ? null : risk);
    }

    public void bindExecution(ExecutionStage x) {
        update(() -> execution = x);
    }

    public void unbindExecution(ExecutionStage x) {
        update(() -> execution = execution == x ? null : execution);
    }

    public void bindSink(ExecutionRecordSink s) {
        update(() -> sink = s);
    }

    public void unbindSink(ExecutionRecordSink s) {
        update(() -> sink = sink == s ? null : sink);
    }

    public void bindRecovery(RecordRecovery r) {
        update(() -> recovery = r);
    }

    public void unbindRecovery(RecordRecovery r) {
        update(() -> recovery = recovery == r ? null : recovery);
    }

    /** A venue adapter; its id is the {@value VenueAdapter#VENUE_PROPERTY} service property, else its venueId(). */
    public void bindVenue(VenueAdapter adapter, Map<String, ?> properties) {
        VenueId id = venueIdOf(adapter, properties);
        update(() -> {
            VenueAdapter previous = venues.put(id, adapter);
            if (previous != null && previous != adapter) {
                LOG.info("venue {}: adapter replaced", id);
            }
        });
        LOG.info("venue {} registered ({})", id, describe(adapter));
    }

    /** The adapter went away: its venue becomes UNAVAILABLE (reported to {@code venueGone}). */
    public void unbindVenue(VenueAdapter adapter, Map<String, ?> properties) {
        VenueId id = venueIdOf(adapter, properties);
        boolean[] removed = new boolean[1];
        update(() -> removed[0] = venues.remove(id, adapter));
        if (removed[0]) {
            LOG.info("venue {} unregistered: publishing UNAVAILABLE", id);
            venueGone.accept(id);
        }
    }

    private void update(Runnable change) {
        synchronized (this) {
            change.run();
            current = snapshot();
        }
        changed.run();
    }

    private Stages snapshot() {
        EnumSet<Stage> present = EnumSet.noneOf(Stage.class);
        if (state != null) {
            present.add(Stage.STATE);
        }
        if (host != null) {
            present.add(Stage.STRATEGY_HOST);
        }
        if (risk != null) {
            present.add(Stage.RISK);
        }
        if (execution != null) {
            present.add(Stage.EXECUTION);
        }
        if (sink != null) {
            present.add(Stage.SINK);
        }
        return new Stages(state, host != null ? host : standIns.host(), risk != null ? risk : standIns.risk(),
                execution != null ? execution : standIns.execution(), sink != null ? sink : standIns.sink(),
                new TreeMap<>(venues), recovery, present);
    }

    private static VenueId venueIdOf(VenueAdapter adapter, Map<String, ?> properties) {
        Object v = properties == null ? null : properties.get(VenueAdapter.VENUE_PROPERTY);
        if (v instanceof String s && !s.isBlank()) {
            return new VenueId(s.trim());
        }
        return adapter.venueId();
    }

    private static String describe(VenueAdapter adapter) {
        try {
            return adapter.kind() + ": " + adapter.describe();
        } catch (RuntimeException e) {
            return adapter.getClass().getName();
        }
    }
}
