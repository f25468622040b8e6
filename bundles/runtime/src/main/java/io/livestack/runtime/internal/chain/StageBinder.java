package io.livestack.runtime.internal.chain;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.event.Event;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.ExecutionRecordSink;
import io.livestack.api.state.StateStore;
import io.livestack.api.venue.VenueAdapter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the services the chain decides with as Declarative Services binds and unbinds them (any thread, all optional
 * and dynamic): each registration gets a generation and is announced by a {@link BindingEvent}, sequenced and
 * journaled like any input; the chain uses the service from the moment it processes that event ({@link Bindings})
 * to the moment it processes its unbinding. The registration is kept until then (a service unregistered in between
 * is still the one the chain uses). When a venue adapter goes away its venue is reported gone ({@code venueGone}), so
 * that the chain marks it UNAVAILABLE.
 * <p>
 * One adapter per venue id: a second venue adapter service for an id that a registered adapter serves (another
 * adapter bundle, a second configuration) is refused — the first stays bound. The refusal is logged as an ERROR
 * naming both bundles, counted ({@link #venuesRefused()}), and announced by a binding event marked
 * {@value BindingEvent#REFUSED} (journaled: the chain records it and never uses that adapter, live and in a
 * replay). When the refused adapter goes, nothing is announced and its venue is not reported gone. Venue bindings
 * are decided and announced under one lock, so that the chain sees them in the order they were decided.
 * <p>
 * The state stage and the record sink are taken in at once (between events): without a state
 * the chain takes no event, and the sink only delivers what was decided.
 */
public final class StageBinder {

    private static final Logger LOG = LoggerFactory.getLogger(StageBinder.class);

    /** One registration: what, which one, its generation and the service. */
    public record Registration(BindingEvent.Kind kind, String id, long generation, Object service, String bundle) {
    }

    private final StandIns standIns;
    private final Consumer<Event> notices;
    private final Consumer<VenueId> venueGone;
    private final Runnable changed;
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final Map<Long, Registration> registered = new ConcurrentHashMap<>();
    private final Map<Long, Registration> unregistered = new ConcurrentHashMap<>();
    /** Venue adapters refused (another one serves their id), until they go. */
    private final Map<Long, Registration> refused = new ConcurrentHashMap<>();
    private final AtomicLong venuesRefused = new AtomicLong();
    private volatile StateStore state;
    private volatile ExecutionRecordSink sink;

    /**
     * @param notices   where a binding event goes (the sequencer; never waits)
     * @param venueGone told the id of a venue whose adapter was unbound
     * @param changed   told after every change (wakes the processing thread)
     */
    public StageBinder(StandIns standIns, Consumer<Event> notices, Consumer<VenueId> venueGone, Runnable changed) {
        this.standIns = standIns;
        this.notices = notices;
        this.venueGone = venueGone;
        this.changed = changed;
    }

    public StandIns standIns() {
        return standIns;
    }

    // ============================================================================================ SCR threads

    public void bindState(StateStore s) {
        state = s;
        changed();
    }

    public void unbindState(StateStore s) {
        if (state == s) {
            state = null;
        }
        changed();
    }

    public void bindSink(ExecutionRecordSink s) {
        sink = s;
        changed();
    }

    public void unbindSink(ExecutionRecordSink s) {
        if (sink == s) {
            sink = null;
        }
        changed();
    }

    private void changed() {
        changes.incrementAndGet();
        changed.run();
    }

    /** Counts the changes of the state and sink services (the chain takes them in when it moves). */
    public long changes() {
        return changes.get();
    }

    /**
     * A stage or venue adapter came: announced with a new generation. {@code properties} are the service properties
     * that define it (journaled); for a venue its instruments are added. A venue adapter for an id that another
     * registered adapter serves is refused (see the class comment).
     */
    public synchronized void bind(BindingEvent.Kind kind, String id, Object service, String bundle, String version,
            Map<String, ?> properties) {
        long generation = generations.incrementAndGet();
        Registration registration = new Registration(kind, id, generation, service, describeBundle(bundle, version));
        Map<String, String> props = journaled(properties);
        if (service instanceof VenueAdapter adapter) {
            props.put(BindingEvent.INSTRUMENTS, instruments(adapter));
            Registration serving = current(kind, id);
            if (serving != null && serving.service() != service) {
                String why = "refused: venue " + id + " is served by the adapter of " + serving.bundle()
                        + " (generation " + serving.generation() + "), which stays bound";
                LOG.error("venue {}: a second venue adapter service, of {} ({}), {}. Remove the duplicate "
                        + "configuration or bundle; when this adapter goes, venue {} is not affected", id,
                        registration.bundle(), describe(adapter), why, id);
                venuesRefused.incrementAndGet();
                refused.put(generation, registration);
                props.put(BindingEvent.REFUSED, why);
                notices.accept(new BindingEvent(now(), kind, id, true, generation, bundle, version, props));
                changed.run();
                return;
            }
            LOG.info("venue {} registered ({})", id, describe(adapter));
        }
        registered.put(generation, registration);
        notices.accept(new BindingEvent(now(), kind, id, true, generation, bundle, version, props));
        changed.run();
    }

    /**
     * A stage or venue adapter went: its unbinding is announced; a venue is reported gone. A refused venue adapter
     * goes without either (it was never bound).
     */
    public synchronized void unbind(BindingEvent.Kind kind, Object service) {
        for (Registration r : refused.values()) {
            if (r.kind() == kind && r.service() == service) {
                refused.remove(r.generation());
                LOG.info("venue {}: the refused adapter of {} went; the venue is not affected", r.id(), r.bundle());
            }
        }
        for (Registration r : registered.values()) {
            if (r.kind() == kind && r.service() == service) {
                registered.remove(r.generation());
                unregistered.put(r.generation(), r);
                notices.accept(new BindingEvent(now(), kind, r.id(), false, r.generation(), "", "", Map.of()));
                if (kind == BindingEvent.Kind.VENUE) {
                    LOG.info("venue {} unregistered: publishing UNAVAILABLE", r.id());
                    venueGone.accept(new VenueId(r.id()));
                }
            }
        }
        changed.run();
    }

    /**
     * The service properties of a bound stage or venue adapter changed (its configuration, e.g. a venue's
     * {@code account}): it is announced again under a new generation with them, the registration it replaces let go
     * of without an unbinding (the chain keeps using the same service, with the new properties from that binding on,
     * live and in a replay). One under another id is unbound and bound; a refused or unknown one is left alone.
     */
    public synchronized void rebind(BindingEvent.Kind kind, String id, Object service, String bundle, String version,
            Map<String, ?> properties) {
        Registration old = null;
        for (Registration r : registered.values()) {
            if (r.kind() == kind && r.service() == service) {
                old = r;
            }
        }
        if (old == null) {
            return;
        }
        if (!old.id().equals(id)) {
            unbind(kind, service);
        } else {
            registered.remove(old.generation());
        }
        bind(kind, id, service, bundle, version, properties);
    }

    /** How many venue adapter services were refused because another one served their venue id. */
    public long venuesRefused() {
        return venuesRefused.get();
    }

    // ============================================================================================ the chain

    /** The state stage now (null: none). */
    public StateStore state() {
        return state;
    }

    public ExecutionRecordSink sink() {
        return sink;
    }

    /** The service of a generation, registered or unregistered but not yet let go of; null when gone. */
    public Object service(long generation) {
        Registration r = registered.get(generation);
        if (r == null) {
            r = unregistered.get(generation);
        }
        return r == null ? null : r.service();
    }

    /** The chain processed the unbinding of a generation: it is let go of. */
    public void released(long generation) {
        unregistered.remove(generation);
    }

    /** The newest registration of {@code kind} (and {@code id}, unless null) still registered, or null. */
    public Registration current(BindingEvent.Kind kind, String id) {
        Registration best = null;
        for (Registration r : registered.values()) {
            if (r.kind() == kind && (id == null || r.id().equals(id))
                    && (best == null || r.generation() > best.generation())) {
                best = r;
            }
        }
        return best;
    }

    private long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    private static Map<String, String> journaled(Map<String, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        if (properties != null) {
            for (Map.Entry<String, ?> e : properties.entrySet()) {
                String key = e.getKey();
                if (!key.startsWith("service.") && !key.startsWith("component.") && !key.startsWith("osgi.")
                        && !key.equals("objectClass") && !key.startsWith(".") && e.getValue() != null) {
                    Object v = e.getValue();
                    out.put(key, v.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] {v})
                            : v.toString());
                }
            }
        }
        return out;
    }

    private static String instruments(VenueAdapter adapter) {
        try {
            return String.join(",", new java.util.TreeSet<>(adapter.instruments().stream().map(Object::toString)
                    .toList()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String describeBundle(String bundle, String version) {
        if (bundle == null || bundle.isEmpty()) {
            return "an unknown bundle";
        }
        return "bundle " + bundle + (version == null || version.isEmpty() ? "" : " " + version);
    }

    private static String describe(VenueAdapter adapter) {
        try {
            return adapter.kind() + ": " + adapter.describe();
        } catch (RuntimeException e) {
            return adapter.getClass().getName();
        }
    }
}
