package io.livestack.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal directory (see {@link JournalFormat}), checking every frame: its length, its CRC, and the order of
 * seqs (each INPUT one more than the last, unless a GAP frame says why not; every other frame belongs to the last
 * input). {@link #scan} checks the whole journal and says where the writer continues; with {@code repair} it cuts off a
 * torn tail and removes segments prepared but never used. Anything else that does not read as written — a bad frame
 * followed by data, an unknown format version, a segment whose header is damaged, a seq out of order — is a
 * {@link JournalFormatException} that names the file and the offset: the journal is not to be trusted, and nothing is
 * changed.
 */
public final class JournalReader {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    /** Receives frames in journal order; returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean frame(Frame frame);
    }

    private JournalReader() {
    }

    /** The segment files of {@code directory}, by index. */
    public static List<Path> segments(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> JournalFormat.segmentIndex(p) >= 0)
                    .sorted((a, b) -> Long.compare(JournalFormat.segmentIndex(a), JournalFormat.segmentIndex(b)))
                    .toList();
        }
    }

    /** Checks the whole journal; with {@code repair}, cuts a torn tail and removes unused prepared segments. */
    public static JournalScan scan(Path directory, boolean repair) throws IOException {
        Walk walk = new Walk(repair);
        walk.run(directory, Long.MIN_VALUE, frame -> true);
        return walk.result();
    }

    /** Every frame with seq at or after {@code fromSeq}, in order (checked as {@link #scan} checks, nothing cut). */
    public static void read(Path directory, long fromSeq, Visitor visitor) throws IOException {
        new Walk(false).run(directory, fromSeq, visitor);
    }

    /** One pass over the segments. */
    private static final class Walk {
        private final boolean repair;
        private final CRC32C crc = new CRC32C();
        private final Frame frame = new Frame();
        private final List<String> gaps = new ArrayList<>();
        private Path endSegment;
        private int endOffset;
        private long nextIndex = 1;
        private long firstSeq;
        private long lastSeq;
        private long lastInputSeq;
        private long frames;
        private String tornTail;
        private boolean stopped;

        Walk(boolean repair) {
            this.repair = repair;
        }

        void run(Path directory, long fromSeq, Visitor visitor) throws IOException {
            List<Path> segments = segments(directory);
            int lastUsed = -1;
            for (int i = 0; i < segments.size(); i++) {
                if (hasHeader(segments.get(i))) {
                    lastUsed = i;
                } else if (i < segments.size() - 1 && anyHeaderAfter(segments, i)) {
                    throw new JournalFormatException(segments.get(i) + ": no segment header, but later segments "
                            + "have frames");
                }
            }
            for (int i = 1; i <= lastUsed; i++) {
                long before = JournalFormat.segmentIndex(segments.get(i - 1));
                if (JournalFormat.segmentIndex(segments.get(i)) != before + 1) {
                    throw new JournalFormatException(directory.resolve(JournalFormat.segmentName(before + 1))
                            + " is missing: the journal has " + segments.get(i - 1).getFileName() + " and "
                            + segments.get(i).getFileName() + " but nothing between them");
                }
            }
            for (int i = 0; i <= lastUsed && !stopped; i++) {
                segment(segments.get(i), i == lastUsed, fromSeq, visitor);
            }
            for (int i = lastUsed + 1; i < segments.size(); i++) {
                if (repair) {
                    Files.deleteIfExists(segments.get(i));
                    LOG.info("removed journal segment {}: prepared, never used", segments.get(i).getFileName());
                }
            }
            if (!segments.isEmpty()) {
                nextIndex = JournalFormat.segmentIndex(segments.get(lastUsed >= 0 ? lastUsed : segments.size() - 1))
                        + 1;
            }
        }

        JournalScan result() {
            return new JournalScan(endSegment, endOffset, nextIndex, firstSeq, lastSeq, lastInputSeq, frames, gaps,
                    tornTail);
        }

        private void segment(Path path, boolean last, long fromSeq, Visitor visitor) throws IOException {
            try (FileChannel channel = FileChannel.open(path, repair && last
                    ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                    : new StandardOpenOption[] {StandardOpenOption.READ})) {
                long size = channel.size();
                if (size < JournalFormat.HEADER || size > Integer.MAX_VALUE) {
                    throw new JournalFormatException(path + ": " + size + " bytes is not a journal segment");
                }
                MappedByteBuffer map = channel.map(repair && last ? FileChannel.MapMode.READ_WRITE
                        : FileChannel.MapMode.READ_ONLY, 0, size);
                map.order(ByteOrder.LITTLE_ENDIAN);
                try {
                    header(path, map);
                    frames(path, map, (int) size, last, fromSeq, visitor);
                } finally {
                    Segment.unmap(map);
                }
            }
        }

        private void header(Path path, ByteBuffer map) {
            if (map.getLong(0) != JournalFormat.MAGIC) {
                throw new JournalFormatException(path + ": not a journal segment (bad magic)");
            }
            int version = map.getInt(8);
            if (version < JournalFormat.OLDEST_READ || version > JournalFormat.VERSION) {
                throw new JournalFormatException(path + ": journal format version " + version + "; this build reads "
                        + "versions " + JournalFormat.OLDEST_READ + " to " + JournalFormat.VERSION);
            }
            crc.reset();
            crc.update(map.duplicate().position(0).limit(JournalFormat.HEADER_CRC_OFFSET));
            if ((int) crc.getValue() != map.getInt(JournalFormat.HEADER_CRC_OFFSET)) {
                throw new JournalFormatException(path + ": segment header CRC mismatch");
            }
            long index = map.getLong(16);
            if (index != JournalFormat.segmentIndex(path)) {
                throw new JournalFormatException(path + ": header says segment " + index);
            }
        }

        private void frames(Path path, MappedByteBuffer map, int size, boolean last, long fromSeq, Visitor visitor) {
            int pos = JournalFormat.HEADER;
            boolean ended = false;
            while (pos + JournalFormat.FRAME_HEADER <= size) {
                int length = map.getInt(pos);
                if (length == 0) {
                    break;
                }
                if (length == JournalFormat.END_OF_SEGMENT) {
                    ended = true;
                    break;
                }
                String bad = check(map, pos, length, size);
                if (bad != null) {
                    int extent = length > 0 && pos + JournalFormat.FRAME_HEADER + (long) length <= size
                            ? JournalFormat.align(JournalFormat.FRAME_HEADER + length) : JournalFormat.FRAME_HEADER;
                    if (last && zeroFrom(map, pos + extent, size)) {
                        tornTail = path.getFileName() + " from offset " + pos + " (" + bad + "; after seq " + lastSeq
                                + ")";
                        if (repair) {
                            zero(map, pos, Math.min(size, pos + extent));
                            map.force();
                            LOG.warn("journal: cut off a torn tail in {}", tornTail);
                        }
                        break;
                    }
                    throw new JournalFormatException(path + " offset " + pos + ": " + bad + ", and data follows it: "
                            + "the journal is damaged in the middle (after seq " + lastSeq + ")");
                }
                frame.set(map, path, pos, pos + JournalFormat.FRAME_HEADER, pos + JournalFormat.FRAME_HEADER
                        + length);
                order(path, pos);
                frames++;
                pos += JournalFormat.align(JournalFormat.FRAME_HEADER + length);
                if (!stopped && frame.seq() >= fromSeq && !visitor.frame(frame)) {
                    stopped = true;
                    return;
                }
            }
            // a segment that says it continues elsewhere is not written into again
            endSegment = ended ? null : path;
            endOffset = ended ? 0 : pos;
        }

        /** Why the frame at {@code pos} is bad, or null. */
        private String check(ByteBuffer map, int pos, int length, int size) {
            if (length < 0 || pos + JournalFormat.FRAME_HEADER + (long) length > size) {
                return "frame length " + length + " runs past the segment";
            }
            if (length < 9) {
                return "frame length " + length + " is too short";
            }
            crc.reset();
            crc.update(map.duplicate().position(pos + JournalFormat.FRAME_HEADER)
                    .limit(pos + JournalFormat.FRAME_HEADER + length));
            if ((int) crc.getValue() != map.getInt(pos + Integer.BYTES)) {
                return "CRC mismatch";
            }
            return null;
        }

        /** Seqs in order: inputs one after another (or after a declared gap); other frames of the last input. */
        private void order(Path path, int pos) {
            long seq = frame.seq();
            FrameKind kind = frame.kind();
            if (frames == 0) {
                firstSeq = seq;
            }
            if (kind == FrameKind.INPUT) {
                if (lastInputSeq != 0 && seq != lastInputSeq + 1) {
                    throw new JournalFormatException(path + " offset " + pos + ": input seq " + seq + " follows "
                            + lastInputSeq + " with no gap frame");
                }
                lastInputSeq = seq;
            } else if (kind == FrameKind.GAP) {
                long from = frame.gapFrom();
                gaps.add(from + "-" + (seq - 1) + ": " + frame.gapReason());
                lastInputSeq = seq - 1;
            } else if (lastInputSeq != 0 && seq != lastInputSeq) {
                throw new JournalFormatException(path + " offset " + pos + ": " + kind + " frame of seq " + seq
                        + " after input " + lastInputSeq);
            }
            lastSeq = Math.max(lastSeq, seq);
        }

        private static boolean hasHeader(Path path) throws IOException {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(b, 0);
                return b.position() == 8 && b.getLong(0) != 0;
            }
        }

        private static boolean anyHeaderAfter(List<Path> segments, int i) throws IOException {
            for (int j = i + 1; j < segments.size(); j++) {
                if (hasHeader(segments.get(j))) {
                    return true;
                }
            }
            return false;
        }

        private static boolean zeroFrom(ByteBuffer map, int from, int to) {
            if (from >= to) {
                return true;
            }
            for (int i = from; i + Long.BYTES <= to; i += Long.BYTES) {
                if (map.getLong(i) != 0) {
                    return false;
                }
            }
            for (int i = to - (to - from) % Long.BYTES; i < to; i++) {
                if (map.get(i) != 0) {
                    return false;
                }
            }
            return true;
        }

        private static void zero(ByteBuffer map, int from, int to) {
            for (int i = from; i < to; i++) {
                map.put(i, (byte) 0);
            }
        }
    }
}
