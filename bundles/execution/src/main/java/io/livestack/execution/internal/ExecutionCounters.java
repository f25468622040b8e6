package io.livestack.execution.internal;

import com.codahale.metrics.MetricRegistry;
import io.livestack.api.model.VenueAlert;
import io.livestack.api.model.VenueId;
import io.livestack.api.record.MetadataRecord;
import io.livestack.api.runtime.ExecutionContext;
import io.livestack.api.state.OrderView;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What execution control counts: the plain counters any thread may read (duplicates ignored, reports for unknown
 * orders, overfills, synthesized fills), and the labelled metrics of {@link ExecutionMetrics} while a registry is
 * bound (no registry, no metrics, same behaviour).
 */
final class ExecutionCounters {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionCounters.class);

    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong unknownOrderReports = new AtomicLong();
    final AtomicLong overfills = new AtomicLong();
    final AtomicLong synthesizedFills = new AtomicLong();
    private volatile ExecutionMetrics metrics;

    void bind(MetricRegistry registry) {
        metrics = new ExecutionMetrics(registry);
    }

    void unbind(MetricRegistry registry) {
        ExecutionMetrics current = metrics;
        if (current != null && current.registry == registry) {
            metrics = null;
        }
    }

    /** One more of {@code base} (a {@link io.livestack.api.telemetry.MetricNames} counter) for the order. */
    void count(String base, OrderView order) {
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.count(base, order.venue(), order.strategy());
        }
    }

    /**
     * A venue alert: counted in the state (shown by {@code venues}, kept by snapshots), in the labelled metric, logged
     * and recorded (metadata, kind VENUE) with {@code text}.
     */
    void alert(VenueId venue, VenueAlert alert, String text, ExecutionContext ctx) {
        ctx.orders().recordVenueAlert(new io.livestack.api.state.VenueAlertNote(ctx.seq(), ctx.now(), venue, alert,
                text));
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.alert(venue, alert);
        }
        LOG.warn("Venue {} alert {}: {}", venue, alert, text);
        ctx.record(new MetadataRecord(ctx.seq(), ctx.now(), MetadataRecord.Kind.VENUE, venue.value(),
                alert + ": " + text));
    }

    void acknowledged(VenueId venue, long nanos) {
        ExecutionMetrics m = metrics;
        if (m != null) {
            m.acknowledged(venue, nanos);
        }
    }
}
