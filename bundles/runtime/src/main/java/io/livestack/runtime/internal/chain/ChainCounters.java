package io.livestack.runtime.internal.chain;

import io.livestack.api.risk.RejectReason;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the chain counts on the processing thread: plain fields, published (release stores) after each batch, so the
 * hot path pays no atomic read-modify-write. Readable from any thread through the getters.
 */
public final class ChainCounters {

    private static final int BUSY = 0;
    private static final int BATCHES = 1;
    private static final int FAULTS = 2;
    private static final int INTENTS_ACCEPTED = 3;
    private static final int INTENTS_REJECTED = 4;
    private static final int RECORDS_DELIVERED = 5;

    long busyNanos;
    long batches;
    long faults;
    long intentsAccepted;
    long intentsRejected;
    long recordsDelivered;
    final long[] rejections = new long[RejectReason.values().length];

    private final AtomicLongArray published = new AtomicLongArray(6);
    private final AtomicLongArray publishedRejections = new AtomicLongArray(rejections.length);

    void rejected(RejectReason reason) {
        intentsRejected++;
        rejections[reason.ordinal()]++;
    }

    /** Processing thread: makes the counts visible to other threads. */
    public void publish() {
        published.lazySet(BUSY, busyNanos);
        published.lazySet(BATCHES, batches);
        published.lazySet(FAULTS, faults);
        published.lazySet(INTENTS_ACCEPTED, intentsAccepted);
        published.lazySet(INTENTS_REJECTED, intentsRejected);
        published.lazySet(RECORDS_DELIVERED, recordsDelivered);
        for (int i = 0; i < rejections.length; i++) {
            publishedRejections.lazySet(i, rejections[i]);
        }
    }

    public long busyNanos() {
        return published.get(BUSY);
    }

    public long batches() {
        return published.get(BATCHES);
    }

    public long faults() {
        return published.get(FAULTS);
    }

    public long intentsAccepted() {
        return published.get(INTENTS_ACCEPTED);
    }

    public long intentsRejected() {
        return published.get(INTENTS_REJECTED);
    }

    public long recordsDelivered() {
        return published.get(RECORDS_DELIVERED);
    }

    public long rejections(RejectReason reason) {
        return publishedRejections.get(reason.ordinal());
    }
}
