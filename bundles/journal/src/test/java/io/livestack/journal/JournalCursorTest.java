package io.livestack.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livestack.api.event.Sequenced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cursor follows the journal while it is written: from a seq, across segments, and on from where it stopped. */
class JournalCursorTest {

    @TempDir
    Path dir;

    private static void inputs(JournalWriter w, long from, int count) {
        for (long seq = from; seq < from + count; seq++) {
            assertThat(w.input(new Sequenced(seq, seq, CodecTest.EVENTS.get((int) (seq % 5))))).isTrue();
            assertThat(w.outcome(seq, CodecTest.RECORDS)).isTrue();
        }
    }

    private static List<Long> inputSeqs(JournalCursor c) throws IOException {
        List<Long> seqs = new ArrayList<>();
        c.poll(Integer.MAX_VALUE, f -> {
            if (f.kind() == FrameKind.INPUT) {
                seqs.add(f.seq());
            }
            return true;
        });
        return seqs;
    }

    @Test
    void followsTheWriterAcrossSegmentsAndContinuesWhereItStopped() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, JournalFormat.MIN_SEGMENT_BYTES, 1,
                JournalReader.scan(dir, true)); JournalCursor c = JournalCursor.open(dir, 1)) {
            assertThat(inputSeqs(c)).isEmpty();
            inputs(w, 1, 10);
            assertThat(inputSeqs(c)).hasSize(10).first().isEqualTo(1L);
            assertThat(inputSeqs(c)).as("nothing new").isEmpty();
            inputs(w, 11, 300); // several segments
            List<Long> next = inputSeqs(c);
            assertThat(next).hasSize(300);
            assertThat(next.get(0)).isEqualTo(11);
            assertThat(next.get(299)).isEqualTo(310);
            assertThat(JournalReader.segments(dir)).hasSizeGreaterThan(2);
        }
    }

    @Test
    void startsAtTheGivenSeqInAnySegment() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, JournalFormat.MIN_SEGMENT_BYTES, 1,
                JournalReader.scan(dir, true))) {
            inputs(w, 1, 300);
        }
        try (JournalCursor c = JournalCursor.open(dir, 250)) {
            List<Long> seqs = inputSeqs(c);
            assertThat(seqs.get(0)).isEqualTo(250);
            assertThat(seqs).hasSize(51);
        }
    }

    @Test
    void aSeqWhoseSegmentWasLetGoIsAClearError() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, JournalFormat.MIN_SEGMENT_BYTES, 1,
                JournalReader.scan(dir, true))) {
            inputs(w, 1, 300);
        }
        Files.delete(JournalReader.segments(dir).get(0));
        assertThatThrownBy(() -> JournalCursor.open(dir, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("seq 1 was let go");
    }

    @Test
    void withAMarkTheCursorReadsNothingPastItAndGoesOnFromThereLater() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, JournalFormat.MIN_SEGMENT_BYTES, 1,
                JournalReader.scan(dir, true))) {
            inputs(w, 1, 20);
        }
        List<long[]> inputs = new ArrayList<>(); // seq, its frame's start as a mark
        try (JournalCursor all = JournalCursor.open(dir, 1)) {
            all.poll(Integer.MAX_VALUE, f -> {
                if (f.kind() == FrameKind.INPUT) {
                    inputs.add(new long[] {f.seq(), JournalFormat.mark(
                            JournalFormat.segmentIndex(f.segment()), f.offset())});
                }
                return true;
            });
        }
        long beforeEleven = inputs.get(10)[1]; // where seq 11's input frame starts: 1..10 end at or before it
        try (JournalCursor c = JournalCursor.open(dir, 1)) {
            List<Long> seqs = new ArrayList<>();
            JournalReader.Visitor v = f -> {
                if (f.kind() == FrameKind.INPUT) {
                    seqs.add(f.seq());
                }
                return true;
            };
            c.poll(Integer.MAX_VALUE, beforeEleven, v);
            assertThat(seqs).as("nothing past the mark").hasSize(10).last().isEqualTo(10L);
            c.poll(Integer.MAX_VALUE, beforeEleven, v);
            assertThat(seqs).as("still nothing past it").hasSize(10);
            c.poll(Integer.MAX_VALUE, Long.MAX_VALUE, v);
            assertThat(seqs).as("later, from where it stopped").hasSize(20).last().isEqualTo(20L);
        }
    }

    @Test
    void whatTheWriterForcedIsWithinItsDurableMark() throws Exception {
        try (JournalWriter w = JournalWriter.open(dir, JournalFormat.MIN_SEGMENT_BYTES, 1,
                JournalReader.scan(dir, true)); JournalCursor c = JournalCursor.open(dir, 1)) {
            inputs(w, 1, 30);
            assertThat(w.awaitDurable(30, 10_000)).isTrue();
            List<Long> seqs = new ArrayList<>();
            c.poll(Integer.MAX_VALUE, w.durableMark(), f -> {
                if (f.kind() == FrameKind.INPUT) {
                    seqs.add(f.seq());
                }
                return true;
            });
            assertThat(seqs).as("every input the flusher forced").hasSize(30);
        }
    }
}
