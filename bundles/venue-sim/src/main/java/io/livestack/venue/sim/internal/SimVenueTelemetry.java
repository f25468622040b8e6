package io.livestack.venue.sim.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.VenueId;
import io.livestack.api.telemetry.MetricNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue metrics of one simulated venue, labelled {@code venue}, with the meaning they can have for a venue that
 * lives in this process:
 * <ul>
 * <li>{@value MetricNames#VENUE_MESSAGES_IN}: reports and market data the venue sends to the runtime (execution
 * reports, cancel rejects, book snapshots/deltas, trades; not its own session state changes);</li>
 * <li>{@value MetricNames#VENUE_MESSAGES_OUT}: requests that reached the venue (new orders, cancels, replaces,
 * reconciliations);</li>
 * <li>{@value MetricNames#VENUE_RECONNECTS}: logons (CONNECTING to RECONCILING) after the first of this venue;</li>
 * <li>{@value MetricNames#VENUE_HEARTBEAT_LAG}: 0 while the session is up (RECONCILING or LOGGED_ON: an in-process
 * venue cannot go silent), the seconds since it went down once it has been up, no value (null, left out by the
 * exporters) before the first logon.</li>
 * </ul>
 * Counters count whether or not a registry is bound; {@link #bind}/{@link #unbind}/{@link #close} put them into and
 * take them out of the registry. Written on the venue thread only.
 */
final class SimVenueTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(SimVenueTelemetry.class);

    private final VenueId venue;
    private final LongSupplier nanoClock;
    private final Counter messagesIn = new Counter();
    private final Counter messagesOut = new Counter();
    private final Counter reconnects = new Counter();
    private final Gauge<Double> heartbeatLag;
    /** The session's state for the lag: null before the first logon; replaced (not mutated) on each change. */
    private volatile Session session;
    private boolean loggedOnBefore;
    /** Guarded by this. */
    private MetricRegistry registry;
    /** Guarded by this. */
    private boolean closed;

    private record Session(boolean up, long downSinceNanos) {
    }

    SimVenueTelemetry(VenueId venue, LongSupplier nanoClock) {
        this.venue = venue;
        this.nanoClock = nanoClock;
        this.heartbeatLag = this::lagSeconds;
    }

    // ------------------------------------------------------------------------------ venue thread

    void received() {
        messagesIn.inc();
    }

    void sent() {
        messagesOut.inc();
    }

    /** The venue logged on (CONNECTING to RECONCILING). */
    void loggedOn() {
        if (loggedOnBefore) {
            reconnects.inc();
        }
        loggedOnBefore = true;
        session = new Session(true, 0);
    }

    /** The session went down (logged out, shut down). */
    void down() {
        Session s = session;
        if (s != null && s.up()) {
            session = new Session(false, nanoClock.getAsLong());
        }
    }

    /** The heartbeat lag gauge: 0 while up, seconds since down, null before the first logon. */
    private Double lagSeconds() {
        Session s = session;
        if (s == null) {
            return null;
        }
        return s.up() ? 0.0 : (nanoClock.getAsLong() - s.downSinceNanos()) / 1e9;
    }

    // ------------------------------------------------------------------------------ registry (SCR thread)

    synchronized void bind(MetricRegistry newRegistry) {
        if (closed || newRegistry == registry) {
            return;
        }
        if (registry != null) {
            unregister(registry);
        }
        registry = newRegistry;
        for (Map.Entry<String, Metric> e : byName().entrySet()) {
            try {
                newRegistry.register(e.getKey(), e.getValue());
            } catch (IllegalArgumentException exists) {
                // two configurations naming one venue: the newest adapter is the venue's (as in intake)
                LOG.warn("metric {} already registered (two adapters for venue {}?): replacing it", e.getKey(),
                        venue);
                newRegistry.remove(e.getKey());
                try {
                    newRegistry.register(e.getKey(), e.getValue());
                } catch (IllegalArgumentException raced) {
                    LOG.warn("metric {} could not be registered: {}", e.getKey(), raced.getMessage());
                }
            }
        }
    }

    synchronized void unbind(MetricRegistry oldRegistry) {
        if (oldRegistry != null && oldRegistry == registry) {
            unregister(oldRegistry);
            registry = null;
        }
    }

    /** The venue is removed: its metrics leave the registry for good. */
    synchronized void close() {
        if (registry != null) {
            unregister(registry);
            registry = null;
        }
        closed = true;
    }

    private Map<String, Metric> byName() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put(MetricNames.tagged(MetricNames.VENUE_MESSAGES_IN, "venue", venue.value()), messagesIn);
        m.put(MetricNames.tagged(MetricNames.VENUE_MESSAGES_OUT, "venue", venue.value()), messagesOut);
        m.put(MetricNames.tagged(MetricNames.VENUE_RECONNECTS, "venue", venue.value()), reconnects);
        m.put(MetricNames.tagged(MetricNames.VENUE_HEARTBEAT_LAG, "venue", venue.value()), heartbeatLag);
        return m;
    }

    /** Removes exactly our metric objects (a newer adapter's metrics under the same names stay). */
    private void unregister(MetricRegistry r) {
        r.removeMatching((name, metric) -> metric == messagesIn || metric == messagesOut || metric == reconnects
                || metric == heartbeatLag);
    }
}
