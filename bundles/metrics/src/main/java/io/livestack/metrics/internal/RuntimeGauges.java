package io.livestack.metrics.internal;

import static io.livestack.api.telemetry.MetricNames.tagged;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.SessionState;
import io.livestack.api.model.StrategyId;
import io.livestack.api.model.TradingScope;
import io.livestack.api.model.TradingState;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.record.StorageStatus;
import io.livestack.api.risk.LimitUsage;
import io.livestack.api.runtime.RuntimeStatus;
import io.livestack.api.runtime.StrategyInfo;
import io.livestack.api.state.PnlView;
import io.livestack.api.state.PositionView;
import io.livestack.api.telemetry.MetricNames;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gauges the metrics bundle collects itself, from the counters the stages already expose (see the names marked
 * "metrics bundle" in {@link MetricNames}). Every gauge reads the latest {@link RuntimeSnapshot}; the gauges of
 * labelled things (venues, stages, strategies, instruments, P&amp;L scopes, limits, trading scopes) are registered the
 * first time a snapshot shows them ({@link #register(RuntimeSnapshot)}) and stay until {@link #close()} (a vanished
 * thing reads as absent: its gauge yields no value and the exporter leaves it out).
 */
final class RuntimeGauges implements AutoCloseable {

    private static final double SCALE = Fixed.SCALE;
    private static final double NANOS_PER_SECOND = 1e9;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?[0-9]+(?:\\.[0-9]+)?)");

    private final MetricRegistry registry;
    private final Supplier<RuntimeSnapshot> latest;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    RuntimeGauges(MetricRegistry registry, Supplier<RuntimeSnapshot> latest) {
        this.registry = registry;
        this.latest = latest;
        status(MetricNames.RUNTIME_LAST_SEQ, RuntimeStatus::lastSeq);
        status(MetricNames.RUNTIME_QUEUE_DEPTH, RuntimeStatus::queueDepth);
        gauge(MetricNames.RUNTIME_QUEUE_CAPACITY, s -> s.runtimePresent() ? s.queueCapacity() : null);
        statusCounter(MetricNames.RUNTIME_EVENTS_PROCESSED, RuntimeStatus::eventsProcessed);
        statusCounter(MetricNames.RUNTIME_CONFLATED, RuntimeStatus::conflated);
        status(MetricNames.RUNTIME_KILL_SWITCH, st -> st.killSwitchEngaged() ? 1 : 0);
        for (SessionState state : SessionState.values()) {
            status(tagged(MetricNames.RUNTIME_SESSION_STATE, "state", state.name()),
                    st -> st.session() == state ? 1 : 0);
        }
        gauge(MetricNames.LOOP_UTILIZATION, s -> Double.isNaN(s.loopUtilization()) ? null : s.loopUtilization());
        storage(MetricNames.STORAGE_BACKLOG, false, StorageStatus::backlog);
        storage(MetricNames.STORAGE_WRITTEN, true, StorageStatus::written);
        storage(MetricNames.STORAGE_SPILLED, true, StorageStatus::spilled);
        storage(MetricNames.STORAGE_DUPLICATES, true, StorageStatus::duplicates);
        storage(MetricNames.STORAGE_DEAD_LETTERED, true, StorageStatus::deadLettered);
        storage(MetricNames.STORAGE_LOST, true, StorageStatus::lost);
        storage(MetricNames.STORAGE_LAST_COMMIT, false, st -> st.lastCommitNanos() / NANOS_PER_SECOND);
        storage(MetricNames.STORAGE_LAST_RECORD_TO_DURABLE, false,
                st -> st.lastRecordToDurableNanos() / NANOS_PER_SECOND);
        for (StorageStatus.Health health : StorageStatus.Health.values()) {
            storage(tagged(MetricNames.STORAGE_HEALTH, "health", health.name()), false,
                    st -> st.health() == health ? 1 : 0);
        }
    }

    /**
     * The registry name of a {@code LiveRuntime.counters()} entry, or null for the entries already exported from
     * {@code RuntimeStatus} (queue depth and capacity, conflated, last sequence number).
     */
    static String counterName(String key) {
        if (key.equals("events.in.total") || key.equals("events.out.total")) {
            return null; // the sums of the per-type counters
        }
        if (key.startsWith("events.in.")) {
            return tagged(MetricNames.EVENTS_IN, "type", key.substring("events.in.".length()));
        }
        if (key.startsWith("events.out.")) {
            return tagged(MetricNames.EVENTS_OUT, "type", key.substring("events.out.".length()));
        }
        if (key.startsWith("rejections.")) {
            return tagged(MetricNames.RISK_REJECTIONS, "reason", key.substring("rejections.".length()));
        }
        switch (key) {
            case "queue.depth", "queue.capacity", "conflated", "seq.last":
                return null;
            case "loop.busy.nanos":
                return MetricNames.RUNTIME_COUNTER_PREFIX + "loop.busy.seconds";
            default:
                return MetricNames.RUNTIME_COUNTER_PREFIX + key;
        }
    }

    /** Levels go up and down (gauges); every other counter only grows. */
    static boolean isLevel(String key) {
        return key.endsWith("depth") || key.endsWith("capacity") || key.endsWith(".last")
                || key.endsWith("buffered") || key.endsWith("pending") || key.endsWith("parked");
    }

    /** Register the gauges of every labelled thing this snapshot shows that has none yet. */
    void register(RuntimeSnapshot snapshot) {
        for (String key : snapshot.counters().keySet()) {
            String name = counterName(key);
            if (name == null || registered.contains(name)) {
                continue;
            }
            double divisor = key.equals("loop.busy.nanos") ? NANOS_PER_SECOND : 1;
            Function<RuntimeSnapshot, Number> value = s -> {
                Long v = s.counters().get(key);
                return v == null ? null : divisor == 1 ? (Number) v : (Number) (v / divisor);
            };
            if (isLevel(key)) {
                gauge(name, value);
            } else {
                counter(name, value);
            }
        }
        if (snapshot.status() != null && snapshot.status().stages() != null) {
            for (String stage : snapshot.status().stages().keySet()) {
                status(tagged(MetricNames.RUNTIME_STAGE_BOUND, "stage", stage), st -> {
                    Boolean bound = st.stages() == null ? null : st.stages().get(stage);
                    return bound == null ? null : bound ? 1 : 0;
                });
            }
        }
        List<TradingScope> scopes = new ArrayList<>(snapshot.tradingStates().keySet());
        if (snapshot.status() != null && !scopes.contains(TradingScope.GLOBAL)) {
            scopes.add(TradingScope.GLOBAL);
        }
        for (TradingScope scope : scopes) {
            for (TradingState state : TradingState.values()) {
                gauge(tagged(MetricNames.RUNTIME_TRADING_STATE, "scope", scope.toString(), "state", state.name()),
                        s -> {
                            TradingState current = tradingState(s, scope);
                            return current == null ? null : current == state ? 1 : 0;
                        });
            }
        }
        if (snapshot.state() != null) {
            for (VenueId venue : snapshot.state().venues().keySet()) {
                String v = venue.value();
                for (VenueSessionState state : VenueSessionState.values()) {
                    gauge(tagged(MetricNames.VENUE_SESSION_STATE, "venue", v, "state", state.name()), s -> {
                        VenueSessionState current = s.state() == null ? null : s.state().venues().get(venue);
                        return current == null ? null : current == state ? 1 : 0;
                    });
                }
                gauge(tagged(MetricNames.VENUE_UP, "venue", v), s -> {
                    VenueSessionState current = s.state() == null ? null : s.state().venues().get(venue);
                    return current == null ? null : current == VenueSessionState.LOGGED_ON ? 1 : 0;
                });
                gauge(tagged(MetricNames.VENUE_OPEN_ORDERS, "venue", v),
                        s -> s.state() == null ? null : s.state().openOrdersByVenue().get(venue));
            }
            for (PositionView p : snapshot.state().positions()) {
                InstrumentId instrument = p.instrument();
                String i = instrument.value();
                position(tagged(MetricNames.POSITION_NET, "instrument", i), instrument, PositionView::netQuantity);
                position(tagged(MetricNames.PNL_REALIZED, "instrument", i), instrument, PositionView::realizedPnl);
                position(tagged(MetricNames.PNL_UNREALIZED, "instrument", i), instrument,
                        PositionView::unrealizedPnl);
            }
            for (PnlView p : snapshot.state().pnl()) {
                pnl(MetricNames.PNL_SCOPE_REALIZED, p.scope(), p.id(), PnlView::realized);
                pnl(MetricNames.PNL_SCOPE_UNREALIZED, p.scope(), p.id(), PnlView::unrealized);
                pnl(MetricNames.PNL_SCOPE_FEES, p.scope(), p.id(), PnlView::fees);
                pnl(MetricNames.PNL_SCOPE_NET, p.scope(), p.id(), PnlView::net);
            }
        }
        for (StrategyId id : snapshot.strategies().keySet()) {
            String sid = id.value();
            strategy(tagged(MetricNames.STRATEGY_RUNNING, "strategy", sid), id, false, i -> i.running() ? 1 : 0);
            strategy(tagged(MetricNames.STRATEGY_INTENTS, "strategy", sid), id, true, StrategyInfo::intents);
            strategy(tagged(MetricNames.STRATEGY_FAULTS, "strategy", sid), id, true, StrategyInfo::faults);
            strategy(tagged(MetricNames.STRATEGY_EVENTS, "strategy", sid), id, true, StrategyInfo::events);
            strategy(tagged(MetricNames.STRATEGY_EVENT_MEAN, "strategy", sid), id, false,
                    i -> i.meanEventNanos() / NANOS_PER_SECOND);
            strategy(tagged(MetricNames.STRATEGY_EVENT_MAX, "strategy", sid), id, false,
                    i -> i.maxEventNanos() / NANOS_PER_SECOND);
        }
        for (LimitUsage limit : snapshot.limits().values()) {
            String key = limit.key();
            if (parseLeadingNumber(limit.limit()) != null) {
                gauge(tagged(MetricNames.RISK_LIMIT, "limit", key), s -> {
                    LimitUsage l = s.limits().get(key);
                    return l == null ? null : parseLeadingNumber(l.limit());
                });
            }
            if (parseLeadingNumber(limit.usage()) != null) {
                gauge(tagged(MetricNames.RISK_USAGE, "limit", key), s -> {
                    LimitUsage l = s.limits().get(key);
                    return l == null ? null : parseLeadingNumber(l.usage());
                });
            }
        }
    }

    /** Names of the gauges registered so far. */
    Set<String> names() {
        return Set.copyOf(registered);
    }

    @Override
    public void close() {
        for (String name : registered) {
            registry.remove(name);
        }
        registered.clear();
    }

    /** The leading decimal number of a limit text ("1000", "12.5 of 40", "3/10"), or null. */
    static Double parseLeadingNumber(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LEADING_NUMBER.matcher(text);
        return m.find() ? new BigDecimal(m.group(1)).doubleValue() : null;
    }

    private static TradingState tradingState(RuntimeSnapshot s, TradingScope scope) {
        TradingState explicit = s.tradingStates().get(scope);
        if (explicit != null) {
            return explicit;
        }
        if (scope.equals(TradingScope.GLOBAL) && s.status() != null) {
            return s.status().globalTradingState();
        }
        return null;
    }

    private void position(String name, InstrumentId instrument, Function<PositionView, Long> value) {
        gauge(name, s -> {
            if (s.state() == null) {
                return null;
            }
            for (PositionView p : s.state().positions()) {
                if (p.instrument().equals(instrument)) {
                    return value.apply(p) / SCALE;
                }
            }
            return null;
        });
    }

    /** A P&amp;L gauge {scope,id} of one desk, account or strategy ({@link MetricNames#PNL_SCOPE_NET} and its kin). */
    private void pnl(String base, PnlView.Scope scope, String id, ToLongFunction<PnlView> value) {
        gauge(tagged(base, "scope", scope.name().toLowerCase(Locale.ROOT), "id", id), s -> {
            if (s.state() == null) {
                return null;
            }
            for (PnlView p : s.state().pnl()) {
                if (p.scope() == scope && p.id().equals(id)) {
                    return value.applyAsLong(p) / SCALE;
                }
            }
            return null;
        });
    }

    private void strategy(String name, StrategyId id, boolean monotonic, Function<StrategyInfo, Number> value) {
        Function<RuntimeSnapshot, Number> f = s -> {
            StrategyInfo i = s.strategies().get(id);
            return i == null ? null : value.apply(i);
        };
        if (monotonic) {
            counter(name, f);
        } else {
            gauge(name, f);
        }
    }

    private void storage(String name, boolean monotonic, Function<StorageStatus, Number> value) {
        Function<RuntimeSnapshot, Number> f = s -> s.storage() == null ? null : value.apply(s.storage());
        if (monotonic) {
            counter(name, f);
        } else {
            gauge(name, f);
        }
    }

    private void status(String name, Function<RuntimeStatus, Number> value) {
        gauge(name, s -> s.status() == null ? null : value.apply(s.status()));
    }

    private void statusCounter(String name, Function<RuntimeStatus, Number> value) {
        counter(name, s -> s.status() == null ? null : value.apply(s.status()));
    }

    private void counter(String name, Function<RuntimeSnapshot, Number> value) {
        register(name, (CounterGauge) () -> {
            RuntimeSnapshot s = latest.get();
            return s == null ? null : value.apply(s);
        });
    }

    private void gauge(String name, Function<RuntimeSnapshot, Number> value) {
        register(name, (Gauge<Number>) () -> {
            RuntimeSnapshot s = latest.get();
            return s == null ? null : value.apply(s);
        });
    }

    private void register(String name, Metric metric) {
        if (registered.contains(name)) {
            return;
        }
        try {
            registry.register(name, metric);
            registered.add(name);
        } catch (IllegalArgumentException alreadyThere) {
            // registered concurrently by someone else: theirs stays
        }
    }
}
