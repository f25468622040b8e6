package io.livestack.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Follows a journal as it is written (a reader beside the writer, in the same process or another): positioned at a
 * seq, each {@link #poll} visits the frames appended since the last one, in order, and stops where nothing is written
 * yet, to continue from there next time. A frame is visited only whole (the writer stores its length last). Not
 * thread-safe: one reader thread.
 */
public final class JournalCursor implements AutoCloseable {

    private static final int STUCK_LIMIT = 1000;

    private final Path directory;
    private final Frame frame = new Frame();
    private final CRC32C crc = new CRC32C();
    private long segmentIndex;
    private Path segmentPath;
    private MappedByteBuffer map;
    private int offset;
    private int stuck;

    private JournalCursor(Path directory) {
        this.directory = directory;
    }

    /**
     * A cursor at the first frame with seq at or after {@code fromSeq} (or where the next frame will be written). An
     * {@link IllegalStateException} when the journal no longer holds {@code fromSeq} (its segment was let go).
     */
    public static JournalCursor open(Path directory, long fromSeq) throws IOException {
        JournalCursor c = new JournalCursor(directory);
        c.seek(fromSeq);
        return c;
    }

    private void seek(long fromSeq) throws IOException {
        List<Path> segments = JournalReader.segments(directory);
        Path chosen = null;
        long earliest = Long.MAX_VALUE;
        for (Path p : segments) {
            long first = firstSeq(p);
            if (first < 0) {
                break; // prepared, not used yet
            }
            earliest = Math.min(earliest, first);
            if (first < fromSeq) { // not <=: a segment may start with the DECISION or OUTCOME of fromSeq, its INPUT
                chosen = p;        // at the end of the one before
            }
        }
        if (chosen == null) {
            if (earliest != Long.MAX_VALUE && earliest > fromSeq && fromSeq > 0 && earliest > 1) {
                throw new IllegalStateException("the journal in " + directory + " starts at seq " + earliest
                        + ": seq " + fromSeq + " was let go");
            }
            chosen = segments.isEmpty() ? null : segments.get(0);
        }
        if (chosen == null) {
            segmentIndex = 1;
            return; // nothing written yet: the first segment is mapped when it appears
        }
        map(chosen);
        while (true) {
            int length = map.getInt(offset);
            if (length <= 0 || offset + JournalFormat.FRAME_HEADER + length > map.capacity()) {
                return;
            }
            frame.set(map, segmentPath, offset, offset + JournalFormat.FRAME_HEADER,
                    offset + JournalFormat.FRAME_HEADER + length);
            if (frame.seq() >= fromSeq) {
                return;
            }
            offset += JournalFormat.align(JournalFormat.FRAME_HEADER + length);
        }
    }

    /** The seq of a segment's first frame from its header; -1 when it has none (prepared, never used). */
    public static long firstSeq(Path segment) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(JournalFormat.HEADER).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(h, 0);
            return h.getLong(0) == JournalFormat.MAGIC ? h.getLong(32) : -1;
        }
    }

    private void map(Path segment) throws IOException {
        if (map != null) {
            Segment.unmap(map);
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
        }
        segmentPath = segment;
        segmentIndex = JournalFormat.segmentIndex(segment);
        offset = JournalFormat.HEADER;
    }

    /** Visits at most {@code maxFrames} frames appended since the last poll; returns how many it visited. */
    public int poll(int maxFrames, JournalReader.Visitor visitor) throws IOException {
        return poll(maxFrames, Long.MAX_VALUE, visitor);
    }

    /**
     * As {@link #poll(int, JournalReader.Visitor)}, but no frame that ends past {@code upToMark} (a
     * {@link JournalFormat#mark}, e.g. {@link JournalWriter#durableMark}) is read: the cursor stays before it.
     */
    public int poll(int maxFrames, long upToMark, JournalReader.Visitor visitor) throws IOException {
        int n = 0;
        while (n < maxFrames) {
            if (map == null) {
                Path first = directory.resolve(JournalFormat.segmentName(segmentIndex));
                if (!Files.exists(first) || firstSeq(first) < 0) {
                    return n;
                }
                map(first);
            }
            if (offset + JournalFormat.FRAME_HEADER > map.capacity()) {
                return n;
            }
            int length = map.getInt(offset);
            if (length == 0) {
                return n; // not written yet
            }
            if (length == JournalFormat.END_OF_SEGMENT) {
                Path next = directory.resolve(JournalFormat.segmentName(segmentIndex + 1));
                if (!Files.exists(next) || firstSeq(next) < 0) {
                    return n;
                }
                map(next);
                continue;
            }
            int end = offset + JournalFormat.FRAME_HEADER + length;
            if (length < 0 || end > map.capacity()) {
                throw new JournalFormatException(segmentPath + " offset " + offset + ": frame length " + length);
            }
            if (JournalFormat.mark(segmentIndex, end) > upToMark) {
                return n; // not on disk yet
            }
            crc.reset();
            crc.update(map.duplicate().position(offset + JournalFormat.FRAME_HEADER).limit(end));
            if ((int) crc.getValue() != map.getInt(offset + Integer.BYTES)) {
                if (++stuck > STUCK_LIMIT) {
                    throw new JournalFormatException(segmentPath + " offset " + offset + ": CRC mismatch");
                }
                return n; // being written (the length became visible first): next time
            }
            stuck = 0;
            frame.set(map, segmentPath, offset, offset + JournalFormat.FRAME_HEADER, end);
            offset = JournalFormat.align(JournalFormat.FRAME_HEADER + length) + offset;
            n++;
            if (!visitor.frame(frame)) {
                return n;
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (map != null) {
            Segment.unmap(map);
            map = null;
        }
    }
}
