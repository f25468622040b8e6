package io.livestack.runtime.internal.chain;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.VenueId;
import io.livestack.api.risk.RiskSnapshot;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.runtime.ExecutionSnapshot;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.HostSnapshot;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.venue.VenueAdapter;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services the chain uses, as the journal knows them: changed only by the {@link BindingEvent}s the chain
 * processes, so that a replay sees the same chain at the same place. Live, a binding takes the registered service of
 * its generation ({@link StageBinder}); in a replay it takes the service of that kind bound now (the journal's came
 * from another process), and a venue is a {@link ReplayVenue} with the journaled instruments. A missing strategy
 * host, risk stage or execution control is its fail-closed stand-in.
 * <p>
 * A stage keeps its state across a redeploy: when one leaves (or is replaced) its snapshot is taken and carried, and
 * the one that comes next starts from it. Processing thread only.
 */
public final class Bindings {

    private static final Logger LOG = LoggerFactory.getLogger(Bindings.class);

    /**
     * Where the bindings stand, as a snapshot holds them: each stage's generation (0: none), the venues bound, the
     * pluggable risk checks bound (by name).
     */
    public record State(long host, long risk, long execution, Map<VenueId, BindingEvent> venues,
            Map<String, BindingEvent> riskChecks) {
        public State {
            venues = java.util.Collections.unmodifiableMap(new TreeMap<>(venues));
            riskChecks = java.util.Collections.unmodifiableMap(new TreeMap<>(riskChecks));
        }
    }

    private final StageBinder binder;
    private StrategyHostStage host;
    private long hostGeneration;
    private RiskStage risk;
    private long riskGeneration;
    private ExecutionStage execution;
    private long executionGeneration;
    private final TreeMap<VenueId, VenueAdapter> venues = new TreeMap<>();
    private final TreeMap<VenueId, BindingEvent> venueBindings = new TreeMap<>();
    private final TreeMap<String, BindingEvent> riskChecks = new TreeMap<>();
    private HostSnapshot carriedHost;
    private RiskSnapshot carriedRisk;
    private ExecutionSnapshot carriedExecution;

    Bindings(StageBinder binder) {
        this.binder = binder;
    }

    /** The stages as the chain uses them now. */
    Stages stages() {
        StandIns standIns = binder.standIns();
        Set<Stage> present = EnumSet.noneOf(Stage.class);
        if (binder.state() != null) {
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
        if (binder.sink() != null) {
            present.add(Stage.SINK);
        }
        return new Stages(binder.state(), host != null ? host : standIns.host(),
                risk != null ? risk : standIns.risk(), execution != null ? execution : standIns.execution(),
                binder.sink() != null ? binder.sink() : standIns.sink(), new TreeMap<>(venues), present);
    }

    /** The property of a venue's binding (its configuration) that names the account of its orders without one. */
    public static final String VENUE_ACCOUNT = "account";

    /**
     * The account a new order at {@code venue} gets when neither it nor its strategy names one: the venue binding's
     * {@value #VENUE_ACCOUNT} property, else {@link AccountId#DEFAULT}. Throws IllegalArgumentException naming the
     * venue, key and value when the property is not a valid account.
     */
    AccountId venueAccount(VenueId venue) {
        BindingEvent binding = venueBindings.get(venue);
        String configured = binding == null ? null : binding.properties().get(VENUE_ACCOUNT);
        try {
            return AccountId.orElse(configured, AccountId.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venue " + venue + ": configuration key " + VENUE_ACCOUNT + "='"
                    + configured + "' is not a valid account (" + e.getMessage() + ")", e);
        }
    }

    /** Takes a binding in; {@code replaying}: it comes from the journal in a recovery. */
    void apply(BindingEvent e, boolean replaying) {
        switch (e.kind()) {
            case STRATEGY_HOST -> {
                if (e.bound()) {
                    StrategyHostStage next = (StrategyHostStage) service(e, replaying);
                    carryHost();
                    host = next;
                    hostGeneration = next == null ? 0 : e.generation();
                    restoreHost();
                } else if (e.generation() == hostGeneration || replaying) {
                    carryHost();
                    host = null;
                    hostGeneration = 0;
                }
            }
            case RISK -> {
                if (e.bound()) {
                    RiskStage next = (RiskStage) service(e, replaying);
                    carryRisk();
                    risk = next;
                    riskGeneration = next == null ? 0 : e.generation();
                    restoreRisk();
                } else if (e.generation() == riskGeneration || replaying) {
                    carryRisk();
                    risk = null;
                    riskGeneration = 0;
                }
            }
            case EXECUTION -> {
                if (e.bound()) {
                    ExecutionStage next = (ExecutionStage) service(e, replaying);
                    carryExecution();
                    execution = next;
                    executionGeneration = next == null ? 0 : e.generation();
                    restoreExecution();
                } else if (e.generation() == executionGeneration || replaying) {
                    carryExecution();
                    execution = null;
                    executionGeneration = 0;
                }
            }
            case VENUE -> venue(e, replaying);
            case RISK_CHECK -> riskCheck(e);
            default -> { }
        }
        if (!e.bound() && !replaying && e.kind() != BindingEvent.Kind.STRATEGY
                && e.kind() != BindingEvent.Kind.RISK_CHECK) { // those generations are their own, not the binder's
            binder.released(e.generation());
        }
    }

    /**
     * A pluggable risk check came or went (announced by the risk stage): the risk stage is told which checks run from
     * this event on. An unbinding of an older generation than the one bound (re-registered) changes nothing.
     */
    private void riskCheck(BindingEvent e) {
        if (e.bound()) {
            riskChecks.put(e.id(), e);
        } else {
            BindingEvent bound = riskChecks.get(e.id());
            if (bound != null && bound.generation() == e.generation()) {
                riskChecks.remove(e.id());
            }
        }
        tellRisk();
    }

    private void tellRisk() {
        if (risk != null) {
            risk.checksBound(java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(riskChecks.keySet())));
        }
    }

