package io.livestack.runtime.internal.chain;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.ExecutionRecordSink;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record sink while none is bound. With the journal on, the records are in the journal (storage and any other
 * projection read them there, {@link io.livestack.api.record.RecordJournal}): nothing is kept ({@link #journaled()}).
 * With the journal off (benchmarks, tests) it keeps the records in order, event by event, up to {@code capacity}
 * records; an event whose records do not all fit is dropped whole and counted. {@link #drainTo} hands them to a sink
 * once one is bound. Processing thread only, except the counts.
 */
public final class RecordBuffer implements ExecutionRecordSink {

    private static final Logger LOG = LoggerFactory.getLogger(RecordBuffer.class);

    private final int capacity;
    /** One element per event (or per record produced outside an event). */
    private final ArrayDeque<List<ExecutionRecord>> events = new ArrayDeque<>();
    private volatile int buffered;
    private volatile long dropped;

    private final boolean keep;

    public RecordBuffer(int capacity) {
        this(capacity, true);
    }

    private RecordBuffer(int capacity, boolean keep) {
        this.capacity = capacity;
        this.keep = keep;
    }

    /** The stand-in while the journal holds every record: keeps nothing, drops nothing. */
    public static RecordBuffer journaled() {
        return new RecordBuffer(0, false);
    }

    @Override
    public void accept(ExecutionRecord record) {
        keep(List.of(record));
    }

    @Override
    public void acceptAll(List<ExecutionRecord> records) {
        keep(records);
    }

    private void keep(List<ExecutionRecord> records) {
        if (!keep) {
            return;
        }
        int n = records.size();
        if (buffered + n > capacity) {
            long before = dropped;
            dropped = before + n;
            if (before == 0 || before / 10_000 != dropped / 10_000) {
                LOG.error("no record sink and the record buffer is full ({}): {} execution records dropped", capacity,
                        dropped);
            }
            return;
        }
        events.add(records);
        buffered += n;
    }

    /** Hands everything kept to {@code sink}, in order and event by event; returns how many records. */
    int drainTo(ExecutionRecordSink sink, RecordDelivery delivery) {
        int n = buffered;
        List<ExecutionRecord> records;
        while ((records = events.poll()) != null) {
            delivery.deliver(sink, records);
        }
        buffered = 0;
        if (n > 0) {
            LOG.info("record sink bound: delivered {} buffered execution records", n);
        }
        return n;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Records kept (any thread). */
    public int buffered() {
        return buffered;
    }

    /** Records dropped because the buffer was full (any thread). */
    public long dropped() {
        return dropped;
    }
}
