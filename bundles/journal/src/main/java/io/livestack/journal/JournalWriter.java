package io.livestack.journal;

import io.livestack.api.event.Sequenced;
import io.livestack.api.intent.Intent;
import io.livestack.api.record.ExecutionRecord;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends frames to the journal (see {@link JournalFormat}) from one thread, the processing thread: each append
 * encodes the frame and stores it into the memory-mapped segment, which puts it in the operating system's page
 * cache — it survives the process being killed the moment the append returns. The {@link JournalFlusher} forces
 * what was appended to disk every {@code syncIntervalMillis} (what survives power loss) and prepares the next
 * segment in advance.
 * <p>
 * An append that cannot be made (no next segment: the disk is full or not writable) returns false, and from then on
 * {@link #failure()} says why: the runtime stops new orders at once but goes on (cancels still go out). A failed
 * force is reported the same way; appends go on (the frames are in the page cache) until the disk takes them again.
 */
public final class JournalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** Records per OUTCOME frame: an event with more (a kill sweep of thousands of orders) is written in parts. */
    static final int RECORDS_PER_FRAME = 512;

    private final Path directory;
    private final int segmentBytes;
    private final WireOut out = new WireOut(4096);
    private final CRC32C crc = new CRC32C();
    final JournalFlusher flusher;

    // writer thread only
    private Segment active;
    private int offset;

    /** The first seq whose frames could not be appended since appends stopped (0: appending). */
    private long lostFrom;

    // read by the flusher and by status
    private final java.util.concurrent.atomic.AtomicLong appendedSeq = new java.util.concurrent.atomic.AtomicLong();
    /** Why frames cannot be appended (they are lost until a segment can be made again), or null. */
    private volatile String appendFailure;

    private JournalWriter(Path directory, int segmentBytes, Segment active, int offset, long appendedSeq,
            long syncIntervalMillis) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.active = active;
        this.offset = offset;
        this.appendedSeq.set(appendedSeq);
        this.flusher = new JournalFlusher(this, directory, segmentBytes, syncIntervalMillis);
        flusher.activated(active, offset);
        flusher.durableUpTo(appendedSeq); // what an earlier process appended was forced, or is cut by the scan
    }

    /**
     * Opens the journal in {@code directory} for appending after what {@code scan} found there (a fresh directory:
     * the first segment is created). Starts the flusher thread.
     */
    public static JournalWriter open(Path directory, int segmentBytes, long syncIntervalMillis, JournalScan scan)
            throws IOException {
        if (segmentBytes < JournalFormat.MIN_SEGMENT_BYTES) {
            throw new IllegalArgumentException("journal segments of " + segmentBytes + " bytes: at least "
                    + JournalFormat.MIN_SEGMENT_BYTES);
        }
        Files.createDirectories(directory);
        Segment active;
        int offset;
        if (scan.endSegment() != null) {
            active = Segment.open(scan.endSegment(), JournalFormat.segmentIndex(scan.endSegment()));
            offset = scan.endOffset();
        } else {
            active = Segment.create(directory, scan.nextSegmentIndex(), segmentBytes);
            JournalFormat.writeHeader(active.map, active.index, active.size, scan.lastSeq() + 1,
                    System.currentTimeMillis());
            offset = JournalFormat.HEADER;
        }
        JournalWriter writer = new JournalWriter(directory, segmentBytes, active, offset, scan.lastInputSeq(),
                syncIntervalMillis);
        writer.flusher.start();
        return writer;
    }

    // ============================================================================================ appends

    /** The input event with its seq and intake time: before anything it causes leaves the process. */
    public boolean input(Sequenced event) {
        WireOut o = begin(FrameKind.INPUT, event.seq());
        o.i64(event.intakeTimeNanos());
        EventCodec.write(o, event.event());
        boolean ok = commit(event.seq());
        if (ok) {
            appendedSeq.lazySet(event.seq()); // after the offset (in commit): the flusher reads them the other way
        }
        return ok;
    }

    /** An intent a strategy emitted in its callback number {@code callback} of event {@code seq}. */
    public boolean decision(long seq, int callback, Intent intent) {
        WireOut o = begin(FrameKind.DECISION, seq);
        o.i32(callback);
        EventCodec.writeIntent(o, intent);
        return commit(seq);
    }

    /** A strategy's callback number {@code callback} of event {@code seq} threw: the fault's headline, summary. */
    public boolean fault(long seq, int callback, String strategy, String headline, String summary) {
        WireOut o = begin(FrameKind.FAULT, seq);
        o.i32(callback);
        o.string(strategy);
        o.string(headline);
        o.string(summary);
        return commit(seq);
    }

    /** The records event {@code seq} produced (none: nothing is written). */
    public boolean outcome(long seq, List<ExecutionRecord> records) {
        int n = records.size();
        if (n == 0) {
            return true;
        }
        boolean ok = true;
        int part = 0;
        for (int from = 0; from < n; from += RECORDS_PER_FRAME, part++) {
            int to = Math.min(n, from + RECORDS_PER_FRAME);
            WireOut o = begin(FrameKind.OUTCOME, seq);
            o.i32(part);
            o.bool(to == n);
            o.i32(to - from);
            for (int i = from; i < to; i++) {
                RecordCodec.write(o, records.get(i));
            }
            ok &= commit(seq);
        }
        return ok;
    }

    /** A snapshot was taken at event {@code seq}. */
    public boolean snapshotTaken(long seq, String stateHash, String file) {
        WireOut o = begin(FrameKind.SNAPSHOT_TAKEN, seq);
        o.string(stateHash);
        o.string(file);
        return commit(seq);
    }

    private WireOut begin(FrameKind kind, long seq) {
        WireOut o = out.reset();
        o.u8(kind.code);
        o.i64(seq);
        return o;
    }

    /** Stores the encoded frame: payload and CRC first, the length last (release), so a reader sees it whole. */
    private boolean commit(long seq) {
        if (appendFailure != null && !resume(seq)) {
            return false;
        }
        return store(seq);
    }

    private boolean store(long seq) {
        int length = out.length();
        int frame = JournalFormat.align(JournalFormat.FRAME_HEADER + length);
        if (frame + Integer.BYTES > segmentBytes - JournalFormat.HEADER) {
            LOG.error("a journal frame of {} bytes (event {}) does not fit in a segment of {} bytes: not journaled",
                    length, seq, segmentBytes);
            stopAppending(seq, "a frame of " + length + " bytes (event " + seq + ") does not fit in a segment of "
                    + segmentBytes + " bytes");
            return false;
        }
        if (offset + frame + Integer.BYTES > active.size && !roll(seq)) {
            return false;
        }
        crc.reset();
        crc.update(out.array(), 0, length);
        active.map.put(offset + JournalFormat.FRAME_HEADER, out.array(), 0, length);
        active.map.putInt(offset + Integer.BYTES, (int) crc.getValue());
        INT.setRelease(active.map, offset, length);
        offset += frame;
        flusher.appended(offset);
        return true;
    }

    /** Ends the active segment and continues in the next one (prepared by the flusher, or made now). */
    private boolean roll(long firstSeq) {
        Segment next = flusher.takeNext();
        if (next == null) {
            try {
                next = flusher.takeOrMakeNext(active.index + 1);
                LOG.debug("journal segment {} was not prepared in advance: taken on the processing thread",
                        next.path);
            } catch (IOException | RuntimeException e) {
                LOG.error("cannot create journal segment {}", JournalFormat.segmentName(active.index + 1), e);
                stopAppending(firstSeq, "cannot create journal segment " + JournalFormat.segmentName(active.index
                        + 1) + " in " + directory + ": " + e);
                return false;
            }
        }
        JournalFormat.writeHeader(next.map, next.index, next.size, firstSeq, System.currentTimeMillis());
        INT.setRelease(active.map, offset, JournalFormat.END_OF_SEGMENT);
        Segment done = active;
        active = next;
        offset = JournalFormat.HEADER;
        flusher.rolled(done, next, offset);
        return true;
    }

    // ============================================================================================ state

    /** Frames are lost from {@code seq} on, until {@link #resume} finds a segment to continue in. */
    private void stopAppending(long seq, String why) {
        if (appendFailure == null) {
            lostFrom = seq;
        }
        appendFailure = why;
        flusher.wantNext();
    }

    /**
     * After appends stopped: continues in a segment the flusher prepared meanwhile, marking the gap with a
     * {@link FrameKind#GAP} frame (a recovery cannot cross it; the runtime takes a snapshot after it).
     */
    private boolean resume(long seq) {
        Segment next = flusher.takeNext();
        if (next == null) {
            return false;
        }
        String why = appendFailure;
        JournalFormat.writeHeader(next.map, next.index, next.size, seq, System.currentTimeMillis());
        if (offset + Integer.BYTES <= active.size) {
            INT.setRelease(active.map, offset, JournalFormat.END_OF_SEGMENT);
        }
        Segment done = active;
        active = next;
        offset = JournalFormat.HEADER;
        flusher.rolled(done, next, offset);
        appendFailure = null;
        LOG.warn("journal appending again from event {}; events {} to {} were not journaled ({})", seq, lostFrom,
                seq - 1, why);
        int pending = out.length();
        byte[] frameBeingWritten = out.toByteArray();
        WireOut o = begin(FrameKind.GAP, seq);
        o.i64(lostFrom);
        o.string(why);
        boolean ok = store(seq);
        out.reset().bytes(frameBeingWritten, 0, pending);
        lostFrom = 0;
        return ok;
    }

    /**
     * Why the journal is not healthy, or null: frames cannot be appended (they are being lost), or what was appended
     * cannot be forced to disk.
     */
    public String failure() {
        String a = appendFailure;
        return a != null ? a : flusher.syncFailure();
    }

    /** Whether frames are being lost (not merely not yet durable). */
    public boolean appending() {
        return appendFailure == null;
    }

    /** The seq of the last input appended. */
    public long appendedSeq() {
        return appendedSeq.get();
    }

    /** The seq of the last input forced to disk. */
    public long durableSeq() {
        return flusher.durableSeq();
    }

    /**
     * Where the journal is on disk ({@link JournalFormat#mark}): a reader that must never be ahead of the disk (storage)
     * reads no frame past it ({@link JournalCursor#poll(int, long, JournalReader.Visitor)}).
     */
    public long durableMark() {
        return flusher.durableMark();
    }

    /** Waits until {@code seq}'s input is on disk; false after {@code timeoutMillis}. */
    public boolean awaitDurable(long seq, long timeoutMillis) throws InterruptedException {
        return flusher.awaitDurable(seq, timeoutMillis);
    }

    public Path directory() {
        return directory;
    }

    /** Forces everything appended to disk, stops the flusher, closes the segments. */
    @Override
    public void close() {
        flusher.close();
    }
}