    private void venue(BindingEvent e, boolean replaying) {
        VenueId id = new VenueId(e.id());
        if (e.bound()) {
            VenueAdapter adapter = replaying ? new ReplayVenue(id, instruments(e)) : (VenueAdapter) binder.service(
                    e.generation());
            if (adapter != null) {
                VenueAdapter previous = venues.put(id, adapter);
                venueBindings.put(id, e);
                if (previous != null && previous != adapter) {
                    LOG.info("venue {}: adapter replaced", id);
                }
            }
        } else {
            // only the binding it undoes, live and in a replay alike: the unbinding of an adapter that another
            // had replaced (journals before refusals) leaves the other bound, as it did live
            BindingEvent bound = venueBindings.get(id);
            if (bound != null && bound.generation() == e.generation()) {
                venues.remove(id);
                venueBindings.remove(id);
            }
        }
    }

    /** Live: the registration of the event's generation; in a replay, the one of that kind bound now. */
    private Object service(BindingEvent e, boolean replaying) {
        if (replaying) {
            StageBinder.Registration now = binder.current(e.kind(), null);
            return now == null ? null : now.service();
        }
        return binder.service(e.generation());
    }

    /**
     * After a recovery: the bindings of the process that wrote the journal are gone with it. Every stage leaves
     * (its snapshot carried), every venue goes; the bindings of this process, queued since it started, follow.
     */
    public void reset() {
        carryHost();
        carryRisk();
        carryExecution();
        host = null;
        risk = null;
        execution = null;
        hostGeneration = 0;
        riskGeneration = 0;
        executionGeneration = 0;
        venues.clear();
        venueBindings.clear();
        riskChecks.clear();
    }

    // ============================================================================================ snapshots

    public State state() {
        return new State(hostGeneration, riskGeneration, executionGeneration, venueBindings, riskChecks);
    }

    /**
     * Puts back a snapshot's bindings (a recovery): the stages of the kinds it had bound are the ones bound now,
     * its venues stand in as replay venues; each stage starts from the snapshot's section, the absent ones carry it.
     */
    public void restore(State s, ExecutionSnapshot executionState, RiskSnapshot riskState, HostSnapshot hostState) {
        carriedExecution = executionState;
        carriedRisk = riskState;
        carriedHost = hostState;
        host = s.host() == 0 ? null : (StrategyHostStage) current(BindingEvent.Kind.STRATEGY_HOST);
        risk = s.risk() == 0 ? null : (RiskStage) current(BindingEvent.Kind.RISK);
        execution = s.execution() == 0 ? null : (ExecutionStage) current(BindingEvent.Kind.EXECUTION);
        hostGeneration = s.host();
        riskGeneration = s.risk();
        executionGeneration = s.execution();
        riskChecks.clear();
        riskChecks.putAll(s.riskChecks());
        restoreHost();
        restoreRisk();
        restoreExecution();
        venues.clear();
        venueBindings.clear();
        for (BindingEvent v : s.venues().values()) {
            venue(v, true);
        }
    }

    /** Each stage's state: the bound one's, else the carried one (null: none known). */
    public HostSnapshot hostState() {
        return host != null ? host.snapshot() : carriedHost;
    }

    public RiskSnapshot riskState() {
        return risk != null ? risk.snapshot() : carriedRisk;
    }

    public ExecutionSnapshot executionState() {
        return execution != null ? execution.snapshot() : carriedExecution;
    }

    private Object current(BindingEvent.Kind kind) {
        StageBinder.Registration r = binder.current(kind, null);
        return r == null ? null : r.service();
    }

    /**
     * The host leaves: its state is carried to the next one with every strategy detached, so that each becomes a
     * member again only by its binding event, which comes after (journaled) both live and in a replay. Kept attached,
     * a replay would make them members at the restore and take their binding events as already applied.
     */
    private void carryHost() {
        if (host != null) {
            HostSnapshot s = host.snapshot();
            carriedHost = new HostSnapshot(s.sessionRunning(), s.strategies().stream()
                    .map(h -> new HostSnapshot.Hosted(h.id(), false, h.running(), h.events(), h.intents(), h.faults(),
                            h.consecutiveFaults(), h.lastFault()))
                    .toList());
        }
    }

    /**
     * A host that is bound starts from the state carried to it, or empty: either way it announces its strategies
     * again (as binding events, journaled), so that each joins it by its binding even when the strategies' own
     * bindings came while no host was there to take them.
     */
    private void restoreHost() {
        if (host != null) {
            host.restore(carriedHost != null ? carriedHost : HostSnapshot.EMPTY);
        }
    }

    private void carryRisk() {
        if (risk != null) {
            carriedRisk = risk.snapshot();
        }
    }

    /** A risk stage that is bound starts from the state carried to it, and runs the risk checks bound now. */
    private void restoreRisk() {
        if (risk != null && carriedRisk != null) {
            risk.restore(carriedRisk);
        }
        tellRisk();
    }

    private void carryExecution() {
        if (execution != null) {
            carriedExecution = execution.snapshot();
        }
    }

    private void restoreExecution() {
        if (execution != null && carriedExecution != null) {
            execution.restore(carriedExecution);
        }
    }

    private static Set<InstrumentId> instruments(BindingEvent e) {
        Set<InstrumentId> out = new LinkedHashSet<>();
        String list = e.properties().get(BindingEvent.INSTRUMENTS);
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    out.add(new InstrumentId(s.trim()));
                }
            }
        }
        return out;
    }
}
