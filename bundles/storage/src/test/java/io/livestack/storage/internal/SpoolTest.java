package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.ExecutionRecord;
import io.livestack.api.record.MetadataRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpoolTest {

    private final Path directory = Path.of("target", "spool-tests", "s" + System.nanoTime()).toAbsolutePath();

    private static List<Envelope> envelopes(long from, long to) {
        List<Envelope> list = new ArrayList<>();
        for (ExecutionRecord r : TestRecords.many(from, to)) {
            list.add(new Envelope(r.seq(), 0, 42, r));
        }
        return list;
    }

    private static List<Envelope> readAll(Spool spool, int max) throws IOException {
        List<Envelope> all = new ArrayList<>();
        Spool.SpoolBatch batch;
        while ((batch = spool.read(max)) != null) {
            all.addAll(batch.items());
            spool.committed(batch);
        }
        return all;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void readsRecordsBackInAppendOrderAcrossSegmentsAndDeletesWhatIsCommitted() throws IOException {
        List<Envelope> appended = envelopes(1, 501);
        try (Spool spool = Spool.open(directory, 4096)) {
            for (Envelope e : appended) {
                spool.append(e);
            }
            spool.flush();
            assertThat(files(".log")).hasSizeGreaterThan(5);
            assertThat(spool.pending()).isEqualTo(500);

            assertThat(readAll(spool, 7)).containsExactlyElementsOf(appended);
            assertThat(spool.pending()).isZero();
            assertThat(spool.endIfDrained()).isTrue();
        }
        assertThat(files(".log")).isEmpty();
    }

    @Test
    void appendedRecordsAreReadableOnlyOnceFlushed() throws IOException {
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            spool.append(envelopes(1, 2).get(0));
            assertThat(spool.read(10)).isNull();
            spool.flush();
            assertThat(spool.read(10).items()).hasSize(1);
        }
    }

    @Test
    void anotherProcessContinuesFromTheCommittedPositionWithUnknownAcceptTimes() throws IOException {
        List<Envelope> appended = envelopes(1, 11);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (Envelope e : appended) {
                spool.append(e);
            }
            spool.flush();
            spool.committed(spool.read(4));
            spool.read(3); // read, never committed: read again after the restart
        }
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            assertThat(spool.pending()).isEqualTo(6);
            List<Envelope> rest = readAll(spool, 100);
            assertThat(rest).extracting(Envelope::record).containsExactlyElementsOf(
                    appended.subList(4, 10).stream().map(Envelope::record).toList());
            assertThat(rest).allSatisfy(e -> assertThat(e.hasAcceptTime()).isFalse());
        }
    }

    @Test
    void cutsOffATornRecordAtTheEndWhenOpened() throws IOException {
        List<Envelope> appended = envelopes(1, 6);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (Envelope e : appended) {
                spool.append(e);
            }
            spool.flush();
        }
        Path segment = files(".log").get(0);
        long size = Files.size(segment);
        Files.write(segment, new byte[] {0, 0, 1, 0, 7, 7, 7}, StandardOpenOption.APPEND); // half a frame

        try (Spool spool = Spool.open(directory, 1 << 20)) {
            assertThat(Files.size(segment)).isEqualTo(size);
            assertThat(readAll(spool, 100)).extracting(Envelope::record)
                    .containsExactlyElementsOf(appended.stream().map(Envelope::record).toList());
            assertThat(spool.lost()).isZero();
        }
    }

    @Test
    void prependedRecordsComeBeforeEverythingSpooled() throws IOException {
        List<Envelope> older = envelopes(1, 4);
        List<Envelope> newer = envelopes(4, 9);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (Envelope e : newer) {
                spool.append(e);
            }
            spool.prepend(older);
            spool.flush();
            List<Envelope> all = new ArrayList<>(older);
            all.addAll(newer);
            assertThat(readAll(spool, 2)).containsExactlyElementsOf(all);
        }
    }

    @Test
    void refusesASecondStoreOnTheSameDirectory() throws IOException {
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            assertThatThrownBy(() -> Spool.open(directory, 1 << 20)).isInstanceOf(IOException.class)
                    .hasMessageContaining("in use");
        }
    }

    /** The records of events from..to-1 (3 each), keyed as the record buffer keys them. */
    private static List<List<Envelope>> events(long from, long to) {
        List<List<Envelope>> events = new ArrayList<>();
        for (List<ExecutionRecord> records : TestRecords.fillEvents(from, to)) {
            List<Envelope> event = new ArrayList<>();
            for (int ord = 0; ord < records.size(); ord++) {
                event.add(new Envelope(records.get(ord).seq(), ord, 42, records.get(ord)));
            }
            events.add(event);
        }
        return events;
    }

    /** Reads everything, {@code max} records a batch, committing each; returns the batches. */
    private static List<List<Envelope>> readBatches(Spool spool, int max) throws IOException {
        List<List<Envelope>> batches = new ArrayList<>();
        Spool.SpoolBatch batch;
        while ((batch = spool.read(max)) != null) {
            batches.add(batch.items());
            spool.committed(batch);
        }
        return batches;
    }

    private static List<ExecutionRecord> records(List<List<Envelope>> batches) {
        return batches.stream().flatMap(List::stream).map(Envelope::record).toList();
    }

    @Test
    void aBatchReadNeverEndsInsideAnEvent() throws IOException {
        List<List<Envelope>> events = events(1, 51);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (List<Envelope> event : events) {
                spool.append(event);
            }
            spool.flush();
            assertThat(spool.pending()).isEqualTo(150);

            List<List<Envelope>> batches = readBatches(spool, 2);

            EventBatches.assertNoEventIsSplit(batches);
            assertThat(batches).hasSize(50).allSatisfy(b -> assertThat(b).hasSize(3));
            assertThat(batches.stream().flatMap(List::stream).toList())
                    .containsExactlyElementsOf(events.stream().flatMap(List::stream).toList());
            assertThat(spool.pending()).isZero();
        }
    }

    @Test
    void anEventIsNeverSplitBetweenSegments() throws IOException {
        List<List<Envelope>> events = events(1, 201);
        try (Spool spool = Spool.open(directory, 4096)) {
            for (List<Envelope> event : events) {
                spool.append(event);
            }
            spool.flush();
            assertThat(files(".log")).hasSizeGreaterThan(5);

            List<List<Envelope>> batches = readBatches(spool, 1); // a read stops at the end of its segment

            EventBatches.assertNoEventIsSplit(batches);
            assertThat(batches).hasSize(200);
        }
    }

    @Test
    void eventsStayWholeWhenAnotherProcessReplaysTheSpool() throws IOException {
        List<List<Envelope>> events = events(1, 21);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (List<Envelope> event : events) {
                spool.append(event);
            }
            spool.flush();
            spool.committed(spool.read(2)); // event 1
            assertThat(spool.read(4).items()).hasSize(6); // events 2 and 3, never committed: read again
        }
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            assertThat(spool.pending()).isEqualTo(57);

            List<List<Envelope>> batches = readBatches(spool, 2);

            EventBatches.assertNoEventIsSplit(batches);
            assertThat(batches).allSatisfy(b -> assertThat(b).hasSize(3));
            assertThat(records(batches)).containsExactlyElementsOf(events.subList(1, 20).stream()
                    .flatMap(List::stream).map(Envelope::record).toList());
        }
    }

    @Test
    void eventsAppendedRecordByRecordAreStillReadBackWhole() throws IOException {
        // e.g. a spool left by a version that appended one record at a time: the seq tells where an event ends
        List<List<Envelope>> events = events(1, 11);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (List<Envelope> event : events) {
                for (Envelope e : event) {
                    spool.append(e);
                }
            }
        }
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            List<List<Envelope>> batches = readBatches(spool, 2);

            EventBatches.assertNoEventIsSplit(batches);
            assertThat(records(batches)).hasSize(30);
        }
    }

    @Test
    void unsequencedRecordsAreNotTakenAsOneEvent() throws IOException {
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                ExecutionRecord r = TestRecords.metadata(0, MetadataRecord.Kind.RUNTIME);
                spool.append(new Envelope(0, 1_000 + i, 42, r));
            }
            spool.flush();

            assertThat(readBatches(spool, 2)).extracting(List::size).containsExactly(2, 2, 1);
        }
    }

    /** Frame boundaries of a segment file: {offset, size, flagged MORE (1) or not (0)} per frame. */
    private static List<long[]> frames(Path segment) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
        List<long[]> frames = new ArrayList<>();
        while (bytes.remaining() >= 8) {
            int word = bytes.getInt(bytes.position());
            int length = word & ~Spool.MORE;
            frames.add(new long[] {bytes.position(), 8 + length, (word & Spool.MORE) != 0 ? 1 : 0});
            bytes.position(bytes.position() + 8 + length);
        }
        return frames;
    }

    @Test
    void theFramesOfAnEventSayThatMoreFollows() throws IOException {
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (List<Envelope> event : events(1, 3)) {
                spool.append(event);
            }
            spool.append(envelopes(10, 11).get(0));
        }
        assertThat(frames(files(".log").get(0))).extracting(f -> f[2]).containsExactly(1L, 1L, 0L, 1L, 1L, 0L, 0L);
    }

    @Test
    void anEventWhoseEndWasNeverWrittenIsCutOffWholeWhenOpened() throws IOException {
        List<List<Envelope>> events = events(1, 6);
        try (Spool spool = Spool.open(directory, 1 << 20)) {
            for (List<Envelope> event : events) {
                spool.append(event);
            }
        }
        Path segment = files(".log").get(0);
        List<long[]> frames = frames(segment);
        assertThat(frames).hasSize(15);
        long fourEvents = frames.get(12)[0];
        // as if the process died while its last write was reaching the file: two of the last event's three frames
        // made it, and half of the third
        long torn = frames.get(14)[0] + frames.get(14)[1] / 2;
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(torn);
        }

        try (Spool spool = Spool.open(directory, 1 << 20)) {
            assertThat(Files.size(segment)).isEqualTo(fourEvents);
            assertThat(spool.pending()).isEqualTo(12);
            List<List<Envelope>> batches = readBatches(spool, 2);
            EventBatches.assertNoEventIsSplit(batches);
            assertThat(records(batches)).containsExactlyElementsOf(events.subList(0, 4).stream()
                    .flatMap(List::stream).map(Envelope::record).toList());
            assertThat(spool.lost()).isZero();
        }
    }

    @Test
    void whatTheReaderSeesBeforeAFlushNeverEndsInsideAnEvent() throws IOException {
        // the 64 KB write buffer fills up many times: what reaches the OS must end between events
        List<List<Envelope>> events = events(1, 1001);
        try (Spool spool = Spool.open(directory, 1 << 30)) {
            List<List<Envelope>> batches = new ArrayList<>();
            for (List<Envelope> event : events) {
                spool.append(event);
                // no flush: the reader sees only what the buffer handed to the OS when it was full
                batches.addAll(readBatches(spool, 1));
            }
            assertThat(batches).as("the buffer was handed to the OS").isNotEmpty();
            EventBatches.assertNoEventIsSplit(batches);
            assertThat(batches).allSatisfy(b -> assertThat(b).hasSize(3));
        }
    }
}
