package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.MetadataRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
