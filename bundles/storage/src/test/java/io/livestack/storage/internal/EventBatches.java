package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Assertions on how records were cut into batches (transactions). */
final class EventBatches {

    private EventBatches() {
    }

    /**
     * Every event's records (same non-zero seq) are in one batch: no batch ends inside an event. Also checks that
     * the batches are not empty.
     */
    static void assertNoEventIsSplit(List<? extends List<Envelope>> batches) {
        Map<Long, Integer> batchOfSeq = new HashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            List<Envelope> batch = batches.get(i);
            assertThat(batch).as("batch %d", i).isNotEmpty();
            for (Envelope e : batch) {
                if (e.seq() == 0) {
                    continue;
                }
                Integer first = batchOfSeq.putIfAbsent(e.seq(), i);
                assertThat(first == null ? i : first).as("the records of event %d are in batch %d and batch %d",
                        e.seq(), first, i).isEqualTo(i);
            }
        }
    }
}
