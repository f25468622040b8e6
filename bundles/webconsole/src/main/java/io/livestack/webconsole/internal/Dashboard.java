package io.livestack.webconsole.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.ExecutionStage;
import io.livestack.api.runtime.LiveRuntime;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyHostStage;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.OrderView;
import io.livestack.api.risk.RiskStage;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.state.StateView;
import io.livestack.api.telemetry.MetricNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The page's data (GET .../livestack/data.json): session, venues, strategies, trading states and kill switch, open
 * orders, positions (desk and per strategy and account) and P&amp;L per scope, risk limits with their usage, key
 * counters and latencies. One state query through the processing loop (bounded
 * wait); every part is optional: a missing stage shows as absent, never as an error of the whole.
 */
final class Dashboard {

    static final int MAX_ORDERS = 200;
    static final long QUERY_TIMEOUT_MILLIS = 3000;

    /** What the page needs from the state, copied on the processing thread. */
    record StateCopy(Map<VenueId, VenueSessionState> venues, Map<VenueId, Integer> openByVenue, int openCount,
            List<OrderView> openOrders, List<PositionView> positions,
            Map<VenueId, Map<io.livestack.api.model.VenueAlert, Long>> alerts,
            java.util.Set<io.livestack.api.model.ClientOrderId> stuck, Map<VenueId, String> details,
            List<PositionView> bookPositions, List<PnlView> pnl) {

        static StateCopy of(StateView v) {
            Map<VenueId, Integer> byVenue = new HashMap<>();
            List<OrderView> open = new ArrayList<>(v.openOrders());
            for (OrderView o : open) {
                byVenue.merge(o.venue(), 1, Integer::sum);
            }
            open.sort(Comparator.comparingLong(OrderView::createdSeq).reversed());
            return new StateCopy(new TreeMap<>(v.venueStates()), byVenue, open.size(),
                    List.copyOf(open.subList(0, Math.min(MAX_ORDERS, open.size()))), List.copyOf(v.positions()),
                    v.venueAlerts(), java.util.Set.copyOf(v.stuckOrders().keySet()), v.venueDetails(),
                    List.copyOf(v.positions(PositionView.Level.BOOK)), List.copyOf(v.pnl()));
        }
    }

    private Dashboard() {
    }

    static Map<String, Object> build(LiveRuntime runtime, StrategyHostStage host, ExecutionStage execution,
            RiskStage risk, MetricRegistry registry, String user, List<String> roles, boolean operator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("roles", roles);
        out.put("operator", operator);
        List<String> problems = new ArrayList<>();
        StateCopy state = null;
        if (runtime == null) {
            problems.add("the Live Stack runtime is not running (no LiveRuntime service)");
            out.put("runtime", null);
        } else {
            RuntimeStatus s = runtime.status();
            long capacity = runtime.queueCapacity() > 0 ? runtime.queueCapacity()
                    : runtime.counters().getOrDefault("queue.capacity", 0L);
            out.put("runtime", runtime(s, capacity));
            if (s.halted() != null) {
                problems.add("HALTED: " + s.halted());
            }
            try {
                state = runtime.query(StateCopy::of).get(QUERY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                problems.add("the processing loop did not answer within " + QUERY_TIMEOUT_MILLIS + " ms");
            } catch (ExecutionException e) {
                problems.add("state query failed: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problems.add("interrupted");
            }
        }
        out.put("venues", state == null ? List.of() : venues(state));
        out.put("openOrderCount", state == null ? null : state.openCount());
        out.put("openOrders", state == null ? List.of() : orders(state.openOrders(), state.stuck()));
        out.put("positions", state == null ? List.of() : positions(state.positions()));
        out.put("strategyPositions", state == null ? List.of() : Pnl.bookPositions(state.bookPositions()));
        out.put("pnl", state == null ? null : Pnl.desk(state.pnl()));
        out.put("pnlByScope", state == null ? List.of() : Pnl.byScope(state.pnl()));
        out.put("risk", risk == null ? null : RiskPanel.limits(risk.limits()));
        if (risk == null) {
            problems.add("the risk stage is not running: new orders fail closed");
        }
        out.put("strategies", host == null ? null : strategies(host.strategies()));
        if (host == null) {
            problems.add("the strategy host is not running");
        }
        out.put("tradingStates", execution == null ? null : tradingStates(execution.tradingStates()));
        if (execution == null) {
            problems.add("execution control is not running: new orders fail closed");
        }
        out.put("metrics", registry == null ? null : metrics(registry));
        out.put("problems", problems);
        return out;
    }

    private static Map<String, Object> runtime(RuntimeStatus s, long capacity) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", String.valueOf(s.session()));
        m.put("globalTradingState", String.valueOf(s.globalTradingState()));
        m.put("killSwitchEngaged", s.killSwitchEngaged());
        m.put("lastSeq", s.lastSeq());
        m.put("queueDepth", s.queueDepth());
        m.put("queueCapacity", capacity);
        m.put("eventsProcessed", s.eventsProcessed());
        m.put("conflated", s.conflated());
        Map<String, Object> stages = new TreeMap<>();
        if (s.stages() != null) {
            stages.putAll(s.stages());
        }
        m.put("stages", stages);
        m.put("halted", s.halted());
        m.put("recovery", s.recovery());
        m.put("journal", s.journal());
        return m;
    }

    private static List<Object> venues(StateCopy state) {
        List<Object> out = new ArrayList<>();
        state.venues().forEach((venue, st) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("venue", venue.value());
            m.put("state", st.name());
            m.put("up", st == VenueSessionState.LOGGED_ON);
            m.put("openOrders", state.openByVenue().getOrDefault(venue, 0));
            StringBuilder alerts = new StringBuilder();
            state.alerts().getOrDefault(venue, Map.of()).forEach((a, n) -> alerts.append(alerts.length() == 0
                    ? "" : " ").append(a).append('=').append(n));
            m.put("alerts", alerts.toString());
            m.put("detail", st == VenueSessionState.RECONCILE_FAILED ? state.details().getOrDefault(venue, "") : "");
            out.add(m);
        });
        return out;
    }

