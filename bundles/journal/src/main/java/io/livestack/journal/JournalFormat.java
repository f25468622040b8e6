package io.livestack.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The journal's files. A journal is a directory of segment files {@code journal-<index, 16 digits>.lsj}, read in
 * increasing index, each preallocated to the configured size (zero-filled, so that memory-mapped writes never
 * allocate disk blocks and an unwritten area reads as zeros).
 * <p>
 * A segment starts with a {@value #HEADER}-byte header: magic {@code LSJOURN1} (8 bytes), format version (int),
 * header length (int), segment index (long), segment size (long), seq of its first frame (long), creation time in
 * epoch milliseconds (long), reserved, and at offset 60 the CRC-32C of bytes 0–59. A segment whose header is all
 * zeros was preallocated and never used. All numbers are little-endian.
 * <p>
 * Frames follow the header, each at an offset that is a multiple of 8: {@code [int length][int crc32c][payload]},
 * where the CRC covers the payload and {@code length} is the payload's size; padding to the next multiple of 8. A
 * length of 0 means "nothing written from here"; {@value #END_OF_SEGMENT} means "continued in the next segment". The
 * payload is a {@link FrameKind} byte, the seq of the event it belongs to (long), and the kind's body:
 * <ul>
 * <li>INPUT: intake time (long), the event ({@link EventCodec});</li>
 * <li>DECISION: the strategy callback's number within the event (int), the intent ({@link EventCodec});</li>
 * <li>FAULT: the callback's number (int), strategy, the fault's headline and summary (strings);</li>
 * <li>OUTCOME: part number (int), last part (boolean), record count (int), the records ({@link RecordCodec});</li>
 * <li>SNAPSHOT_TAKEN: the state hash, the snapshot file's name (strings);</li>
 * <li>GAP: the first seq that was not journaled (long), why (string) — appending resumed at this frame's seq.</li>
 * </ul>
 * The writer puts the payload and the CRC first and the length last, so a frame is either whole or not there; a
 * crash can tear only the last frames written (power loss), which the reader cuts off.
 */
public final class JournalFormat {

    /** 2: execution reports and cancel rejects carry the venue's inbound sequence number. */
    public static final int VERSION = 5;
    /**
     * The oldest format this build reads: 3 only added a frame type (SentOrderRecovered) and an OrderEvent constant;
     * 4 added an event type (an execution report naming the execution it busts or corrects), a record type (a fill's
     * bust or correction) and enum constants at the end (ExecType, OrderEvent, VenueSessionState); 5 added record
     * types (an order or a fill with its account, a position of a level finer than the desk or with fees), intent and
     * command types (a new order with its account, a kill of a scope, a cancel-all) and enum constants at the end
     * (TradingScope.Kind, RejectReason). Values the older types can say are still written with them.
     */
    public static final int OLDEST_READ = 2;

    /**
     * A position in the journal as one comparable number: the segment's index in the high 32 bits, the byte offset
     * within it in the low 32 (positions of later frames are larger).
     */
    public static long mark(long segmentIndex, int offset) {
        return (segmentIndex << 32) | (offset & 0xFFFF_FFFFL);
    }
    public static final long MAGIC = 0x314E52554F4A534CL; // "LSJOURN1" little-endian
    public static final int HEADER = 64;
    public static final int FRAME_HEADER = 8;
    public static final int END_OF_SEGMENT = -1;
    public static final int MIN_SEGMENT_BYTES = 1 << 16;
    static final int HEADER_CRC_OFFSET = 60;
    static final String PREFIX = "journal-";
    static final String SUFFIX = ".lsj";

    private JournalFormat() {
    }

    public static String segmentName(long index) {
        return String.format(Locale.ROOT, "%s%016d%s", PREFIX, index, SUFFIX);
    }

    /** The index of a segment file, or -1 if the name is not a segment's. */
    public static long segmentIndex(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int align(int n) {
        return (n + 7) & ~7;
    }

    /** Writes a segment header into {@code map} at 0. */
    static void writeHeader(ByteBuffer map, long index, long segmentBytes, long firstSeq, long createdMillis) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(0, MAGIC);
        h.putInt(8, VERSION);
        h.putInt(12, HEADER);
        h.putLong(16, index);
        h.putLong(24, segmentBytes);
        h.putLong(32, firstSeq);
        h.putLong(40, createdMillis);
        CRC32C crc = new CRC32C();
        crc.update(h.array(), 0, HEADER_CRC_OFFSET);
        h.putInt(HEADER_CRC_OFFSET, (int) crc.getValue());
        map.put(0, h.array(), 0, HEADER);
    }
}
