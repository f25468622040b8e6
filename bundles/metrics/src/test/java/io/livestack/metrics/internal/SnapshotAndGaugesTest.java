package io.livestack.metrics.internal;

import static io.livestack.api.telemetry.MetricNames.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.api.telemetry.MetricNames;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SnapshotAndGaugesTest {

    private static final RuntimeStatus STATUS = new RuntimeStatus(SessionState.RUNNING, 41, 3, 40, 2,
            Map.of("risk", true, "execution", false), TradingState.ACTIVE, false);

    /** A state view answering only what the metrics query reads. */
    private static StateView view(Map<VenueId, VenueSessionState> venues, List<PositionView> positions) {
        return view(venues, positions, List.of());
    }

    private static StateView view(Map<VenueId, VenueSessionState> venues, List<PositionView> positions,
            List<PnlView> pnl) {
        return (StateView) Proxy.newProxyInstance(StateView.class.getClassLoader(), new Class<?>[] {StateView.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "venueStates" -> venues;
                    case "openOrders" -> List.of();
                    case "positions" -> positions;
                    case "pnl" -> pnl;
                    case "stuckOrders", "venueDetails" -> Map.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static LiveRuntime runtime(StateView view, boolean answers) {
        return new LiveRuntime() {
            public CompletableFuture<CommandResult> execute(Command command, String user) {
                throw new UnsupportedOperationException();
            }

            public <T> CompletableFuture<T> query(Function<StateView, T> query) {
                return answers ? CompletableFuture.completedFuture(query.apply(view)) : new CompletableFuture<>();
            }

            public RuntimeStatus status() {
                return STATUS;
            }

            public int queueCapacity() {
                return 1024;
            }
        };
    }

    @Test
    void snapshotCopiesStatusStateAndStages() {
        StateView v = view(Map.of(VenueId.of("SIM"), VenueSessionState.LOGGED_ON), List.of());
        SnapshotTaker taker = new SnapshotTaker(() -> runtime(v, true), () -> null,
                () -> null, () -> null, System::nanoTime);

        RuntimeSnapshot s = taker.take(1000);

        assertThat(s.status()).isEqualTo(STATUS);
        assertThat(s.queueCapacity()).isEqualTo(1024);
        assertThat(s.state().venues()).containsEntry(VenueId.of("SIM"), VenueSessionState.LOGGED_ON);
        assertThat(s.state().openOrdersByVenue()).containsEntry(VenueId.of("SIM"), 0);
        assertThat(s.strategies()).isEmpty();
    }

    @Test
    void aLoopThatDoesNotAnswerIsReportedWithinTheTimeout() {
        SnapshotTaker taker = new SnapshotTaker(() -> runtime(null, false), () -> null, () -> null, () -> null,
                System::nanoTime);

        long t0 = System.nanoTime();
        RuntimeSnapshot s = taker.take(50);

        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
        assertThat(s.state()).isNull();
        assertThat(s.stateError()).contains("did not answer a state query within 50 ms");
    }

    @Test
    void withoutARuntimeTheSnapshotSaysSo() {
        RuntimeSnapshot s = new SnapshotTaker(() -> null, () -> null, () -> null, () -> null, System::nanoTime)
                .take(50);

        assertThat(s.runtimePresent()).isFalse();
        assertThat(s.stateError()).contains("the runtime bundle is not running");
    }

    @Test
    void gaugesReadTheLatestSnapshotAndRegisterLabelledThingsWhenSeen() {
        MetricRegistry registry = new MetricRegistry();
        AtomicReference<RuntimeSnapshot> latest = new AtomicReference<>();
        RuntimeGauges gauges = new RuntimeGauges(registry, latest::get);
        InstrumentId btc = InstrumentId.of("BTC-USD");
        PositionView position = new PositionView(btc, Fixed.parse("1.5"), Fixed.of(100), Fixed.parse("-2.25"),
                Fixed.of(3), Fixed.of(102), Fixed.parse("1.5"), 0, 40);
        StrategyInfo mm = new StrategyInfo(StrategyId.of("mm1"), "market-maker", true, 7, 1, "boom", true, 90,
                2_000, 9_000);
        RuntimeSnapshot s = new RuntimeSnapshot(0, STATUS, 1024,
                new StateFacts(Map.of(VenueId.of("SIM"), VenueSessionState.RECONCILING), Map.of(VenueId.of("SIM"), 2),
                        List.of(position)), "", 0, Map.of(mm.id(), mm),
                Map.of("maxOpenOrders", new LimitUsage("maxOpenOrders", "100", "2"),
                        "note", new LimitUsage("note", "n/a", "n/a")),
                Map.of(TradingScope.strategy(StrategyId.of("mm1")), TradingState.REDUCING));

        assertThat(value(registry, MetricNames.RUNTIME_QUEUE_DEPTH)).isNull();
        latest.set(s);
        gauges.register(s);

        assertThat(value(registry, MetricNames.RUNTIME_QUEUE_DEPTH)).isEqualTo(3);
        assertThat(value(registry, MetricNames.RUNTIME_EVENTS_PROCESSED)).isEqualTo(40L);
        assertThat(registry.getGauges().get(MetricNames.RUNTIME_EVENTS_PROCESSED)).isInstanceOf(CounterGauge.class);
        assertThat(value(registry, tagged(MetricNames.RUNTIME_SESSION_STATE, "state", "RUNNING"))).isEqualTo(1);
        assertThat(value(registry, tagged(MetricNames.RUNTIME_SESSION_STATE, "state", "STOPPED"))).isEqualTo(0);
        assertThat(value(registry, tagged(MetricNames.RUNTIME_STAGE_BOUND, "stage", "execution"))).isEqualTo(0);
        assertThat(value(registry, tagged(MetricNames.VENUE_SESSION_STATE, "venue", "SIM", "state", "RECONCILING")))
                .isEqualTo(1);
        assertThat(value(registry, tagged(MetricNames.VENUE_UP, "venue", "SIM"))).isEqualTo(0);
        assertThat(value(registry, tagged(MetricNames.VENUE_OPEN_ORDERS, "venue", "SIM"))).isEqualTo(2);
        assertThat(value(registry, tagged(MetricNames.POSITION_NET, "instrument", "BTC-USD"))).isEqualTo(1.5);
        assertThat(value(registry, tagged(MetricNames.PNL_REALIZED, "instrument", "BTC-USD"))).isEqualTo(-2.25);
        assertThat(value(registry, tagged(MetricNames.STRATEGY_INTENTS, "strategy", "mm1"))).isEqualTo(7L);
        assertThat(value(registry, tagged(MetricNames.STRATEGY_EVENT_MAX, "strategy", "mm1"))).isEqualTo(9e-6);
        assertThat(value(registry, tagged(MetricNames.RISK_LIMIT, "limit", "maxOpenOrders"))).isEqualTo(100.0);
        assertThat(registry.getGauges()).doesNotContainKey(tagged(MetricNames.RISK_LIMIT, "limit", "note"));
        assertThat(value(registry,
                tagged(MetricNames.RUNTIME_TRADING_STATE, "scope", "strategy:mm1", "state", "REDUCING"))).isEqualTo(1);
        assertThat(value(registry,
                tagged(MetricNames.RUNTIME_TRADING_STATE, "scope", "global", "state", "ACTIVE"))).isEqualTo(1);

        gauges.close();
        assertThat(registry.getGauges()).isEmpty();
    }

    @Test
    void pnlOfTheDeskEveryAccountAndEveryStrategyBecomesGaugesByScopeAndId() throws Exception {
        PnlView desk = new PnlView(PnlView.Scope.DESK, "*", "USD", Fixed.parse("12.5"), Fixed.parse("-2.25"),
                Fixed.parse("0.75"), Fixed.of(1000), Fixed.of(500));
        PnlView account = new PnlView(PnlView.Scope.ACCOUNT, "ACC1", "USD", Fixed.parse("12.5"), Fixed.parse("-2.25"),
                Fixed.parse("0.75"), Fixed.of(1000), Fixed.of(500));
        PnlView mm = new PnlView(PnlView.Scope.STRATEGY, "mm1", "USD", Fixed.of(10), Fixed.of(-3), Fixed.parse("0.5"),
                Fixed.of(800), Fixed.of(400));
        PnlView mom = new PnlView(PnlView.Scope.STRATEGY, "mom1", "USD", Fixed.parse("2.5"), Fixed.parse("0.75"),
                Fixed.parse("0.25"), Fixed.of(200), Fixed.of(100));
        // the copy taken on the processing thread carries the state's P&L list
        StateView v = view(Map.of(), List.of(), List.of(desk, account, mm, mom));
        RuntimeSnapshot first = new SnapshotTaker(() -> runtime(v, true), () -> null, () -> null, () -> null,
                System::nanoTime).take(1000);
        assertThat(first.state().pnl()).containsExactly(desk, account, mm, mom);

        MetricRegistry registry = new MetricRegistry();
        AtomicReference<RuntimeSnapshot> latest = new AtomicReference<>(first);
        RuntimeGauges gauges = new RuntimeGauges(registry, latest::get);
        gauges.register(first);

        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_REALIZED, "scope", "desk", "id", "*")))
                .isEqualTo(12.5);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_UNREALIZED, "scope", "account", "id", "ACC1")))
                .isEqualTo(-2.25);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_FEES, "scope", "strategy", "id", "mm1")))
                .isEqualTo(0.5);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_NET, "scope", "strategy", "id", "mm1")))
                .isEqualTo(6.5);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_NET, "scope", "strategy", "id", "mom1")))
                .isEqualTo(3.0);

        // the gauges read the latest snapshot; a scope the state no longer lists reads as absent
        PnlView mmLater = new PnlView(PnlView.Scope.STRATEGY, "mm1", "USD", Fixed.of(20), Fixed.of(1), Fixed.of(1),
                Fixed.of(800), Fixed.of(400));
        RuntimeSnapshot later = new RuntimeSnapshot(0, STATUS, 1024, new StateFacts(Map.of(), Map.of(), List.of(),
                Map.of(), Map.of(), List.of(desk, mmLater)), "", 0, Map.of(), Map.of(), Map.of());
        latest.set(later);
        gauges.register(later);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_NET, "scope", "strategy", "id", "mm1")))
                .isEqualTo(20.0);
        assertThat(value(registry, tagged(MetricNames.PNL_SCOPE_NET, "scope", "strategy", "id", "mom1"))).isNull();

        java.io.StringWriter text = new java.io.StringWriter();
        PrometheusWriter.write(registry, text);
        assertThat(text.toString()).contains("# TYPE livestack_pnl_scope_net gauge\n")
                .contains("livestack_pnl_scope_net{scope=\"strategy\",id=\"mm1\"} 20\n")
                .contains("livestack_pnl_scope_realized{scope=\"desk\",id=\"*\"} 12.5\n")
                .doesNotContain("id=\"mom1\"");
    }

    @Test
    void parsesLeadingNumbersOfLimitTexts() {
        assertThat(RuntimeGauges.parseLeadingNumber("1000")).isEqualTo(1000.0);
        assertThat(RuntimeGauges.parseLeadingNumber(" 12.5 of 40")).isEqualTo(12.5);
        assertThat(RuntimeGauges.parseLeadingNumber("-3/10")).isEqualTo(-3.0);
        assertThat(RuntimeGauges.parseLeadingNumber("off")).isNull();
        assertThat(RuntimeGauges.parseLeadingNumber(null)).isNull();
    }

    private static Object value(MetricRegistry registry, String name) {
        Gauge<?> g = registry.getGauges().get(name);
        return g == null ? null : g.getValue();
    }

    @Test
    void exportsTheLoopCountersWithTypesAndLevels() {
        MetricRegistry registry = new MetricRegistry();
        AtomicReference<RuntimeSnapshot> latest = new AtomicReference<>();
        RuntimeGauges gauges = new RuntimeGauges(registry, latest::get);
        Map<String, Long> counters = Map.of("events.in.total", 14L, "events.in.ExecutionReport", 5L, "events.out.MarketDataEvent", 9L,
                "rejections.MAX_POSITION", 2L, "producer.waits", 1L, "records.buffered", 4L,
                "loop.busy.nanos", 1_500_000_000L, "queue.depth", 3L, "seq.last", 41L);
        RuntimeSnapshot s = new RuntimeSnapshot(0, STATUS, 1024, null, "", 0, Map.of(), Map.of(), Map.of(),
                counters, 0.25, null);
        latest.set(s);
        gauges.register(s);

        assertThat(value(registry, tagged(MetricNames.EVENTS_IN, "type", "ExecutionReport"))).isEqualTo(5L);
        assertThat(value(registry, tagged(MetricNames.EVENTS_OUT, "type", "MarketDataEvent"))).isEqualTo(9L);
        assertThat(value(registry, tagged(MetricNames.RISK_REJECTIONS, "reason", "MAX_POSITION"))).isEqualTo(2L);
        assertThat(registry.getGauges().get("livestack.runtime.producer.waits")).isInstanceOf(CounterGauge.class);
        assertThat(registry.getGauges().get("livestack.runtime.records.buffered"))
                .isNotInstanceOf(CounterGauge.class);
        assertThat(value(registry, "livestack.runtime.loop.busy.seconds")).isEqualTo(1.5);
        assertThat(value(registry, MetricNames.LOOP_UTILIZATION)).isEqualTo(0.25);
        // queue depth and the last sequence number come from RuntimeStatus, not twice from the counters
        assertThat(value(registry, MetricNames.RUNTIME_QUEUE_DEPTH)).isEqualTo(3);
        assertThat(registry.getGauges()).doesNotContainKeys("livestack.runtime.seq.last",
                tagged(MetricNames.EVENTS_IN, "type", "total"));
        assertThat(value(registry, MetricNames.STORAGE_BACKLOG)).isNull();
    }

    @Test
    void utilizationIsTheBusyShareBetweenTwoSnapshots() {
        long[] now = {1_000_000_000L};
        Map<String, Long> counters = new java.util.HashMap<>(Map.of("loop.busy.nanos", 0L));
        LiveRuntime rt = new LiveRuntime() {
            public CompletableFuture<CommandResult> execute(Command command, String user) {
                throw new UnsupportedOperationException();
            }

            public <T> CompletableFuture<T> query(Function<StateView, T> query) {
                return CompletableFuture.completedFuture(query.apply(view(Map.of(), List.of())));
            }

            public RuntimeStatus status() {
                return STATUS;
            }

            public Map<String, Long> counters() {
                return Map.copyOf(counters);
            }
        };
        SnapshotTaker taker = new SnapshotTaker(() -> rt, () -> null, () -> null, () -> null, () -> now[0]);

        assertThat(taker.take(100).loopUtilization()).isNaN();
        now[0] += 2_000_000_000L;
        counters.put("loop.busy.nanos", 500_000_000L);
        assertThat(taker.take(100).loopUtilization()).isEqualTo(0.25);
    }

    @Test
    void storageStatusBecomesGaugesAndHealth() {
        MetricRegistry registry = new MetricRegistry();
        io.livestack.api.record.StorageStatus st = new io.livestack.api.record.StorageStatus(
                io.livestack.api.record.StorageStatus.Health.FAILED, 12, 3, 100, 1, 0, 2, 4_000_000, 9_000_000,
                "spool write failed");
        RuntimeSnapshot s = new RuntimeSnapshot(0, STATUS, 1024, null, "", 0, Map.of(), Map.of(), Map.of(),
                Map.of(), Double.NaN, st);
        new RuntimeGauges(registry, () -> s);

        assertThat(value(registry, MetricNames.STORAGE_BACKLOG)).isEqualTo(12L);
        assertThat(value(registry, MetricNames.STORAGE_LOST)).isEqualTo(2L);
        assertThat(value(registry, MetricNames.STORAGE_LAST_COMMIT)).isEqualTo(0.004);
        assertThat(value(registry, tagged(MetricNames.STORAGE_HEALTH, "health", "FAILED"))).isEqualTo(1);
        io.livestack.api.telemetry.Health health = HealthEvaluator.storage(st);
        assertThat(health.status()).isEqualTo(io.livestack.api.telemetry.Health.Status.DOWN);
        assertThat(health.detail()).isEqualTo("spool write failed");
        assertThat(health.details()).containsEntry("lost", "2").containsEntry("backlog", "12");
    }
}
