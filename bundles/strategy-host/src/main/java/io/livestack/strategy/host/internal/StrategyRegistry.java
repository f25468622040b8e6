package io.livestack.strategy.host.internal;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.strategy.Strategy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy services and their membership. Services come and go on SCR threads (id from
 * {@value Strategy#ID_PROPERTY}, kind from {@value StrategyHost#KIND_PROPERTY}, auto-start flag from
 * {@value StrategyHost#AUTO_START_PROPERTY}); a second service with an id already bound waits until the holder goes
 * away. The processing thread takes the changes in with {@link #sync}, which gives the strategies in feed order
 * (strategy-id order, so that the same event sequence gives the same intents whatever order the services were bound
 * in) and says who arrived and who left.
 */
final class StrategyRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(StrategyRegistry.class);
    static final HostedStrategy[] NONE = new HostedStrategy[0];

    /** What {@link #sync} found. */
    record Membership(HostedStrategy[] feedOrder, List<HostedStrategy> arrived, List<HostedStrategy> departed) {
    }

    private final IntentGate gate;
    /** Guards {@link #registry} writes and {@link #waiting}. */
    private final Object lock = new Object();
    /** Bound strategies by id (any thread reads). */
    private final ConcurrentSkipListMap<StrategyId, HostedStrategy> registry = new ConcurrentSkipListMap<>();
    /** Services whose id is already taken: they wait until the holder goes away. */
    private final List<HostedStrategy> waiting = new ArrayList<>();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicLong generations = new AtomicLong();
    /** Where bindings are announced (the runtime's intake); null: none, membership follows at the next call. */
    private volatile Consumer<BindingEvent> announce;

    StrategyRegistry(IntentGate gate) {
        this.gate = gate;
    }

    /**
     * From now on a binding is announced as a {@link BindingEvent} and taken in when the chain hands it back (so that
     * a replay sees it at the same place); every service bound so far is announced now. Null: back to taking bindings
     * in at the next call.
     */
    void announceTo(Consumer<BindingEvent> target) {
        announce = target;
        if (target != null) {
            announceAll();
        } else {
            changed.set(true);
        }
    }

    /** Announces every registered service again (a host that was restored waits for their bindings). */
    void announceAll() {
        Consumer<BindingEvent> target = announce;
        if (target == null) {
            changed.set(true);
            return;
        }
        for (HostedStrategy hosted : registry.values()) {
            target.accept(binding(hosted, true));
        }
    }

    boolean announcing() {
        return announce != null;
    }

    private static BindingEvent binding(HostedStrategy hosted, boolean bound) {
        org.osgi.framework.Bundle bundle = org.osgi.framework.FrameworkUtil.getBundle(hosted.strategy.getClass());
        return new BindingEvent(System.currentTimeMillis() * 1_000_000L, BindingEvent.Kind.STRATEGY,
                hosted.id.value(), bound, hosted.generation, bundle == null ? "" : bundle.getSymbolicName(),
                bundle == null ? "" : bundle.getVersion().toString(), bound ? hosted.properties : Map.of());
    }

    private void changed(HostedStrategy hosted, boolean bound) {
        Consumer<BindingEvent> target = announce;
        if (target != null) {
            target.accept(binding(hosted, bound));
        } else {
            changed.set(true);
        }
    }

    // ---------------------------------------------------------------- SCR threads

    void bind(Strategy strategy, Map<String, Object> properties) {
        StrategyId id = strategyId(properties);
        if (id == null) {
            LOG.error("Strategy service {} ignored: its service property {} is missing or invalid ({})",
                    strategy.getClass().getName(), Strategy.ID_PROPERTY, properties.get(Strategy.ID_PROPERTY));
            return;
        }
        HostedStrategy hosted = new HostedStrategy(id, kind(properties, strategy), autoStart(properties), strategy,
                gate, generations.incrementAndGet(), journaled(properties));
        if (hosted.accountProblem != null) {
            LOG.error("{}: its new orders are refused until the configuration is fixed", hosted.accountProblem);
        }
        synchronized (lock) {
            if (registry.containsKey(id)) {
                waiting.add(hosted);
                LOG.error("Strategy service {} ignored for now: the strategy id '{}' is already bound to another"
                        + " service; it takes over if that one goes away", strategy.getClass().getName(), id);
                return;
            }
            registry.put(id, hosted);
        }
        changed(hosted, true);
        LOG.info("Strategy {} bound (kind {}, autoStart {})", id, hosted.kind, hosted.autoStart);
    }

    void unbind(Strategy strategy) {
        List<HostedStrategy> gone = new ArrayList<>();
        List<HostedStrategy> promoted = new ArrayList<>();
        synchronized (lock) {
            waiting.removeIf(w -> w.strategy == strategy);
            Iterator<HostedStrategy> it = registry.values().iterator();
            while (it.hasNext()) {
                HostedStrategy hosted = it.next();
                if (hosted.strategy == strategy) {
                    hosted.detached = true;
                    it.remove();
                    gone.add(hosted);
                    LOG.info("Strategy {} unbound", hosted.id);
                    HostedStrategy next = promoteWaiting(hosted.id);
                    if (next != null) {
                        promoted.add(next);
                    }
                }
            }
        }
        gone.forEach(h -> changed(h, false));
        promoted.forEach(h -> changed(h, true));
        if (gone.isEmpty()) {
            changed.set(true);
        }
    }

    private HostedStrategy promoteWaiting(StrategyId id) {
        for (Iterator<HostedStrategy> it = waiting.iterator(); it.hasNext();) {
            HostedStrategy candidate = it.next();
            if (candidate.id.equals(id)) {
                it.remove();
                registry.put(id, candidate);
                LOG.info("Strategy {} now bound to the waiting service {}", id,
                        candidate.strategy.getClass().getName());
                return candidate;
            }
        }
        return null;
    }

    /** The registered service of that generation, or null (gone since). */
    HostedStrategy byGeneration(long generation) {
        for (HostedStrategy hosted : registry.values()) {
            if (hosted.generation == generation) {
                return hosted;
            }
        }
        return null;
    }

    /** The registered service with that id, or null. */
    HostedStrategy byId(StrategyId id) {
        return registry.get(id);
    }

    /** A stand-in for a strategy the journal had bound and no service is bound for now (a replay). */
    HostedStrategy ghost(StrategyId id, Map<String, String> properties) {
        Map<String, Object> p = new java.util.HashMap<>(properties);
        return new HostedStrategy(id, kind(p, GHOST), autoStart(p), GHOST, gate, 0, properties);
    }

    /** What a ghost does when called: nothing (in a replay its decisions come from the journal). */
    private static final Strategy GHOST = (event, context) -> { };

    private static Map<String, String> journaled(Map<String, Object> properties) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("service.") && !key.startsWith("component.") && !key.startsWith("osgi.")
                    && !key.equals("objectClass") && !key.startsWith(".") && e.getValue() != null) {
                out.put(key, e.getValue() instanceof Object[] a ? java.util.Arrays.toString(a) : e.getValue()
                        .toString());
            }
        }
        return out;
    }

    static StrategyId strategyId(Map<String, Object> properties) {
        Object value = properties.get(Strategy.ID_PROPERTY);
        if (value == null) {
            return null;
        }
        try {
            return new StrategyId(value.toString().trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String kind(Map<String, Object> properties, Strategy strategy) {
        Object kind = properties.get(StrategyHost.KIND_PROPERTY);
        if (kind != null && !kind.toString().isBlank()) {
            return kind.toString().trim();
        }
        Object component = properties.get("component.name");
        if (component != null && !component.toString().isBlank()) {
            return component.toString();
        }
        return strategy.getClass().getSimpleName();
    }

    static boolean autoStart(Map<String, Object> properties) {
        Object value = properties.get(StrategyHost.AUTO_START_PROPERTY);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        LOG.warn("Strategy {} property {} is '{}', not true or false: treated as false",
                properties.get(Strategy.ID_PROPERTY), StrategyHost.AUTO_START_PROPERTY, value);
        return false;
    }

    // ---------------------------------------------------------------- processing thread

    /** Null when nothing changed since the last call; else the new feed order with the arrivals and departures. */
    Membership sync(HostedStrategy[] feedOrder) {
        if (!changed.getAndSet(false)) {
            return null;
        }
        List<HostedStrategy> departed = new ArrayList<>();
        for (HostedStrategy gone : feedOrder) {
            if (gone.detached) {
                departed.add(gone);
            }
        }
        List<HostedStrategy> current = new ArrayList<>(registry.values());
        List<HostedStrategy> arrived = new ArrayList<>();
        for (HostedStrategy hosted : current) {
            if (!hosted.attached) {
                hosted.attached = true;
                arrived.add(hosted);
            }
        }
        return new Membership(current.toArray(NONE), arrived, departed);
    }

    // ---------------------------------------------------------------- any thread

    List<StrategyInfo> infos() {
        List<StrategyInfo> infos = new ArrayList<>(registry.size());
        for (HostedStrategy hosted : registry.values()) {
            infos.add(hosted.info());
        }
        return infos;
    }

    /** "a, b" of the bound ids, for error messages. */
    String boundIds() {
        return registry.keySet().stream().map(StrategyId::value).collect(Collectors.joining(", "));
    }
}
