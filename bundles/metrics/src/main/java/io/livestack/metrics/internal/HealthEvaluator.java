package io.livestack.metrics.internal;

import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link RuntimeSnapshot} and the registered {@link HealthIndicator}s into a {@link HealthReport}:
 * <ul>
 * <li>{@value #LOOP}: DOWN when no runtime is registered, when the processing loop did not answer a state query in
 * time, when the intake queue is saturated, or when a required stage is not bound (new orders fail closed);
 * DEGRADED while the kill switch is engaged or global trading is HALTED;</li>
 * <li>{@value #VENUES}: while the session runs, every venue must be LOGGED_ON (RECONCILING is DEGRADED, anything
 * else — RECONCILE_FAILED too — DOWN); with the session stopped venues are shown but not required (unless
 * configured); a venue with orders flagged STUCK (a cancel or replace unanswered) makes it at least DEGRADED;</li>
 * <li>{@value #STORAGE}: the indicator named "storage" if one is registered, else the {@code StorageMonitor}'s
 * status (FAILED and DOWN are DOWN), else UNKNOWN;</li>
 * <li>every other indicator under its own name.</li>
 * </ul>
 */
final class HealthEvaluator {

    static final String LOOP = "processingLoop";
    static final String VENUES = "venues";
    static final String STORAGE = HealthIndicator.STORAGE;

    /** The health settings (validated by the component). */
    record Settings(double queueSaturationRatio, int queueSaturationDepth, Set<String> optionalStages,
            Set<String> ignoredVenues, boolean venuesRequiredWhenStopped) {

        Settings {
            optionalStages = Set.copyOf(optionalStages);
            ignoredVenues = Set.copyOf(ignoredVenues);
        }
    }

    private HealthEvaluator() {
    }

    static HealthReport evaluate(RuntimeSnapshot s, Settings settings, Collection<HealthIndicator> indicators) {
        Map<String, Health> components = new LinkedHashMap<>();
        components.put(LOOP, loop(s, settings));
        components.put(VENUES, venues(s, settings));
        Map<String, Health> others = new TreeMap<>();
        Health storage = null;
        for (HealthIndicator indicator : indicators) {
            String name;
            Health h;
            try {
                name = indicator.name();
                h = indicator.health();
                if (h == null) {
                    h = Health.unknown("the indicator returned no health");
                }
            } catch (RuntimeException e) {
                name = safeName(indicator);
                h = Health.down("health check failed: " + e);
            }
            if (STORAGE.equals(name)) {
                storage = h;
            } else if (LOOP.equals(name) || VENUES.equals(name)) {
                others.put("indicator:" + name, h);
            } else {
                others.put(name, h);
            }
        }
        components.put(STORAGE, storage != null ? storage : storage(s.storage()));
        components.putAll(others);
        return HealthReport.of(components);
    }

    /** Storage from its {@code StorageMonitor} status (when no "storage" indicator is registered). */
    static Health storage(StorageStatus st) {
        if (st == null) {
            return Health.unknown("no storage status (is the storage bundle installed?)");
        }
        Health.Status status = switch (st.health()) {
            case UP -> Health.Status.UP;
            case DEGRADED -> Health.Status.DEGRADED;
            case DOWN, FAILED -> Health.Status.DOWN;
        };
        Map<String, String> details = new LinkedHashMap<>();
        details.put("health", st.health().name());
        details.put("backlog", Long.toString(st.backlog()));
        details.put("written", Long.toString(st.written()));
        details.put("spilled", Long.toString(st.spilled()));
        details.put("duplicates", Long.toString(st.duplicates()));
        details.put("deadLettered", Long.toString(st.deadLettered()));
        details.put("lost", Long.toString(st.lost()));
        details.put("lastCommitMillis", Long.toString(st.lastCommitNanos() / 1_000_000));
        details.put("lastRecordToDurableMillis", Long.toString(st.lastRecordToDurableNanos() / 1_000_000));
        String detail = st.detail().isEmpty() ? "store " + st.health() : st.detail();
        return new Health(status, detail, details);
    }

    private static String safeName(HealthIndicator indicator) {
        try {
            return indicator.name();
        } catch (RuntimeException e) {
            return indicator.getClass().getName();
        }
    }

    static Health loop(RuntimeSnapshot s, Settings settings) {
        RuntimeStatus st = s.status();
        if (st == null) {
            return Health.down(s.stateError().isEmpty() ? "no LiveRuntime registered (the runtime bundle is not running)"
                    : s.stateError());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("session", String.valueOf(st.session()));
        details.put("lastSeq", Long.toString(st.lastSeq()));
        details.put("queueDepth", Integer.toString(st.queueDepth()));
        details.put("queueCapacity", Integer.toString(s.queueCapacity()));
        details.put("eventsProcessed", Long.toString(st.eventsProcessed()));
        details.put("conflated", Long.toString(st.conflated()));
        details.put("globalTradingState", String.valueOf(st.globalTradingState()));
        details.put("killSwitchEngaged", Boolean.toString(st.killSwitchEngaged()));
        List<String> missing = new ArrayList<>();
        if (st.stages() != null) {
            for (Map.Entry<String, Boolean> e : new TreeMap<>(st.stages()).entrySet()) {
                details.put("stage." + e.getKey(), Boolean.TRUE.equals(e.getValue()) ? "bound" : "missing");
                if (!Boolean.TRUE.equals(e.getValue()) && !settings.optionalStages().contains(e.getKey())) {
                    missing.add(e.getKey());
                }
            }
        }
        details.put("recovery", String.valueOf(st.recovery()));
        details.put("journal", String.valueOf(st.journal()));
        if (st.halted() != null) {
            return new Health(Health.Status.DOWN, "HALTED: " + st.halted(), details);
        }
        if (!s.loopAnswered()) {
            return new Health(Health.Status.DOWN, s.stateError(), details);
        }
        details.put("queryMillis", Long.toString(s.stateQueryNanos() / 1_000_000));
        String saturation = saturation(st.queueDepth(), s.queueCapacity(), settings);
        if (saturation != null) {
            return new Health(Health.Status.DOWN, saturation, details);
        }
        if (!missing.isEmpty()) {
            String effect = missing.contains("risk") || missing.contains("execution") ? " (new orders fail closed)"
                    : missing.contains("record-sink") ? " (execution records are not persisted)" : "";
            return new Health(Health.Status.DOWN, "stages not bound: " + String.join(", ", missing) + effect,
                    details);
        }
        if (st.killSwitchEngaged()) {
            return new Health(Health.Status.DEGRADED, "kill switch engaged: trading halted until resume", details);
        }
        if (st.globalTradingState() == TradingState.HALTED) {
            return new Health(Health.Status.DEGRADED, "global trading state HALTED", details);
        }
        return new Health(Health.Status.UP, "processing loop answering; session " + st.session(), details);
    }

    private static String saturation(int depth, int capacity, Settings settings) {
        if (capacity > 0 && depth >= settings.queueSaturationRatio() * capacity) {
            return "intake queue saturated: " + depth + " of " + capacity + " events waiting";
        }
        if (settings.queueSaturationDepth() > 0 && depth >= settings.queueSaturationDepth()) {
            return "intake queue saturated: " + depth + " events waiting (threshold "
                    + settings.queueSaturationDepth() + ")";
        }
        return null;
    }

    static Health venues(RuntimeSnapshot s, Settings settings) {
        if (s.state() == null) {
            return Health.unknown("venue states unknown: "
                    + (s.stateError().isEmpty() ? "no state answer" : s.stateError()));
        }
        SessionState session = s.status() == null ? null : s.status().session();
        boolean required = session == SessionState.RUNNING || settings.venuesRequiredWhenStopped();
        Map<String, String> details = new TreeMap<>();
        List<String> down = new ArrayList<>();
        List<String> degraded = new ArrayList<>();
        int considered = 0;
        int loggedOn = 0;
        for (Map.Entry<VenueId, VenueSessionState> e : s.state().venues().entrySet()) {
            String venue = e.getKey().value();
            VenueSessionState state = e.getValue();
            boolean ignored = settings.ignoredVenues().contains(venue);
            details.put(venue, state + (ignored ? " (ignored)" : ""));
            if (ignored) {
                continue;
            }
            considered++;
            int stuck = s.state().stuckOrdersByVenue().getOrDefault(e.getKey(), 0);
            if (stuck > 0) {
                details.put(venue, state + ", " + stuck + " order(s) STUCK");
                degraded.add(venue + " " + stuck + " order(s) STUCK (a cancel or replace unanswered)");
            }
            if (state == VenueSessionState.LOGGED_ON) {
                loggedOn++;
            } else if (state == VenueSessionState.RECONCILING) {
                degraded.add(venue + " " + state);
            } else if (state == VenueSessionState.RECONCILE_FAILED) {
                String why = s.state().venueDetails().getOrDefault(e.getKey(), "");
                details.put(venue, why.isEmpty() ? state.name() : why);
                down.add(venue + " " + state + " (livestack:venue-resolve)");
            } else {
                down.add(venue + " " + state);
            }
        }
        if (considered == 0) {
            return required
                    ? new Health(Health.Status.DOWN, "no venue registered while the session is " + session, details)
                    : new Health(Health.Status.UNKNOWN, "no venue registered", details);
        }
        String summary = loggedOn + " of " + considered + " venues logged on";
        if (!required) {
            return new Health(degraded.isEmpty() ? Health.Status.UP : Health.Status.DEGRADED, summary + "; session "
                    + session + ": venues not required" + (degraded.isEmpty() ? "" : "; " + String.join(", ",
                    degraded)), details);
        }
        if (!down.isEmpty()) {
            return new Health(Health.Status.DOWN, summary + "; not logged on: " + String.join(", ", down), details);
        }
        if (!degraded.isEmpty()) {
            return new Health(Health.Status.DEGRADED, summary + "; " + String.join(", ", degraded), details);
        }
        return new Health(Health.Status.UP, summary, details);
    }
}