    static List<Object> orders(List<OrderView> orders) {
        return orders(orders, java.util.Set.of());
    }

    static List<Object> orders(List<OrderView> orders, java.util.Set<io.livestack.api.model.ClientOrderId> stuck) {
        List<Object> out = new ArrayList<>();
        for (OrderView o : orders) {
            Map<String, Object> m = HistoryJson.order(o); // an order reads the same in every table of the page
            m.put("stuck", stuck.contains(o.clientOrderId()));
            out.add(m);
        }
        return out;
    }

    private static List<Object> positions(List<PositionView> positions) {
        List<Object> out = new ArrayList<>();
        positions.stream().sorted(Comparator.comparing(PositionView::instrument)).forEach(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", p.instrument().value());
            m.put("net", Fixed.format(p.netQuantity()));
            m.put("averagePrice", Fixed.format(p.averagePrice()));
            m.put("mark", Fixed.format(p.markPrice()));
            m.put("realized", Fixed.format(p.realizedPnl()));
            m.put("unrealized", Fixed.format(p.unrealizedPnl()));
            m.put("fees", Fixed.format(p.fees()));
            out.add(m);
        });
        return out;
    }

    private static List<Object> strategies(List<StrategyInfo> infos) {
        List<Object> out = new ArrayList<>();
        infos.stream().sorted(Comparator.comparing(StrategyInfo::id)).forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id().value());
            m.put("kind", s.kind());
            m.put("running", s.running());
            m.put("autoStart", s.autoStart());
            m.put("intents", s.intents());
            m.put("faults", s.faults());
            m.put("lastFault", s.lastFault() == null ? "" : s.lastFault());
            out.add(m);
        });
        return out;
    }

    private static List<Object> tradingStates(Map<TradingScope, TradingState> states) {
        List<Object> out = new ArrayList<>();
        Map<String, String> sorted = new TreeMap<>();
        states.forEach((k, v) -> sorted.put(k.toString(), v.name()));
        sorted.forEach((k, v) -> out.add(Map.of("scope", k, "state", v)));
        return out;
    }

    /**
     * Sums of the stages' counters and the latency timers, from the registry. Tick-to-order (market data intake to
     * the order it caused reaching the venue adapter) is the key latency: its own entry {@code tickToOrder} (null
     * while the runtime has not registered it); the other {@code livestack.latency.*} timers and storage's record-to-durable
     * are listed under {@code latencies}.
     */
    static Map<String, Object> metrics(MetricRegistry registry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ordersSent", sum(registry, MetricNames.ORDERS_SENT));
        m.put("ordersAcknowledged", sum(registry, MetricNames.ORDERS_ACKNOWLEDGED));
        m.put("ordersRejected", sum(registry, MetricNames.ORDERS_REJECTED));
        m.put("fills", sum(registry, MetricNames.ORDERS_FILLED));
        m.put("riskRejections", sum(registry, MetricNames.RISK_REJECTIONS));
        m.put("loopUtilization", gauge(registry, MetricNames.LOOP_UTILIZATION));
        m.put("storageBacklog", gauge(registry, MetricNames.STORAGE_BACKLOG));
        Timer tickToOrder = registry.getTimers().get(MetricNames.TICK_TO_ORDER);
        m.put("tickToOrder", tickToOrder == null ? null : latency(MetricNames.TICK_TO_ORDER, tickToOrder));
        List<Object> latencies = new ArrayList<>();
        for (Map.Entry<String, Timer> e : registry.getTimers((name, metric) -> (name.startsWith("livestack.latency.")
                && !name.equals(MetricNames.TICK_TO_ORDER))
                || name.startsWith(MetricNames.STORAGE_RECORD_TO_DURABLE)).entrySet()) {
            latencies.add(latency(e.getKey(), e.getValue()));
        }
        m.put("latencies", latencies);
        return m;
    }

    private static Map<String, Object> latency(String name, Timer timer) {
        Snapshot s = timer.getSnapshot();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", name);
        l.put("count", timer.getCount());
        l.put("p50Micros", s.getMedian() / 1000.0);
        l.put("p99Micros", s.get99thPercentile() / 1000.0);
        l.put("maxMicros", s.getMax() / 1000.0);
        return l;
    }

    /** Sum of every counter (or counter-like gauge) named {@code base} or {@code base{...}}. */
    static Long sum(MetricRegistry registry, String base) {
        long total = 0;
        boolean any = false;
        for (Map.Entry<String, Counter> e : registry.getCounters((n, m) -> n.equals(base) || n.startsWith(base + "{"))
                .entrySet()) {
            total += e.getValue().getCount();
            any = true;
        }
        for (Map.Entry<String, Gauge> e : registry.getGauges((n, m) -> n.equals(base) || n.startsWith(base + "{"))
                .entrySet()) {
            if (e.getValue().getValue() instanceof Number n) {
                total += n.longValue();
                any = true;
            }
        }
        return any ? total : null;
    }

    static Object gauge(MetricRegistry registry, String name) {
        Gauge<?> g = registry.getGauges().get(name);
        Object v = g == null ? null : g.getValue();
        return v instanceof Number ? v : null;
    }
}
