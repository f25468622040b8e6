package io.livestack.export.kafka.internal;

import com.codahale.metrics.Counter;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What the export did since it started: messages sent, acknowledged, skipped because the broker already held them,
 * sent again after a failed send (possible duplicates, recognisable by their (seq, ord) headers), failed sends; and
 * the time from each record's event to its acknowledgement. Updated by the reader and the producer's thread; the
 * component registers them in the MetricRegistry when there is one.
 */
final class ExportCounters {

    final Counter sent = new Counter();
    final Counter acknowledged = new Counter();
    final Counter duplicatesSkipped = new Counter();
    final Counter resent = new Counter();
    final Counter failures = new Counter();
    /** From the record's event intake time (wall clock) to the broker's acknowledgement; the last minute's. */
    final Timer recordToAcknowledged = new Timer(new SlidingTimeWindowArrayReservoir(1, TimeUnit.MINUTES));
}
