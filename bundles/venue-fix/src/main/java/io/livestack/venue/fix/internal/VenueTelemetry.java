package io.livestack.venue.fix.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.VenueId;
import io.livestack.api.telemetry.MetricNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The venue metrics of one FIX adapter, labelled {@code venue}: {@value MetricNames#VENUE_MESSAGES_IN},
 * {@value MetricNames#VENUE_MESSAGES_OUT}, {@value MetricNames#VENUE_RECONNECTS},
 * {@value MetricNames#VENUE_RESENT_FROM_JOURNAL}, {@value MetricNames#VENUE_MESSAGES_REJECTED},
 * {@value MetricNames#VENUE_MESSAGES_GARBLED}, {@value MetricNames#VENUE_SEQUENCE_RESETS} (also labelled
 * {@code expected=true|false}) and
 * {@value MetricNames#VENUE_HEARTBEAT_LAG}.
 * <p>
 * The counters belong to this object and count whether or not a {@link MetricRegistry} is bound ({@link #bind}
 * registers them, {@link #unbind} and {@link #close} remove them again), so the QuickFIX/J threads pay one
 * {@code LongAdder} increment per message and one volatile write for the heartbeat lag, and never touch the registry.
 * A changed venue id ({@link #venue}) is another venue: its metrics start from zero under the new label and the old
 * ones are removed.
 * <p>
 * The heartbeat lag is the time since the last message received from the venue, on a monotonic clock
 * ({@link System#nanoTime()}: telemetry, not a trading decision). It has no value (the gauge returns null, which the
 * exporters leave out) until the first message of this venue has been received; after a disconnect it keeps growing.
 */
final class VenueTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(VenueTelemetry.class);

    /** The metrics of one venue id. */
    private static final class Meters {
        final VenueId venue;
        final Counter messagesIn = new Counter();
        final Counter messagesOut = new Counter();
        final Counter reconnects = new Counter();
        final Counter resentFromJournal = new Counter();
        final Counter rejected = new Counter();
        final Counter garbled = new Counter();
        final Counter expectedResets = new Counter();
        final Counter unexpectedResets = new Counter();
        final Gauge<Double> heartbeatLag;
        final AtomicBoolean loggedOnBefore = new AtomicBoolean();
        volatile long lastReceivedNanos;
        volatile boolean received;

        Meters(VenueId venue, LongSupplier nanoClock) {
            this.venue = venue;
            this.heartbeatLag = () -> received ? (nanoClock.getAsLong() - lastReceivedNanos) / 1e9 : null;
        }

        Map<String, Metric> byName() {
            Map<String, Metric> m = new LinkedHashMap<>();
            m.put(name(MetricNames.VENUE_MESSAGES_IN), messagesIn);
            m.put(name(MetricNames.VENUE_MESSAGES_OUT), messagesOut);
            m.put(name(MetricNames.VENUE_RECONNECTS), reconnects);
            m.put(name(MetricNames.VENUE_RESENT_FROM_JOURNAL), resentFromJournal);
            m.put(name(MetricNames.VENUE_MESSAGES_REJECTED), rejected);
            m.put(name(MetricNames.VENUE_MESSAGES_GARBLED), garbled);
            m.put(MetricNames.tagged(MetricNames.VENUE_SEQUENCE_RESETS, "venue", venue.value(), "expected", "true"),
                    expectedResets);
            m.put(MetricNames.tagged(MetricNames.VENUE_SEQUENCE_RESETS, "venue", venue.value(), "expected", "false"),
                    unexpectedResets);
            m.put(name(MetricNames.VENUE_HEARTBEAT_LAG), heartbeatLag);
            return m;
        }

        private String name(String base) {
            return MetricNames.tagged(base, "venue", venue.value());
        }

        boolean owns(Metric metric) {
            return metric == messagesIn || metric == messagesOut || metric == reconnects || metric == heartbeatLag
                    || metric == resentFromJournal || metric == rejected || metric == garbled
                    || metric == expectedResets || metric == unexpectedResets;
        }
    }

    private final LongSupplier nanoClock;
    private volatile Meters meters;
    /** Guarded by this. */
    private MetricRegistry registry;
    /** Guarded by this. */
    private boolean closed;

    VenueTelemetry(VenueId venue, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.meters = new Meters(venue, nanoClock);
    }

    // ------------------------------------------------------------------------------ QuickFIX/J threads (cheap)

    /** A message (admin or application) was received from the venue. */
    void received() {
        Meters m = meters;
        m.lastReceivedNanos = nanoClock.getAsLong();
        if (!m.received) {
            m.received = true;
        }
        m.messagesIn.inc();
    }

    /** A message (admin or application) goes out to the venue. */
    void sent() {
        meters.messagesOut.inc();
    }

    /** We refused a message of the venue: a session Reject or a BusinessMessageReject goes out. */
    void rejected() {
        meters.rejected.inc();
    }

    /** QuickFIX/J ignored a message of the venue as garbled (no answer, no sequence number used). */
    void garbled() {
        meters.garbled.inc();
    }

    /** A logon succeeded: every one after the first (of this venue, in this adapter) is a reconnect. */
    void loggedOn() {
        Meters m = meters;
        if (!m.loggedOnBefore.compareAndSet(false, true)) {
            m.reconnects.inc();
        }
    }

    /** At a logon, this many inbound messages are asked again: received before a crash, never journaled. */
    void resendFromJournal(long messages) {
        meters.resentFromJournal.inc(messages);
    }

    /** The session's sequence numbers started again: as the venue's rules say, or not (an alert). */
    void sequenceReset(boolean expected) {
        (expected ? meters.expectedResets : meters.unexpectedResets).inc();
    }

    // ------------------------------------------------------------------------------ registry (SCR, worker threads)

    /** Registers this venue's metrics in the registry (the one the component was given). */
    synchronized void bind(MetricRegistry newRegistry) {
        if (closed || newRegistry == registry) {
            return;
        }
        if (registry != null) {
            unregister(registry, meters);
        }
        registry = newRegistry;
        register(newRegistry, meters);
    }

    /** The registry service goes away: this venue's metrics leave it. */
    synchronized void unbind(MetricRegistry oldRegistry) {
        if (oldRegistry != null && oldRegistry == registry) {
            unregister(oldRegistry, meters);
            registry = null;
        }
    }

    /** The venue id may have changed (reconfiguration): another venue gets fresh metrics, the old ones are removed. */
    synchronized void venue(VenueId venue) {
        Meters old = meters;
        if (old.venue.equals(venue)) {
            return;
        }
        Meters fresh = new Meters(venue, nanoClock);
        meters = fresh;
        if (registry != null && !closed) {
            unregister(registry, old);
            register(registry, fresh);
        }
    }

    /** The venue is removed: its metrics leave the registry for good. */
    synchronized void close() {
        if (registry != null) {
            unregister(registry, meters);
            registry = null;
        }
        closed = true;
    }

    private static void register(MetricRegistry registry, Meters m) {
        for (Map.Entry<String, Metric> e : m.byName().entrySet()) {
            try {
                registry.register(e.getKey(), e.getValue());
            } catch (IllegalArgumentException exists) {
                // another adapter claims the same venue id (two configurations naming one venue): like intake, the
                // newest adapter is the venue's
                LOG.warn("metric {} already registered (two adapters for venue {}?): replacing it", e.getKey(),
                        m.venue);
                registry.remove(e.getKey());
                try {
                    registry.register(e.getKey(), e.getValue());
                } catch (IllegalArgumentException raced) {
                    LOG.warn("metric {} could not be registered: {}", e.getKey(), raced.getMessage());
                }
            }
        }
    }

    /** Removes exactly our metric objects (a newer adapter's metrics under the same names stay). */
    private static void unregister(MetricRegistry registry, Meters m) {
        registry.removeMatching((name, metric) -> m.owns(metric));
    }
}
