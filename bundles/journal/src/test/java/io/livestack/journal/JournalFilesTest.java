package io.livestack.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Event;
import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.record.ExecutionRecord;
import io.livestack.testkit.TestEvents;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's files: what is appended reads back in order, survives a reopen, and damage is found and named. */
class JournalFilesTest {

    private static final int SEGMENT = JournalFormat.MIN_SEGMENT_BYTES;

    @TempDir
    Path dir;

    private JournalWriter open() throws IOException {
        return JournalWriter.open(dir, SEGMENT, 1, JournalReader.scan(dir, true));
    }

    /** Appends {@code count} inputs (cycling over the codec test's events), each with a decision and an outcome. */
    private static void append(JournalWriter w, long firstSeq, int count) {
        Intent intent = TestEvents.submit(TestEvents.STRAT, TestEvents.SIM, TestEvents.BTC, 100, 1);
        for (int i = 0; i < count; i++) {
            long seq = firstSeq + i;
            Event e = CodecTest.EVENTS.get((int) (seq % CodecTest.EVENTS.size()));
            assertThat(w.input(new Sequenced(seq, seq * 10, e))).isTrue();
            assertThat(w.decision(seq, 0, intent)).isTrue();
            assertThat(w.outcome(seq, CodecTest.RECORDS)).isTrue();
        }
    }

    /** "KIND:seq" of every frame. */
    private List<String> frames() throws IOException {
        List<String> seen = new ArrayList<>();
        JournalReader.read(dir, Long.MIN_VALUE, f -> {
            seen.add(f.kind() + ":" + f.seq());
            return true;
        });
        return seen;
    }

