package io.livestack.storage.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Collects what the store committed, batch by batch (each batch one transaction), and counts failures. */
final class Recorder implements RecordStore.Listener {

    /** The records inserted by each batch, in commit order. */
    final List<List<Envelope>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch failed = new CountDownLatch(1);

    @Override
    public void written(List<Envelope> written, long commitNanos, long durableAtNanos) {
        batches.add(List.copyOf(written));
    }

    @Override
    public void failed(Throwable cause) {
        failed.countDown();
    }

    /** The keys of every record inserted, "seq:ord", in the order they were committed. */
    List<String> keys() {
        synchronized (batches) {
            return batches.stream().flatMap(List::stream).map(e -> e.seq() + ":" + e.ord()).toList();
        }
    }

    List<Integer> batchSizes() {
        synchronized (batches) {
            return batches.stream().map(List::size).toList();
        }
    }
}
