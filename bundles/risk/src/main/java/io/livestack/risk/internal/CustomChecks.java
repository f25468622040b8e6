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
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pluggable {@link RiskCheck}s, in service ranking order (then name, then service id), run after the built-in
 * checks. A check that refuses, throws or answers null refuses the intent with
 * {@link RejectReason#CUSTOM_CHECK} naming it (fail closed). Bound on SCR threads, run on the processing thread.
 */
final class CustomChecks {

    private static final Logger LOG = LoggerFactory.getLogger(CustomChecks.class);

    /** A registered check with what orders it. */
    private record Entry(RiskCheck check, String name, int ranking, long serviceId) {
    }

    private volatile List<Entry> checks = List.of();

    void bind(RiskCheck check, Map<String, Object> properties) {
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
        LOG.info("Risk check '{}' added", entry.name());
    }

    void unbind(RiskCheck check) {
        synchronized (this) {
            List<Entry> updated = new ArrayList<>(checks);
            updated.removeIf(e -> e.check() == check);
            checks = List.copyOf(updated);
        }
    }

    /** The first refusal, or null when every check accepts. */
    RiskDecision run(Intent intent, StateView state, long now) {
        for (Entry entry : checks) {
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

    /** The names, in the order they run (any thread). */
    List<String> names() {
        return checks.stream().map(Entry::name).toList();
    }
}
