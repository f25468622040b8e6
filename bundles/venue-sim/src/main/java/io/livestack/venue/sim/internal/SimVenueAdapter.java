package io.livestack.venue.sim.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.event.Event;
import io.livestack.api.event.OrderCancelRejected;
import io.livestack.api.event.VenueSessionEvent;
import io.livestack.api.model.ClientOrderId;
import io.livestack.api.model.Fixed;
import io.livestack.api.model.InstrumentId;
import io.livestack.api.model.VenueId;
import io.livestack.api.model.VenueSessionState;
import io.livestack.api.runtime.EventIntake;
import io.livestack.api.state.OrderView;
import io.livestack.api.venue.VenueAdapter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VenueAdapter} of one simulated venue (paper trading); {@link SimVenueComponent} creates and registers
 * it per factory configuration.
 * <p>
 * Threads: each venue owns one single-threaded scheduled executor, named {@code livestack-venue-sim-<venue>}; the
 * {@link SimMatchingEngine} is used on that thread only. The adapter methods (called on the processing thread) only
 * hand a task to it, after the configured latency, and return: they never block. Tasks run in the order they were
 * handed over.
 * <p>
 * Session: {@link #connect()} publishes CONNECTING, then after the latency RECONCILING; the runtime then calls
 * {@link #reconcile}, the venue answers with the status of every open order and publishes LOGGED_ON (if the runtime
 * does not ask within {@code reconcileTimeoutMillis}, it logs on anyway), right after a snapshot of every book.
 * Market data (the random walk, fills of resting orders) runs only while LOGGED_ON; {@link #disconnect()} publishes LOGGED_OUT; resting orders stay at the
 * venue across a reconnect. New orders, cancels and replaces are refused unless LOGGED_ON.
 * <p>
 * {@link #close()} (configuration or bundle removed) logs out, then stops the executor; resting orders are lost
 * with the venue.
 * <p>
 * Telemetry ({@link SimVenueTelemetry}, counted on the venue thread): reports and market data out of the venue are
 * messages in, requests that reach it are messages out, logons after the first are reconnects; the heartbeat lag is 0
 * while the session is up. The metrics are in the {@link MetricRegistry} while one is bound and leave it on close.
 */
final class SimVenueAdapter implements VenueAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SimVenueAdapter.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final SimVenueSettings settings;
    private final EventIntake intake;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor;
    private final SimMatchingEngine engine;
    private final Set<InstrumentId> instruments;
    private final ScheduledFuture<?> marketData;
    private final SimVenueTelemetry telemetry;

    /** Written on the venue thread, read anywhere. */
    private volatile VenueSessionState state = VenueSessionState.DISCONNECTED;
    // venue thread only
    private ScheduledFuture<?> reconcileDeadline;

    SimVenueAdapter(SimVenueSettings settings, EventIntake intake, LongSupplier clock,
            ScheduledExecutorService executor, String idPrefix) {
        this(settings, intake, clock, executor, idPrefix, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds for the telemetry (the heartbeat lag); {@link System#nanoTime()} */
    SimVenueAdapter(SimVenueSettings settings, EventIntake intake, LongSupplier clock,
            ScheduledExecutorService executor, String idPrefix, LongSupplier nanoClock) {
        this.settings = settings;
        this.telemetry = new SimVenueTelemetry(settings.venue(), nanoClock);
        this.intake = intake;
        this.clock = clock;
        this.executor = executor;
        this.instruments = Set.copyOf(settings.instruments().keySet());
        this.engine = new SimMatchingEngine(settings, idPrefix, this::publish, clock);
        long interval = settings.marketDataIntervalMillis();
        this.marketData = executor.scheduleAtFixedRate(this::marketDataTick, interval, interval,
                TimeUnit.MILLISECONDS);
    }

    /** One named single-threaded scheduler per venue. */
    static ScheduledExecutorService newExecutor(VenueId venue) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "livestack-venue-sim-" + venue.value());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** Ids unique across restarts of the venue: the venue id and its start time in base 36. */
    static String idPrefix(VenueId venue) {
        return venue.value() + "-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    }

    /** The venue's own clock for the source time of what it publishes (a venue stamps its messages itself). */
    static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Takes the venue down: logs out (LOGGED_OUT goes to intake while the service is still registered), then stops
     * the venue thread. Waits a bounded time for each; never throws.
     */
    void close() {
        try {
            executor.submit(() -> {
                cancelReconcileDeadline();
                if (state == VenueSessionState.CONNECTING || state == VenueSessionState.RECONCILING
                        || state == VenueSessionState.LOGGED_ON) {
                    state = VenueSessionState.LOGGED_OUT;
                    telemetry.down();
                    LOG.info("Simulated venue {}: LOGGED_OUT (venue shut down)", settings.venue());
                    VenueSessionEvent out = new VenueSessionEvent(settings.venue(), clock.getAsLong(),
                            VenueSessionState.LOGGED_OUT, "venue shut down");
                    if (!intake.offer(out, SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                        LOG.warn("Simulated venue {}: LOGGED_OUT not delivered, the intake queue stayed full",
                                settings.venue());
                    }
                }
            }).get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("Simulated venue {}: could not log out cleanly: {}", settings.venue(), e.toString());
        }
        telemetry.close();
        marketData.cancel(false);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Simulated venue {}: its thread did not stop within {} s", settings.venue(),
                        SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Simulated venue {} stopped", settings.venue());
    }

    /** Puts this venue's metrics into the registry (until {@link #unbindMetrics} or {@link #close}). */
    void bindMetrics(MetricRegistry registry) {
        telemetry.bind(registry);
    }

    /** The registry goes away: the venue's metrics leave it (counting goes on). */
    void unbindMetrics(MetricRegistry registry) {
        telemetry.unbind(registry);
    }

    // ------------------------------------------------------------------ VenueAdapter (any thread, non-blocking)

    @Override
    public VenueId venueId() {
        return settings.venue();
    }

    @Override
    public Set<InstrumentId> instruments() {
        return instruments;
    }

    @Override
    public VenueSessionState sessionState() {
        return state;
    }

    @Override
    public String kind() {
        return "sim";
    }

    @Override
    public String describe() {
        return "simulated venue " + settings.venue() + ": " + settings.instruments().entrySet().stream()
                .map(e -> e.getKey() + " from " + Fixed.format(e.getValue()))
                .collect(Collectors.joining(", ")) + "; tick " + Fixed.format(settings.tickSize()) + ", volatility " + settings.volatilityBps() + " bps per "
                + settings.marketDataIntervalMillis() + " ms, seed " + settings.seed() + ", latency "
                + settings.latencyMillis() + " ms";
    }

    @Override
    public void submit(OrderView order) {
        later("submit " + order.clientOrderId(), () -> {
            telemetry.sent();
            if (state != VenueSessionState.LOGGED_ON) {
                engine.reject(order, "venue " + settings.venue() + " is not logged on (" + state + ")");
            } else {
                engine.submit(order);
            }
        });
    }

    @Override
    public void cancel(OrderView order, ClientOrderId cancelClientOrderId) {
        later("cancel " + order.clientOrderId(), () -> {
            telemetry.sent();
            if (state != VenueSessionState.LOGGED_ON) {
                LOG.info("Simulated venue {}: cancel {} refused, not logged on", settings.venue(),
                        cancelClientOrderId);
                publish(new OrderCancelRejected(settings.venue(), clock.getAsLong(),
                        cancelClientOrderId, order.currentClientOrderId(), order.venueOrderId(), false,
                        "venue " + settings.venue() + " is not logged on (" + state + ")"));
            } else {
                engine.cancel(order, cancelClientOrderId);
            }
        });
    }

    @Override
    public void replace(OrderView order, ClientOrderId newClientOrderId, long newPrice, long newQuantity) {
        later("replace " + order.clientOrderId(), () -> {
            telemetry.sent();
            if (state != VenueSessionState.LOGGED_ON) {
                publish(new OrderCancelRejected(settings.venue(), clock.getAsLong(),
                        newClientOrderId, order.currentClientOrderId(), order.venueOrderId(), true,
                        "venue " + settings.venue() + " is not logged on (" + state + ")"));
            } else {
                engine.replace(order, newClientOrderId, newPrice, newQuantity);
            }
        });
    }

    @Override
    public void reconcile(Collection<OrderView> openOrders) {
        List<OrderView> orders = List.copyOf(openOrders);
        later("reconcile", () -> {
            telemetry.sent();
            if (state != VenueSessionState.RECONCILING && state != VenueSessionState.LOGGED_ON) {
                LOG.warn("Simulated venue {}: reconcile ignored while {}", settings.venue(), state);
                return;
            }
            engine.reconcile(orders);
            if (state == VenueSessionState.RECONCILING) {
                logOn("reconciled " + orders.size() + " open orders");
            }
        });
    }

    @Override
    public void connect() {
        later("connect", () -> {
            if (state == VenueSessionState.CONNECTING || state == VenueSessionState.RECONCILING
                    || state == VenueSessionState.LOGGED_ON) {
                LOG.info("Simulated venue {}: connect ignored, already {}", settings.venue(), state);
                return;
            }
            transition(VenueSessionState.CONNECTING, "connecting");
            later("logon", () -> {
                if (state != VenueSessionState.CONNECTING) {
                    return;
                }
                telemetry.loggedOn();
                transition(VenueSessionState.RECONCILING, "logged on; waiting for the open orders to reconcile");
                long timeout = settings.reconcileTimeoutMillis();
                if (timeout > 0) {
                    reconcileDeadline = executor.schedule(guarded("reconcile timeout", () -> {
                        if (state == VenueSessionState.RECONCILING) {
                            logOn("no reconciliation requested within " + timeout + " ms");
                        }
                    }), timeout, TimeUnit.MILLISECONDS);
                }
            });
        });
    }

    @Override
    public void disconnect() {
        later("disconnect", () -> {
            if (state == VenueSessionState.DISCONNECTED || state == VenueSessionState.LOGGED_OUT) {
                return;
            }
            cancelReconcileDeadline();
            telemetry.down();
            transition(VenueSessionState.LOGGED_OUT, "logged out");
        });
    }

    // ------------------------------------------------------------------ venue thread

    /** The books go out first, so that whoever reacts to LOGGED_ON sees this venue's market, not a stale one. */
    private void logOn(String detail) {
        cancelReconcileDeadline();
        engine.publishSnapshots();
        transition(VenueSessionState.LOGGED_ON, detail);
    }

    private void cancelReconcileDeadline() {
        if (reconcileDeadline != null) {
            reconcileDeadline.cancel(false);
            reconcileDeadline = null;
        }
    }

    private void transition(VenueSessionState next, String detail) {
        state = next;
        LOG.info("Simulated venue {}: {} ({})", settings.venue(), next, detail);
        publish(new VenueSessionEvent(settings.venue(), clock.getAsLong(), next, detail));
    }

    private void marketDataTick() {
        try {
            if (state == VenueSessionState.LOGGED_ON) {
                engine.step();
            }
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again: log and keep the market going
            LOG.error("Simulated venue {}: market data step failed", settings.venue(), e);
        }
    }

    /** Runs one market data step now, on the venue thread (tests). */
    Future<?> stepNow() {
        return executor.submit(this::marketDataTick);
    }

    /** Everything the venue sends to the runtime; its own session state changes are not venue messages. */
    private void publish(Event event) {
        if (!(event instanceof VenueSessionEvent)) {
            telemetry.received();
        }
        intake.publish(event);
    }

    /** Hands a task to the venue thread after the latency; never blocks, never throws. */
    private void later(String what, Runnable task) {
        try {
            long latency = settings.latencyMillis();
            if (latency == 0) {
                executor.execute(guarded(what, task));
            } else {
                executor.schedule(guarded(what, task), latency, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            LOG.warn("Simulated venue {} is shut down: {} dropped", settings.venue(), what);
        }
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Simulated venue {}: {} failed", settings.venue(), what, e);
            }
        };
    }
}
