package io.livestack.journal;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link JournalReader#scan} found: where the journal ends (the writer continues there), its first and last
 * seq, the last input's seq, the gaps (inputs that were never journaled), and the torn tail it cut off (power loss
 * while frames were being written), if any.
 *
 * @param endSegment       the last segment with frames, or null when the journal is empty
 * @param endOffset        where the next frame goes in it
 * @param nextSegmentIndex the index of the next segment to create
 * @param firstSeq         the seq of the first frame (0 when empty)
 * @param lastSeq          the seq of the last frame (0 when empty)
 * @param lastInputSeq     the seq of the last INPUT frame (0 when none)
 * @param frames           how many frames
 * @param gaps             "from-to: reason" of every GAP frame
 * @param tornTail         what was cut off, or null
 */
public record JournalScan(Path endSegment, int endOffset, long nextSegmentIndex, long firstSeq, long lastSeq,
        long lastInputSeq, long frames, List<String> gaps, String tornTail) {

    public JournalScan {
        gaps = List.copyOf(gaps);
    }

    public static JournalScan empty() {
        return new JournalScan(null, 0, 1, 0, 0, 0, 0, List.of(), null);
    }
}
