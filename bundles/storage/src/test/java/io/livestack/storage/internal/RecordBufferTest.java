package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.MetadataRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordBufferTest {

    private final Path directory = Path.of("target", "buffer-tests", "b" + System.nanoTime()).toAbsolutePath();
    private RecordBuffer buffer;

    private RecordBuffer buffer(int capacity) throws Exception {
        buffer = new RecordBuffer(capacity, Spool.open(directory, 1 << 20), () -> 7L, () -> 1_000L);
        return buffer;
    }

    @AfterEach
    void close() throws Exception {
        if (buffer != null) {
            buffer.close(null);
        }
    }

    private static List<long[]> keys(RecordBuffer.Batch batch) {
        List<long[]> keys = new ArrayList<>();
        batch.items().forEach(e -> keys.add(new long[] {e.seq(), e.ord()}));
        return keys;
    }

    @Test
    void numbersRecordsWithinTheirEventAndStartAgainForTheNext() throws Exception {
        RecordBuffer b = buffer(100);
        for (long seq : new long[] {5, 5, 5, 6, 7, 7}) {
            b.accept(TestRecords.operatorAction(seq));
        }
        assertThat(keys(b.take(100, 1))).containsExactly(new long[] {5, 0}, new long[] {5, 1}, new long[] {5, 2},
                new long[] {6, 0}, new long[] {7, 0}, new long[] {7, 1});
    }

    @Test
    void givesUnsequencedRecordsUniqueIncreasingNumbers() throws Exception {
        RecordBuffer b = buffer(100);
        MetadataRecord unsequenced = new MetadataRecord(0, 1, MetadataRecord.Kind.RUNTIME, "x", "");
        b.accept(unsequenced);
        b.accept(TestRecords.operatorAction(3));
        b.accept(unsequenced);
        b.accept(unsequenced);
        assertThat(keys(b.take(100, 1))).containsExactly(new long[] {0, 1_000}, new long[] {3, 0},
                new long[] {0, 1_001}, new long[] {0, 1_002});
    }

    @Test
    void spillsBeyondTheMemoryBoundAndHandsRecordsOutInOrder() throws Exception {
        RecordBuffer b = buffer(3);
        List<ExecutionRecord> records = TestRecords.many(1, 11);
        records.forEach(b::accept);
        assertThat(b.inMemory()).isEqualTo(3);
        assertThat(b.spilled()).isEqualTo(7);

        List<ExecutionRecord> taken = new ArrayList<>();
        RecordBuffer.Batch batch;
        while ((batch = b.take(4, 1)) != null) {
            batch.items().forEach(e -> taken.add(e.record()));
            b.committed(batch);
            if (taken.size() < 10) {
                b.accept(TestRecords.operatorAction(100 + taken.size())); // arrives meanwhile: behind the spool
            }
        }
        assertThat(taken.subList(0, 10)).containsExactlyElementsOf(records);
        assertThat(taken.subList(10, taken.size())).extracting(ExecutionRecord::seq).isSorted();
        assertThat(b.inSpool()).isZero();

        b.accept(TestRecords.operatorAction(999)); // drained: memory again
        assertThat(b.inMemory()).isEqualTo(1);
    }

    /** Takes everything (max records a batch), committing each batch; returns the batches. */
    private static List<RecordBuffer.Batch> takeAll(RecordBuffer b, int max) throws Exception {
        List<RecordBuffer.Batch> batches = new ArrayList<>();
        RecordBuffer.Batch batch;
        while ((batch = b.take(max, 1)) != null) {
            batches.add(batch);
            b.committed(batch);
        }
        return batches;
    }

    private static List<List<Envelope>> items(List<RecordBuffer.Batch> batches) {
        return batches.stream().map(RecordBuffer.Batch::items).toList();
    }

    private static List<ExecutionRecord> records(List<RecordBuffer.Batch> batches) {
        return batches.stream().flatMap(b -> b.items().stream()).map(Envelope::record).toList();
    }

    @Test
    void aBatchFromMemoryNeverEndsInsideAnEvent() throws Exception {
        RecordBuffer b = buffer(100);
        List<ExecutionRecord> accepted = new ArrayList<>();
        for (List<ExecutionRecord> event : TestRecords.fillEvents(1, 7)) {
            b.acceptAll(event);
            accepted.addAll(event);
            if (event.get(0).seq() % 2 == 0) {
                MetadataRecord unsequenced = new MetadataRecord(0, 1, MetadataRecord.Kind.RUNTIME, "x", "");
                b.accept(unsequenced);
                accepted.add(unsequenced);
            }
        }

        List<RecordBuffer.Batch> batches = takeAll(b, 2);

        EventBatches.assertNoEventIsSplit(items(batches));
        assertThat(records(batches)).containsExactlyElementsOf(accepted);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.fromSpool()).isNull());
        assertThat(batches).extracting(batch -> batch.items().size()).contains(3).allMatch(n -> n <= 4);
        assertThat(keys(batches.get(0))).containsExactly(new long[] {1, 0}, new long[] {1, 1}, new long[] {1, 2});
    }

    @Test
    void anEventBeingOfferedWhileTheWriterDrainsIsTakenWhole() throws Exception {
        RecordBuffer b = buffer(1_000_000);
        int events = 20_000;
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                for (List<ExecutionRecord> event : TestRecords.fillEvents(1, events + 1)) {
                    b.acceptAll(event);
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            }
        }, "test-producer");
        producer.start();

        List<List<Envelope>> batches = new ArrayList<>();
        int taken = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (taken < 3 * events) {
            assertThat(System.nanoTime() - deadline).as("all records taken within 30 s").isNegative();
            RecordBuffer.Batch batch = b.take(2, 10);
            if (batch != null) {
                batches.add(batch.items());
                taken += batch.items().size();
            }
        }
        producer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(producerFailure.get()).isNull();
        assertThat(taken).isEqualTo(3 * events);
        EventBatches.assertNoEventIsSplit(batches);
    }

    @Test
    void anEventThatDoesNotFitInMemoryGoesWholeToTheSpool() throws Exception {
        RecordBuffer b = buffer(4);
        b.acceptAll(TestRecords.fillEvent(1));
        b.acceptAll(TestRecords.fillEvent(2)); // 1 place left: none of its 3 records stays in memory

        assertThat(b.inMemory()).isEqualTo(3);
        assertThat(b.spilled()).isEqualTo(3);
        assertThat(b.inSpool()).isEqualTo(3);

        List<RecordBuffer.Batch> batches = takeAll(b, 2);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).fromSpool()).isNull();
        assertThat(batches.get(0).items()).extracting(Envelope::seq).containsExactly(1L, 1L, 1L);
        assertThat(batches.get(1).fromSpool()).isNotNull();
        assertThat(batches.get(1).items()).extracting(Envelope::seq).containsExactly(2L, 2L, 2L);
        assertThat(keys(batches.get(1))).containsExactly(new long[] {2, 0}, new long[] {2, 1}, new long[] {2, 2});
    }

    @Test
    void aBatchFromTheSpoolNeverEndsInsideAnEvent() throws Exception {
        RecordBuffer b = buffer(2); // no event fits: everything is spooled
        List<ExecutionRecord> accepted = new ArrayList<>();
        for (List<ExecutionRecord> event : TestRecords.fillEvents(1, 21)) {
            b.acceptAll(event);
            accepted.addAll(event);
        }
        assertThat(b.inMemory()).isZero();
        assertThat(b.inSpool()).isEqualTo(60);

        List<RecordBuffer.Batch> batches = takeAll(b, 2);

        assertThat(batches).allSatisfy(batch -> assertThat(batch.fromSpool()).isNotNull());
        EventBatches.assertNoEventIsSplit(items(batches));
        assertThat(batches).allSatisfy(batch -> assertThat(batch.items()).hasSize(3));
        assertThat(records(batches)).containsExactlyElementsOf(accepted);
        assertThat(b.inSpool()).isZero();
    }

    @Test
    void anEventAcceptedAfterCloseIsCountedLostWhole() throws Exception {
        RecordBuffer b = buffer(10);
        b.close(null);
        b.acceptAll(TestRecords.fillEvent(1));
        buffer = null;

        assertThat(b.lost()).isEqualTo(3);
        assertThat(b.accepted()).isEqualTo(3);
    }
}