    @Test
    void whatIsAppendedReadsBackInOrderAcrossSegments() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 600); // ~1 KiB per event: spans several 64 KiB segments
            assertThat(w.awaitDurable(600, 5_000)).isTrue();
        }
        assertThat(JournalReader.segments(dir)).hasSizeGreaterThan(3);
        List<Sequenced> inputs = new ArrayList<>();
        List<ExecutionRecord> records = new ArrayList<>();
        List<Intent> decisions = new ArrayList<>();
        JournalReader.read(dir, 1, f -> {
            switch (f.kind()) {
                case INPUT -> inputs.add(f.input());
                case DECISION -> decisions.add(f.decision());
                case OUTCOME -> records.addAll(f.records());
                default -> throw new AssertionError(f);
            }
            return true;
        });
        assertThat(inputs).hasSize(600);
        for (int i = 0; i < inputs.size(); i++) {
            Sequenced s = inputs.get(i);
            assertThat(s.seq()).isEqualTo(i + 1);
            assertThat(s.intakeTimeNanos()).isEqualTo((i + 1) * 10L);
            assertThat(s.event()).isEqualTo(CodecTest.EVENTS.get((i + 1) % CodecTest.EVENTS.size()));
        }
        assertThat(decisions).hasSize(600);
        assertThat(records).hasSize(600 * CodecTest.RECORDS.size());
        JournalScan scan = JournalReader.scan(dir, false);
        assertThat(scan.firstSeq()).isEqualTo(1);
        assertThat(scan.lastInputSeq()).isEqualTo(600);
        assertThat(scan.tornTail()).isNull();
    }

    @Test
    void aReopenedJournalContinuesWhereItEnded() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 10);
        }
        try (JournalWriter w = open()) {
            assertThat(w.appendedSeq()).isEqualTo(10);
            append(w, 11, 10);
        }
        assertThat(frames()).filteredOn(s -> s.startsWith("INPUT")).hasSize(20).last().isEqualTo("INPUT:20");
    }

    @Test
    void readingFromASeqSkipsWhatCameBefore() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 50);
        }
        List<Long> seqs = new ArrayList<>();
        JournalReader.read(dir, 41, f -> {
            if (f.kind() == FrameKind.INPUT) {
                seqs.add(f.seq());
            }
            return true;
        });
        assertThat(seqs).containsExactly(41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L);
    }

    @Test
    void aTornLastFrameIsCutOffAndReported() throws Exception {
        int end;
        try (JournalWriter w = open()) {
            append(w, 1, 5);
        }
        JournalScan before = JournalReader.scan(dir, false);
        end = before.endOffset();
        // half a frame written when the power went: a length and some payload, a CRC that does not match
        try (FileChannel ch = FileChannel.open(before.endSegment(), StandardOpenOption.WRITE)) {
            ByteBuffer torn = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
            torn.putInt(0, 200).putInt(4, 12345).putLong(8, 77);
            ch.write(torn, end);
        }
        JournalScan cut = JournalReader.scan(dir, true);
        assertThat(cut.tornTail()).contains("offset " + end).contains("CRC mismatch").contains("after seq 5");
        assertThat(cut.lastInputSeq()).isEqualTo(5);
        assertThat(cut.endOffset()).isEqualTo(end);
        // cut for good: the next scan finds nothing torn, and appending continues after seq 5
        assertThat(JournalReader.scan(dir, false).tornTail()).isNull();
        try (JournalWriter w = open()) {
            append(w, 6, 1);
        }
        assertThat(JournalReader.scan(dir, false).lastInputSeq()).isEqualTo(6);
    }

    @Test
    void aBadFrameWithDataAfterItIsDamageInTheMiddle() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 20);
        }
        Path segment = JournalReader.segments(dir).get(0);
        int frame2 = secondFrameOffset(segment);
        flipByte(segment, frame2 + 20);
        assertThatThrownBy(() -> JournalReader.scan(dir, true))
                .isInstanceOf(JournalFormatException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("offset " + frame2)
                .hasMessageContaining("CRC mismatch")
                .hasMessageContaining("damaged in the middle");
        // nothing was changed: the damage is still there for the operator to see
        assertThatThrownBy(() -> JournalReader.scan(dir, false)).isInstanceOf(JournalFormatException.class);
    }

    @Test
    void anUnknownFormatVersionIsRefusedByName() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 1);
        }
        Path segment = JournalReader.segments(dir).get(0);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 9), 8);
        }
        assertThatThrownBy(() -> JournalReader.scan(dir, true))
                .isInstanceOf(JournalFormatException.class)
                .hasMessageContaining("format version 9").hasMessageContaining("reads versions " + JournalFormat.OLDEST_READ + " to " + JournalFormat.VERSION);
    }

    @Test
    void aMissingSegmentIsAGapInTheSeqs() throws Exception {
        try (JournalWriter w = open()) {
            append(w, 1, 300);
        }
        List<Path> segments = JournalReader.segments(dir);
        assertThat(segments).hasSizeGreaterThan(2);
        Files.delete(segments.get(1));
        assertThatThrownBy(() -> JournalReader.scan(dir, true))
                .isInstanceOf(JournalFormatException.class)
                .hasMessageContaining(JournalFormat.segmentName(2) + " is missing");
    }

    @Test
    void whenNoSegmentCanBeMadeAppendsFailThenResumeAfterAGapFrame() throws Exception {
        try (JournalWriter w = open()) {
            // the next segment's name is taken by a directory: it cannot be created
            Path blocker = Files.createDirectory(dir.resolve(JournalFormat.segmentName(2)));
            long seq = 1;
            while (w.appending()) {
                w.input(new Sequenced(seq, seq, CodecTest.EVENTS.get(3)));
                w.outcome(seq, CodecTest.RECORDS);
                seq++;
            }
            assertThat(w.failure()).contains("cannot create journal segment " + JournalFormat.segmentName(2));
            long lost = seq - 1;
            assertThat(w.input(new Sequenced(seq, seq, CodecTest.EVENTS.get(0)))).isFalse();
            Files.delete(blocker);
            long resumed = seq + 1;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!w.input(new Sequenced(resumed, resumed, CodecTest.EVENTS.get(0)))) {
                assertThat(System.nanoTime()).as("the flusher prepares a segment again").isLessThan(deadline);
                Thread.onSpinWait();
                resumed++;
            }
            assertThat(w.failure()).isNull();
            assertThat(w.awaitDurable(resumed, 5_000)).isTrue();
            w.close();
            JournalScan scan = JournalReader.scan(dir, false);
            assertThat(scan.gaps()).singleElement().asString().startsWith(lost + "-" + (resumed - 1) + ": cannot create");
            assertThat(scan.lastInputSeq()).isEqualTo(resumed);
        }
    }

    private static int secondFrameOffset(Path segment) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(b, JournalFormat.HEADER);
            return JournalFormat.HEADER + JournalFormat.align(JournalFormat.FRAME_HEADER + b.getInt(0));
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).position(0);
            ch.write(b, at);
        }
    }
}
