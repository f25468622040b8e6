package io.livestack.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.model.SessionState;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.telemetry.Health;
import io.livestack.api.telemetry.HealthIndicator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HealthEvaluatorTest {

    private static final HealthEvaluator.Settings DEFAULTS =
            new HealthEvaluator.Settings(0.9, 0, Set.of(), Set.of(), false);
    private static final Map<String, Boolean> ALL_BOUND =
            Map.of("state", true, "risk", true, "execution", true, "strategy-host", true);

    private static RuntimeStatus status(SessionState session, int depth, Map<String, Boolean> stages,
            boolean killed) {
        return new RuntimeStatus(session, 100, depth, 100, 0, stages,
                killed ? TradingState.HALTED : TradingState.ACTIVE, killed);
    }

    private static RuntimeSnapshot snapshot(RuntimeStatus status, int capacity, Map<String, VenueSessionState> venues) {
        Map<VenueId, VenueSessionState> v = new TreeMap<>();
        venues.forEach((k, s) -> v.put(VenueId.of(k), s));
        return new RuntimeSnapshot(0, status, capacity, new StateFacts(v, Map.of(), List.of()), "", 1_000_000,
                Map.of(), Map.of(), Map.of());
    }

    private static HealthIndicator indicator(String name, Health health) {
        return new HealthIndicator() {
            public String name() {
                return name;
            }

            public Health health() {
                return health;
            }
        };
    }

    private static final HealthIndicator STORAGE_UP = indicator("storage", Health.up("writing"));

    @Test
    void isHealthyWhenTheLoopAnswersEveryStageIsBoundAndEveryVenueIsLoggedOn() {
        HealthReport report = HealthEvaluator.evaluate(
                snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                        Map.of("SIM", VenueSessionState.LOGGED_ON)), DEFAULTS, List.of(STORAGE_UP));

        assertThat(report.status()).isEqualTo(Health.Status.UP);
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.components()).containsOnlyKeys("processingLoop", "venues", "storage");
    }

    @Test
    void aVenueWithStuckOrdersIsDegradedAndOneThatFailedToReconcileIsDown() {
        Map<VenueId, VenueSessionState> v = new TreeMap<>(Map.of(VenueId.of("SIM"), VenueSessionState.LOGGED_ON));
        RuntimeSnapshot stuck = new RuntimeSnapshot(0, status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                new StateFacts(v, Map.of(), List.of(), Map.of(VenueId.of("SIM"), 2), Map.of(), List.of()), "", 1_000_000,
                Map.of(),
                Map.of(), Map.of());

        Health venues = HealthEvaluator.evaluate(stuck, DEFAULTS, List.of(STORAGE_UP)).components().get("venues");

        assertThat(venues.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(venues.detail()).contains("SIM 2 order(s) STUCK");
        Map<VenueId, VenueSessionState> failed = new TreeMap<>(Map.of(VenueId.of("FIX"),
                VenueSessionState.RECONCILE_FAILED));
        RuntimeSnapshot notReconciled = new RuntimeSnapshot(0, status(SessionState.RUNNING, 0, ALL_BOUND, false),
                1000, new StateFacts(failed, Map.of(), List.of(), Map.of(), Map.of(VenueId.of("FIX"),
                        "RECONCILE_FAILED: reconciled 0 of 1 open orders; 1 order(s) in doubt [C1]"), List.of()), "",
                1_000_000,
                Map.of(), Map.of(), Map.of());
        Health down = HealthEvaluator.evaluate(notReconciled, DEFAULTS, List.of(STORAGE_UP)).components()
                .get("venues");
        assertThat(down.status()).isEqualTo(Health.Status.DOWN);
        assertThat(down.detail()).contains("FIX RECONCILE_FAILED").contains("venue-resolve");
        assertThat(down.details()).containsEntry("FIX",
                "RECONCILE_FAILED: reconciled 0 of 1 open orders; 1 order(s) in doubt [C1]");
    }

    @Test
    void aRuntimeThatCameUpHaltedIsDownWithTheReason() {
        RuntimeStatus halted = new RuntimeStatus(SessionState.STOPPED, 0, 0, 0, 0, ALL_BOUND, TradingState.ACTIVE,
                false, "FAILED: journal-0000000000000001.lsj: bad CRC at offset 4096", "not open",
                "recovery failed: journal-0000000000000001.lsj: bad CRC at offset 4096");
        HealthReport report = HealthEvaluator.evaluate(snapshot(halted, 1000, Map.of()), DEFAULTS,
                List.of(STORAGE_UP));

        assertThat(report.httpStatus()).isEqualTo(503);
        Health loop = report.components().get("processingLoop");
        assertThat(loop.status()).isEqualTo(Health.Status.DOWN);
        assertThat(loop.detail()).isEqualTo("HALTED: recovery failed: journal-0000000000000001.lsj: bad CRC at "
                + "offset 4096");
        assertThat(loop.details()).containsEntry("recovery", "FAILED: journal-0000000000000001.lsj: bad CRC at "
                + "offset 4096");
    }

    @Test
    void isUnhealthyWhenAVenueIsDisconnectedWhileTheSessionRuns() {
        HealthReport report = HealthEvaluator.evaluate(
                snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                        Map.of("SIM", VenueSessionState.LOGGED_ON, "FIX1", VenueSessionState.DISCONNECTED)),
                DEFAULTS, List.of(STORAGE_UP));

        assertThat(report.httpStatus()).isEqualTo(503);
        Health venues = report.components().get("venues");
        assertThat(venues.status()).isEqualTo(Health.Status.DOWN);
        assertThat(venues.detail()).contains("1 of 2 venues logged on").contains("FIX1 DISCONNECTED");
        assertThat(venues.details()).containsEntry("FIX1", "DISCONNECTED").containsEntry("SIM", "LOGGED_ON");
    }

    @Test
    void doesNotRequireVenuesWhileTheSessionIsStoppedUnlessConfigured() {
        RuntimeSnapshot s = snapshot(status(SessionState.STOPPED, 0, ALL_BOUND, false), 1000,
                Map.of("SIM", VenueSessionState.LOGGED_OUT));

        assertThat(HealthEvaluator.evaluate(s, DEFAULTS, List.of(STORAGE_UP)).httpStatus()).isEqualTo(200);
        assertThat(HealthEvaluator.evaluate(s, new HealthEvaluator.Settings(0.9, 0, Set.of(), Set.of(), true),
                List.of(STORAGE_UP)).httpStatus()).isEqualTo(503);
    }

    @Test
    void ignoresConfiguredVenues() {
        RuntimeSnapshot s = snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                Map.of("SIM", VenueSessionState.LOGGED_ON, "OLD", VenueSessionState.UNAVAILABLE));

        HealthReport report = HealthEvaluator.evaluate(s,
                new HealthEvaluator.Settings(0.9, 0, Set.of(), Set.of("OLD"), false), List.of(STORAGE_UP));

        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.components().get("venues").details()).containsEntry("OLD", "UNAVAILABLE (ignored)");
    }

    @Test
    void reconcilingVenueIsDegradedButHealthy() {
        HealthReport report = HealthEvaluator.evaluate(
                snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                        Map.of("SIM", VenueSessionState.RECONCILING)), DEFAULTS, List.of(STORAGE_UP));

        assertThat(report.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(report.httpStatus()).isEqualTo(200);
    }

    @Test
    void loopIsDownWhenItDoesNotAnswer() {
        RuntimeSnapshot s = new RuntimeSnapshot(0, status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000, null,
                "the processing loop did not answer a state query within 2000 ms", 0, Map.of(), Map.of(), Map.of());

        HealthReport report = HealthEvaluator.evaluate(s, DEFAULTS, List.of(STORAGE_UP));

        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(report.components().get("processingLoop").detail()).contains("did not answer");
        assertThat(report.components().get("venues").status()).isEqualTo(Health.Status.UNKNOWN);
    }

    @Test
    void loopIsDownWithoutARuntime() {
        RuntimeSnapshot s = new RuntimeSnapshot(0, null, 0, null, "no LiveRuntime registered (the runtime bundle is not running)",
                0, Map.of(), Map.of(), Map.of());

        Health loop = HealthEvaluator.loop(s, DEFAULTS);

        assertThat(loop.status()).isEqualTo(Health.Status.DOWN);
        assertThat(loop.detail()).contains("the runtime bundle is not running");
    }

    @Test
    void loopIsDownWhenTheQueueIsSaturated() {
        Health byRatio = HealthEvaluator.loop(snapshot(status(SessionState.RUNNING, 950, ALL_BOUND, false), 1000,
                Map.of()), DEFAULTS);
        Health belowRatio = HealthEvaluator.loop(snapshot(status(SessionState.RUNNING, 899, ALL_BOUND, false), 1000,
                Map.of()), DEFAULTS);
        Health byDepth = HealthEvaluator.loop(snapshot(status(SessionState.RUNNING, 500, ALL_BOUND, false), 0,
                Map.of()), new HealthEvaluator.Settings(0.9, 500, Set.of(), Set.of(), false));

        assertThat(byRatio.status()).isEqualTo(Health.Status.DOWN);
        assertThat(byRatio.detail()).contains("950 of 1000");
        assertThat(belowRatio.status()).isEqualTo(Health.Status.UP);
        assertThat(byDepth.status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void loopIsDownWhenARequiredStageIsMissingButNotAnOptionalOne() {
        Map<String, Boolean> stages = Map.of("state", true, "risk", false, "execution", true, "sink", false);
        RuntimeSnapshot s = snapshot(status(SessionState.RUNNING, 0, stages, false), 1000, Map.of());

        Health strict = HealthEvaluator.loop(s, DEFAULTS);
        Health lenient = HealthEvaluator.loop(s,
                new HealthEvaluator.Settings(0.9, 0, Set.of("risk", "sink"), Set.of(), false));

        assertThat(strict.status()).isEqualTo(Health.Status.DOWN);
        assertThat(strict.detail()).isEqualTo("stages not bound: risk, sink (new orders fail closed)");
        assertThat(HealthEvaluator.loop(snapshot(status(SessionState.RUNNING, 0,
                Map.of("risk", true, "record-sink", false), false), 1000, Map.of()), DEFAULTS).detail())
                .isEqualTo("stages not bound: record-sink (execution records are not persisted)");
        assertThat(strict.details()).containsEntry("stage.risk", "missing").containsEntry("stage.state", "bound");
        assertThat(lenient.status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void killSwitchMakesTheLoopDegraded() {
        Health loop = HealthEvaluator.loop(snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, true), 1000,
                Map.of()), DEFAULTS);

        assertThat(loop.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(loop.detail()).contains("kill switch");
    }

    @Test
    void storageComesFromItsIndicatorAndIsUnknownWithoutOne() {
        RuntimeSnapshot s = snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                Map.of("SIM", VenueSessionState.LOGGED_ON));

        HealthReport without = HealthEvaluator.evaluate(s, DEFAULTS, List.of());
        HealthReport down = HealthEvaluator.evaluate(s, DEFAULTS,
                List.of(indicator("storage", Health.down("database unreachable"))));

        assertThat(without.components().get("storage").status()).isEqualTo(Health.Status.UNKNOWN);
        assertThat(without.httpStatus()).isEqualTo(200);
        assertThat(down.httpStatus()).isEqualTo(503);
        assertThat(down.components().get("storage").detail()).isEqualTo("database unreachable");
    }

    @Test
    void anIndicatorThatThrowsIsDownAndOthersAreListedByName() {
        HealthIndicator broken = new HealthIndicator() {
            public String name() {
                return "venue:FIX1";
            }

            public Health health() {
                throw new IllegalStateException("boom");
            }
        };
        HealthReport report = HealthEvaluator.evaluate(
                snapshot(status(SessionState.RUNNING, 0, ALL_BOUND, false), 1000,
                        Map.of("SIM", VenueSessionState.LOGGED_ON)),
                DEFAULTS, List.of(STORAGE_UP, broken, indicator("cache", Health.up("warm"))));

        assertThat(report.components()).containsKeys("venue:FIX1", "cache");
        assertThat(report.components().get("venue:FIX1").status()).isEqualTo(Health.Status.DOWN);
        assertThat(report.components().get("venue:FIX1").detail()).contains("boom");
        assertThat(report.httpStatus()).isEqualTo(503);
    }
}
