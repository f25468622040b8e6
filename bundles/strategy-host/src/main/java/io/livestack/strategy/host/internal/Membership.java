package io.livestack.strategy.host.internal;

import io.livestack.api.event.BindingEvent;
import io.livestack.api.model.StrategyId;
import io.livestack.api.runtime.HostSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which strategies the host feeds, as the journal knows it (processing thread). With the runtime's intake there, a
 * strategy joins when the chain hands its {@link BindingEvent} back, and leaves at its unbinding: a replay sees the
 * same members at the same place. Live, a binding takes the registration of its generation; in a replay, the service
 * with that id bound now — or, when none is, a stand-in that is never called (its decisions come from the journal).
 * Without the intake (the host alone, in tests), what the registry holds is taken in at the next call.
 * <p>
 * A strategy restored from a snapshot waits, with what it had, for its binding; in a replay those that were bound at
 * the snapshot are bound again at once and silently (the journal holds what followed).
 */
final class Membership {

    /** What a change means for the host: record it, start what must start. */
    interface Changes {
        /** {@code restored} is what the strategy had (null: new to this host). */
        void joined(HostedStrategy hosted, HostSnapshot.Hosted restored);

        void left(HostedStrategy hosted, String why);
    }

    private final StrategyRegistry registry;
    private final TreeMap<StrategyId, HostedStrategy> members = new TreeMap<>();
    private final Map<StrategyId, HostSnapshot.Hosted> restoring = new LinkedHashMap<>();
    private HostedStrategy[] feedOrder = StrategyRegistry.NONE;
    private boolean replayRestore;

    Membership(StrategyRegistry registry) {
        this.registry = registry;
    }

    HostedStrategy[] feedOrder() {
        return feedOrder;
    }

    HostedStrategy member(StrategyId id) {
        return members.get(id);
    }

    /**
     * Before each call: what only the next call can take in — a replay's restore, or, without the runtime's intake
     * and without a journal, the registry's changes. With a journal a strategy joins only by its (journaled) binding
     * event, which the registry announces once the intake is there: a join at whatever call came first would not be
     * in the journal, and a replay could not make it at the same place.
     */
    void sync(boolean replaying, boolean journaled, Changes changes) {
        if (replayRestore && replaying) {
            replayRestore = false;
            for (HostSnapshot.Hosted h : List.copyOf(restoring.values())) {
                if (h.attached()) {
                    HostedStrategy service = registry.byId(h.id());
                    HostedStrategy hosted = service != null ? service : registry.ghost(h.id(), Map.of());
                    restoring.remove(h.id());
                    apply(hosted, h);
                    members.put(h.id(), hosted);
                }
            }
            feedOrder = members.values().toArray(StrategyRegistry.NONE);
        }
        if (!registry.announcing() && !journaled) {
            StrategyRegistry.Membership m = registry.sync(feedOrder);
            if (m != null) {
                for (HostedStrategy gone : m.departed()) {
                    members.remove(gone.id);
                    changes.left(gone, "unbound: its service went away");
                }
                for (HostedStrategy hosted : m.arrived()) {
                    members.put(hosted.id, hosted);
                    feedOrder = members.values().toArray(StrategyRegistry.NONE);
                    changes.joined(hosted, restore(hosted));
                }
                feedOrder = members.values().toArray(StrategyRegistry.NONE);
            }
        }
    }

    /** A strategy's binding, handed back by the chain. */
    void onBinding(BindingEvent b, boolean replaying, Changes changes) {
        StrategyId id = new StrategyId(b.id());
        HostedStrategy current = members.get(id);
        if (b.bound()) {
            HostedStrategy hosted = replaying ? registry.byId(id) : registry.byGeneration(b.generation());
            if (hosted == null && replaying) {
                hosted = registry.ghost(id, b.properties());
            }
            if (hosted == null || hosted == current) {
                return; // gone again before its binding came back, or bound already
            }
            HostSnapshot.Hosted carried = null;
            if (current != null) { // another service under the same id: it carries on where the last one stood
                carried = state(current, true);
                members.remove(id);
            }
            members.put(id, hosted);
            feedOrder = members.values().toArray(StrategyRegistry.NONE);
            HostSnapshot.Hosted restored = restore(hosted);
            if (carried != null) {
                apply(hosted, carried);
                restored = carried;
            }
            hosted.attached = true;
            changes.joined(hosted, restored);
        } else if (current != null && (replaying || current.generation == b.generation())) {
            members.remove(id);
            feedOrder = members.values().toArray(StrategyRegistry.NONE);
            changes.left(current, "unbound: its service went away");
        }
    }

    private HostSnapshot.Hosted restore(HostedStrategy hosted) {
        HostSnapshot.Hosted h = restoring.remove(hosted.id);
        if (h != null) {
            apply(hosted, h);
        }
        return h;
    }

    static void apply(HostedStrategy hosted, HostSnapshot.Hosted h) {
        hosted.lifecycle = h.running() ? Lifecycle.RUNNING : Lifecycle.STOPPED;
        hosted.events = h.events();
        hosted.intents = h.intents();
        hosted.faults = h.faults();
        hosted.consecutiveFaults = h.consecutiveFaults();
        hosted.lastFault = h.lastFault();
        hosted.attached = true;
    }

    static HostSnapshot.Hosted state(HostedStrategy h, boolean attached) {
        return new HostSnapshot.Hosted(h.id, attached, h.lifecycle == Lifecycle.RUNNING, h.events, h.intents,
                h.faults, h.consecutiveFaults, h.lastFault);
    }

    /** Members and those waiting for their service, by id. */
    List<HostSnapshot.Hosted> snapshot() {
        Map<StrategyId, HostSnapshot.Hosted> all = new TreeMap<>();
        restoring.values().forEach(h -> all.put(h.id(), h));
        members.values().forEach(h -> all.put(h.id, state(h, true)));
        return new ArrayList<>(all.values());
    }

    /**
     * Everything known waits for its binding again (the members leave silently); in a replay the next call binds
     * again those that were bound. The registered services are announced again, live.
     */
    void restore(HostSnapshot snapshot) {
        members.clear();
        feedOrder = StrategyRegistry.NONE;
        restoring.clear();
        for (HostSnapshot.Hosted h : snapshot.strategies()) {
            restoring.put(h.id(), h);
        }
        replayRestore = true;
        registry.announceAll();
    }
}
