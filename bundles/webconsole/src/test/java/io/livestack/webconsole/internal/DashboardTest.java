package io.livestack.webconsole.internal;

import io.livestack.http.Json;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Command;
import io.livestack.api.model.AccountId;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.OrderStatus;
import io.livestack.api.model.OrderType;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.Side;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TimeInForce;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.CommandResult;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.OrderView;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.api.telemetry.MetricNames;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final VenueId SIM = VenueId.of("SIM");
    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    private static OrderView order(String id, long seq) {
        return new OrderView(ClientOrderId.of(id), ClientOrderId.of(id), null, null, StrategyId.of("mm1"), SIM, BTC,
                Side.SELL, OrderType.LIMIT, TimeInForce.DAY, Fixed.of(101), Fixed.of(2), 0, 0, OrderStatus.NEW, 0, 0,
                false, true, "", seq, seq, 0, 0);
    }

    /** A strategy's position in one account (the BOOK level). */
    private static PositionView book(String strategy, String account, long net) {
        return new PositionView(BTC, Fixed.of(net), Fixed.of(100), 0, 0, Fixed.of(101), 0, 0, 3,
                AccountId.of(account), StrategyId.of(strategy), null, Fixed.parse("0.1"));
    }

    private static RiskStage risk() {
        return (RiskStage) Proxy.newProxyInstance(RiskStage.class.getClassLoader(), new Class<?>[] {RiskStage.class},
                (p, m, a) -> {
                    if (m.getName().equals("limits")) {
                        return List.of(new LimitUsage("maxPosition", "5", "net 4", "strategy:mm1", 0.8, false),
                                new LimitUsage("maxLoss", "100", "net -120", "desk", 1.2, true));
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static LiveRuntime runtime(boolean killed) {
        StateView view = (StateView) Proxy.newProxyInstance(StateView.class.getClassLoader(),
                new Class<?>[] {StateView.class}, (p, m, a) -> switch (m.getName()) {
                    case "venueStates" -> Map.of(SIM, VenueSessionState.LOGGED_ON);
                    case "openOrders" -> List.of(order("A-1", 1), order("A-2", 2));
                    case "positions" -> a == null ? List.of(new PositionView(BTC, Fixed.of(-1), Fixed.of(100),
                            Fixed.of(5), Fixed.parse("-0.5"), Fixed.of(101), 0, Fixed.of(1), 3))
                            : List.of(book("mm1", "ACC1", 1), book("mom1", "ACC2", -2));
                    case "pnl" -> List.of(
                            new PnlView(PnlView.Scope.DESK, "*", "USD", Fixed.of(5), Fixed.parse("-0.5"),
                                    Fixed.parse("0.25"), Fixed.of(101), Fixed.of(-101)),
                            new PnlView(PnlView.Scope.STRATEGY, "mm1", "USD", Fixed.of(2), 0, 0, Fixed.of(101),
                                    Fixed.of(101)));
                    case "venueAlerts" -> Map.of(SIM, Map.of(io.livestack.api.model.VenueAlert.FILL_BUST, 2L));
                    case "stuckOrders" -> Map.of(io.livestack.api.model.ClientOrderId.of("A-2"), 7L);
                    case "venueDetails" -> Map.of();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new LiveRuntime() {
            public CompletableFuture<CommandResult> execute(Command command, String user) {
                throw new UnsupportedOperationException();
            }

            public <T> CompletableFuture<T> query(Function<StateView, T> query) {
                return CompletableFuture.completedFuture(query.apply(view));
            }

            public RuntimeStatus status() {
                return new RuntimeStatus(SessionState.RUNNING, 9, 0, 9, 0, Map.of("risk", true),
                        killed ? TradingState.HALTED : TradingState.ACTIVE, killed);
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsSessionVenuesOpenOrdersNewestFirstAndPnl() {
        Map<String, Object> d = Dashboard.build(runtime(true), null, null, null, null, "viewer",
                List.of("livestack-viewer"), false);

        Map<String, Object> rt = (Map<String, Object>) d.get("runtime");
        assertThat(rt).containsEntry("session", "RUNNING").containsEntry("killSwitchEngaged", true);
        assertThat((List<Map<String, Object>>) d.get("venues")).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("venue", "SIM").containsEntry("state", "LOGGED_ON")
                        .containsEntry("alerts", "FILL_BUST=2"));
        assertThat((List<Map<String, Object>>) d.get("openOrders")).extracting(o -> o.get("id"))
                .containsExactly("A-2", "A-1");
        assertThat((List<Map<String, Object>>) d.get("openOrders")).extracting(o -> o.get("stuck"))
                .containsExactly(true, false);
        assertThat((Map<String, Object>) d.get("pnl")).containsEntry("realized", "5").containsEntry("fees", "0.25")
                .containsEntry("total", "4.25").containsEntry("currency", "USD");
        assertThat((List<Map<String, Object>>) d.get("pnlByScope")).extracting(p -> p.get("scope") + " " + p.get("id")
                + " " + p.get("net")).containsExactly("desk * 4.25", "strategy mm1 2");
        assertThat((List<Map<String, Object>>) d.get("strategyPositions"))
                .extracting(p -> p.get("strategy") + "/" + p.get("account") + " " + p.get("net") + " " + p.get("fees"))
                .containsExactly("mm1/ACC1 1 0.1", "mom1/ACC2 -2 0.1");
        assertThat(d).containsEntry("risk", null);
        assertThat((List<String>) d.get("problems")).anyMatch(p -> p.contains("risk stage"));
        assertThat((List<String>) d.get("problems")).anyMatch(p -> p.contains("strategy host"))
                .anyMatch(p -> p.contains("execution control"));
        assertThat(d).containsEntry("operator", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsEveryRiskLimitPerScopeWithItsUsageAndBreaches() {
        Map<String, Object> d = Dashboard.build(runtime(false), null, null, risk(), null, "viewer", List.of(), false);

        assertThat((List<Map<String, Object>>) d.get("risk"))
                .extracting(l -> l.get("scope") + " " + l.get("limit") + " " + l.get("utilization") + " "
                        + l.get("breached"))
                .containsExactly("strategy:mm1 maxPosition 80.0 false", "desk maxLoss 120.0 true");
        assertThat((List<String>) d.get("problems")).noneMatch(p -> p.contains("risk stage"));
    }

    @Test
    void withoutARuntimeThePageSaysSoInsteadOfFailing() {
        Map<String, Object> d = Dashboard.build(null, null, null, null, null, "viewer", List.of(), false);

        assertThat(Json.write(d)).contains("\"runtime\":null").contains("not running");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sumsLabelledCountersAndReportsLatencies() {
        MetricRegistry registry = new MetricRegistry();
        registry.counter(MetricNames.tagged(MetricNames.ORDERS_SENT, "venue", "SIM", "strategy", "a")).inc(2);
        registry.counter(MetricNames.tagged(MetricNames.ORDERS_SENT, "venue", "SIM", "strategy", "b")).inc(3);
        registry.timer(MetricNames.tagged(MetricNames.ORDER_ACK_LATENCY, "venue", "SIM"))
                .update(250, TimeUnit.MICROSECONDS);

        Map<String, Object> m = Dashboard.metrics(registry);

        assertThat(m).containsEntry("ordersSent", 5L).containsEntry("fills", null)
                .containsEntry("tickToOrder", null);
        assertThat((List<Map<String, Object>>) m.get("latencies")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("name", "livestack.latency.order_ack{venue=SIM}")
                        .containsEntry("p50Micros", 250.0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tickToOrderIsTheKeyLatencyWithItsOwnEntry() {
        MetricRegistry registry = new MetricRegistry();
        registry.timer(MetricNames.TICK_TO_ORDER).update(40, TimeUnit.MICROSECONDS);
        registry.timer(MetricNames.TICK_TO_ORDER).update(60, TimeUnit.MICROSECONDS);

        Map<String, Object> m = Dashboard.metrics(registry);

        assertThat((Map<String, Object>) m.get("tickToOrder")).containsEntry("name", MetricNames.TICK_TO_ORDER)
                .containsEntry("count", 2L).containsEntry("maxMicros", 60.0);
        assertThat((List<Map<String, Object>>) m.get("latencies")).isEmpty();
        assertThat(Json.write(m)).contains("\"tickToOrder\":{\"name\":\"livestack.latency.tick_to_order\"");
    }

    @Test
    void jsonIsSafeToEmbed() {
        assertThat(Json.write(Map.of("a", List.of("</script>", 1, true, Double.NaN))))
                .isEqualTo("{\"a\":[\"\\u003c/script\\u003e\",1,true,null]}");
    }
}
