package io.livestack.risk.internal;

import io.livestack.api.intent.Intent;
import io.livestack.api.risk.RejectReason;
import io.livestack.api.risk.RiskCheck;
import io.livestack.api.risk.RiskDecision;
import io.livestack.api.state.StateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pluggable {@link RiskCheck}s, in service ranking order (then name, then service id), run after the built-in
 * checks. A check that refuses, throws or answers null refuses the intent with
 * {@link RejectReason#CUSTOM_CHECK} naming it (fail closed). Registered on SCR threads, run on the processing thread.
 * <p>
 * Once the chain sequences the checks' bindings ({@link #bound}), a check runs only while its name is bound there: a
 * check registered runs from the event that bound it (journaled, so a replay runs it at the same place), and a name
 * bound whose check is no longer registered (its bundle went, the unbinding not yet sequenced) or not registered in
 * this process (a replay) refuses every intent. Before that (no chain: the stage on its own) every registered check
 * runs.
 */
final class CustomChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CustomChecks.class);

    /** A registered check with what orders it. */
    record Entry(RiskCheck check, String name, int ranking, long serviceId) {
    }

    private volatile List<Entry> checks = List.of();
    /** The names the chain bound, or null while it sequences none. Processing thread. */
    private volatile Set<String> bound;

    /** The chain's bindings: from now on exactly these names run (processing thread). */
    void bound(Set<String> names) {
        bound = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(names)); // one order everywhere
    }

    Entry bind(RiskCheck check, Map<String, Object> properties) {
        String name;
        try {
            name = check.name();
        } catch (RuntimeException e) {
            name = check.getClass().getName();
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        Entry entry = new Entry(check, name == null ? check.getClass().getName() : name,
                ranking instanceof Integer r ? r : 0, id instanceof Long l ? l : 0L);
        synchronized (this) {
            List<Entry> updated = new ArrayList<>(checks);
            updated.add(entry);
            updated.sort(Comparator.comparingInt(Entry::ranking).reversed().thenComparing(Entry::name)
                    .thenComparingLong(Entry::serviceId));
            checks = List.copyOf(updated);
        }
        LOG.info("Risk check '{}' registered", entry.name());
        return entry;
    }

    /** The check's registration, gone (null if it was not registered). */
    Entry unbind(RiskCheck check) {
        Entry gone = null;
        synchronized (this) {
            List<Entry> updated = new ArrayList<>(checks);
            for (Entry e : updated) {
                if (e.check() == check) {
                    gone = e;
                }
            }
            updated.remove(gone);
            checks = List.copyOf(updated);
        }
        return gone;
    }

    /** Every registered check (any thread). */
    List<Entry> registered() {
        return checks;
    }

    /** The first refusal, or null when every check accepts. */
    RiskDecision run(Intent intent, StateView state, long now) {
        Set<String> names = bound;
        List<Entry> all = checks;
        if (names != null) {
            for (String name : names) {
                if (!isRegistered(all, name)) {
                    return RiskDecision.rejectByCustomCheck(name, "risk check '" + name + "' is bound but not "
                            + "registered (its bundle is gone or not installed here): nothing passes until its "
                            + "unbinding is sequenced");
                }
            }
        }
        for (Entry entry : all) {
            if (names != null && !names.contains(entry.name())) {
                continue; // registered, its binding not sequenced yet
            }
            RiskDecision decision;
            try {
                decision = entry.check().check(intent, state, now);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Risk check '{}' threw; rejecting {}", entry.name(), intent, e);
                return RiskDecision.rejectByCustomCheck(entry.name(), "risk check '" + entry.name() + "' failed: " + e);
            }
            if (decision == null) {
                return RiskDecision.rejectByCustomCheck(entry.name(),
                        "risk check '" + entry.name() + "' gave no decision");
            }
            if (!decision.accepted()) {
                String detail = decision.detail() == null ? "" : decision.detail();
                if (decision.reason() != null && decision.reason() != RejectReason.CUSTOM_CHECK) {
                    detail = decision.reason() + ": " + detail;
                }
                return RiskDecision.rejectByCustomCheck(entry.name(), detail);
            }
        }
        return null;
    }

    private static boolean isRegistered(List<Entry> registered, String name) {
        for (Entry e : registered) {
            if (e.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The names, in the order they run, each marked when registered but not bound yet (any thread). */
    List<String> names() {
        Set<String> names = bound;
        List<String> out = new ArrayList<>();
        for (Entry e : checks) {
            out.add(names == null || names.contains(e.name()) ? e.name() : e.name() + " (not bound yet)");
        }
        if (names != null) {
            for (String name : names) {
                if (!isRegistered(checks, name)) {
                    out.add(name + " (bound, not registered: refusing)");
                }
            }
        }
        return out;
    }
}
