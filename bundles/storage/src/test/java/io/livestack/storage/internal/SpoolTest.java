package io.livestack.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.record.ExecutionRecord;
import java.io.IOException;
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
}
