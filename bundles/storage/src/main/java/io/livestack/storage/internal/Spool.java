package io.livestack.storage.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only overflow of the record store: records that do not fit in memory (database slow or down)
 * are appended here and read back, in order, once the writer catches up.
 * <p>
 * Files: {@code spool-<n>.log} segments, read in increasing {@code n}; each a sequence of frames {@code [int length]
 * [int crc32][payload]} with the payload in {@link RecordCodec} form; the length's top bit ({@link #MORE}) says that
 * the next frame belongs to the same event. {@code spool-<n>.done} holds the offset up to which a segment is
 * committed to the database (written after each commit, not synced: after a crash at most the records of the last
 * batch are replayed, and the database recognises them as already written). A segment is deleted once all its
 * records are committed. A torn frame at the end of a segment (crash while appending) is cut off when the spool is
 * opened.
 * <p>
 * Events: the records of one event are appended together ({@link #append(List)}) into one segment and handed to
 * the OS in one write (never part of an event: the reader never sees half of one), and {@link #read} never ends a
 * batch inside an event (frames flagged {@link #MORE}, or the same non-zero seq), so an event's records are
 * committed in one transaction also when they come from the spool. A crash can still tear the last write; when an
 * earlier process's segment is opened, an event whose last frame is missing is cut off whole (like a torn frame),
 * so a replay never writes part of an event.
 * <p>
 * Threads: {@link #append}, {@link #prepend}, {@link #endIfDrained} are called under the record buffer's intake
 * lock; {@link #flush}, {@link #read}, {@link #committed}, {@link #sync} by the writer thread. Metadata is guarded
 * by this object's monitor; file reads and the fsync happen outside it.
 */
final class Spool implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".log";
    private static final String DONE_SUFFIX = ".done";
    private static final long FIRST_NUMBER = 1_000_000_000_000L;
    private static final int HEADER = 8;
    /** Top bit of a frame's length: the next frame holds the next record of the same event. */
    static final int MORE = 0x8000_0000;
    private static final int WRITE_BUFFER = 64 * 1024;
    private static final int READ_CHUNK = 1024 * 1024;
    /** Where the envelope's seq is in a frame's payload ({@link RecordCodec}: format version byte, then seq). */
    private static final int SEQ_OFFSET = 1;
    private static final int SEQ_END = SEQ_OFFSET + Long.BYTES;

    /** Records read from the spool, and where reading stopped (to commit the position once written). */
    record SpoolBatch(List<Envelope> items, long segment, long endOffset) {
    }

    private final Path directory;
    private final long segmentMaxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private Segment active;
    private long nextNumber;
    private boolean closed;

    /** Records in the spool not yet committed to the database. */
    private final AtomicLong pending = new AtomicLong();
    /** Records that could not be written to the spool or read back from it. */
    private final AtomicLong lost = new AtomicLong();

    private ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);

    private Spool(Path directory, long segmentMaxBytes, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.segmentMaxBytes = segmentMaxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the spool directory (creating it), takes its lock file and scans what an earlier process left: those
     * records come first.
     */
    static Spool open(Path directory, long segmentMaxBytes) throws IOException {
        Files.createDirectories(directory);
        FileChannel lockChannel = FileChannel.open(directory.resolve("spool.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("spool directory " + directory + " is in use by another process or store "
                    + "(spool.lock is held)");
        }
        Spool spool = new Spool(directory, segmentMaxBytes, lockChannel, lock);
        try {
            spool.scan();
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    private void scan() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList();
        }
        long maxNumber = FIRST_NUMBER - 1;
        for (Path file : files) {
            String n = file.getFileName().toString();
            long number;
            try {
                number = Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring unexpected file {} in the spool directory", file);
                continue;
            }
            maxNumber = Math.max(maxNumber, number);
            Segment segment = new Segment(number, file, doneFile(number), true);
            segment.committedOffset = readDone(segment.donePath);
            long records = segment.validate();
            if (records == 0) {
                segment.delete();
                continue;
            }
            segment.readOffset = segment.committedOffset;
            segment.sealed = true;
            segments.put(number, segment);
            pending.addAndGet(records);
            LOG.info("Spool segment {} holds {} record(s) not yet in the database: they are written first", file,
                    records);
        }
        nextNumber = maxNumber + 1;
    }

    /** Records in the spool not yet committed to the database. */
    long pending() {
        return pending.get();
    }

    /** Records lost by the spool: an append that failed (disk full...), a record unreadable after a crash. */
    long lost() {
        return lost.get();
    }

    synchronized boolean isEmpty() {
        return segments.isEmpty();
    }

    /**
     * Appends a record at the end (buffered; {@link #flush} makes it readable and crash-safe). When this throws,
     * the record (and any other buffered record the failure took with it) is counted in {@link #lost()}.
     */
    synchronized void append(Envelope envelope) throws IOException {
        append(List.of(envelope));
    }

    /**
     * Appends the records of one event at the end, in one segment (a segment is closed after an event, never
     * inside one), so that {@link #read} hands them out in one batch. Buffered as {@link #append(Envelope)}; when
     * this throws, the records not appended (and any other buffered record the failure took with it) are counted
     * in {@link #lost()}.
     */
    synchronized void append(List<Envelope> envelopes) throws IOException {
        int n = envelopes.size();
        pending.addAndGet(n);
        int appended = 0;
        try {
            ensureOpen();
            byte[][] frames = new byte[n][];
            for (int i = 0; i < n; i++) {
                // all encoded first: a record that cannot be keeps out the whole event
                frames[i] = frame(envelopes.get(i), i < n - 1);
            }
            if (active == null) {
                active = newSegment(nextNumber++);
            }
            active.appendEvent(frames);
            appended = n;
        } catch (IOException | RuntimeException e) {
            // these records; records already buffered are counted by the segment
            lost.addAndGet(n - appended);
            pending.addAndGet(-(n - appended));
            throw e;
        }
        if (active.writtenBytes >= segmentMaxBytes) {
            Segment full = active;
            active = null;
            full.seal();
        }
    }

    /**
     * Writes records to a new segment placed before every existing one (they are older than everything spooled:
     * the memory backlog at shutdown while spilling), and syncs it.
     */
    synchronized void prepend(Collection<Envelope> envelopes) throws IOException {
        long number = (segments.isEmpty() ? nextNumber : segments.firstKey()) - 1;
        writeSealed(number, envelopes);
    }

    /** Writes records to a new segment after every existing one, and syncs it. */
    synchronized void appendSealed(Collection<Envelope> envelopes) throws IOException {
        if (active != null) {
            active.seal();
            active = null;
        }
        writeSealed(nextNumber++, envelopes);
    }

    private void writeSealed(long number, Collection<Envelope> envelopes) throws IOException {
        ensureOpen();
        if (envelopes.isEmpty()) {
            return;
        }
        Segment segment = newSegment(number);
        Envelope previous = null;
        for (Envelope e : envelopes) { // whole events (the memory backlog): consecutive records with the same seq
            if (previous != null) {
                segment.append(frame(previous, previous.seq() != 0 && previous.seq() == e.seq()));
            }
            previous = e;
        }
        segment.append(frame(previous, false));
        segment.seal();
        pending.addAndGet(envelopes.size());
    }

    /** Hands buffered appends to the operating system: readable by {@link #read}, and kept if the process dies. */
    synchronized void flush() throws IOException {
        if (active != null) {
            active.flush();
        }
    }

    /** {@link #flush} and force the active segment to the disk (survives a power loss). */
    void sync() throws IOException {
        FileChannel channel;
        synchronized (this) {
            if (active == null) {
                return;
            }
            active.flush();
            channel = active.channel;
        }
        try {
            channel.force(false);
        } catch (ClosedChannelException sealedMeanwhile) {
            // sealing forces the segment itself
        }
    }

    /**
     * Under the intake lock, when the memory backlog is empty: if every spooled record has been read, closes the
     * active segment (the spool is drained) and returns true; new records may then go to memory again.
     */
    synchronized boolean endIfDrained() throws IOException {
        flush();
        for (Segment s : segments.values()) {
            if (s.readOffset < s.readableBytes) {
                return false;
            }
        }
        if (active != null) {
            Segment last = active;
            active = null;
            last.seal();
            deleteIfCommitted(last);
        }
        return true;
    }

    /**
     * Reads up to {@code max} records after the last read position (writer thread), from one segment, and then on
     * while the records belong to the same event as the last one read (it is flagged {@link #MORE}, or they have
     * the same non-zero seq): a batch never ends inside an event. Null when nothing is readable now.
     */
    SpoolBatch read(int max) throws IOException {
        Segment segment = null;
        long offset;
        long limit;
        synchronized (this) {
            for (Segment s : segments.values()) {
                if (s.readOffset < s.readableBytes) {
                    segment = s;
                    break;
                }
            }
            if (segment == null) {
                return null;
            }
            offset = segment.readOffset;
            limit = segment.readableBytes;
        }
        List<Envelope> items = new ArrayList<>(Math.min(max, 4096));
        FileChannel channel = segment.readChannel();
        long lastSeq = 0; // seq of the last frame consumed: 0 = no event to finish
        boolean eventContinues = false; // the last frame consumed is flagged MORE
        boolean more = true;
        while (more && offset < limit) {
            ByteBuffer buffer = buffer((int) Math.min(readBuffer.capacity(), limit - offset));
            readFully(channel, buffer, offset);
            buffer.flip();
            int consumed = 0;
            int tooLarge = -1;
            while (buffer.remaining() >= HEADER) {
                int word = buffer.getInt(buffer.position());
                int length = word & ~MORE;
                int crc = buffer.getInt(buffer.position() + 4);
                if (offset + consumed + HEADER + length > limit) {
                    throw new IOException("spool segment " + segment.path + " is corrupt at offset "
                            + (offset + consumed) + " (frame length " + length + ")");
                }
                if (buffer.remaining() < HEADER + length) {
                    tooLarge = consumed == 0 ? HEADER + length : -1;
                    break;
                }
                long seq = length >= SEQ_END ? buffer.getLong(buffer.position() + HEADER + SEQ_OFFSET) : 0;
                if (items.size() >= max && !eventContinues && (lastSeq == 0 || seq != lastSeq)) {
                    more = false; // max reached and the event is complete
                    break;
                }
                byte[] payload = new byte[length];
                buffer.position(buffer.position() + HEADER);
                buffer.get(payload);
                Envelope envelope = decode(segment, offset + consumed, payload, crc);
                consumed += HEADER + length;
                lastSeq = seq;
                eventContinues = (word & MORE) != 0;
                if (envelope != null) {
                    items.add(segment.foreign
                            ? new Envelope(envelope.seq(), envelope.ord(), Envelope.UNKNOWN_ACCEPT_TIME,
                                    envelope.record())
                            : envelope);
                }
            }
            if (tooLarge > 0) {
                readBuffer = ByteBuffer.allocate(tooLarge); // one frame larger than the buffer: grow, read again
            }
            offset += consumed;
        }
        synchronized (this) {
            segment.readOffset = offset;
        }
        return new SpoolBatch(items, segment.number, offset);
    }

    private Envelope decode(Segment segment, long offset, byte[] payload, int crc) {
        CRC32 check = new CRC32();
        check.update(payload);
        if ((int) check.getValue() != crc) {
            lost.incrementAndGet();
            pending.decrementAndGet();
            LOG.error("Spool segment {}: the record at offset {} fails its checksum and is LOST", segment.path,
                    offset);
            return null;
        }
        try {
            return RecordCodec.decode(new DataInputStream(new ByteArrayInputStream(payload)));
        } catch (IOException e) {
            lost.incrementAndGet();
            pending.decrementAndGet();
            LOG.error("Spool segment {}: the record at offset {} cannot be decoded and is LOST: {}", segment.path,
                    offset, e.getMessage());
            return null;
        }
    }

    /**
     * The records of a batch read by {@link #read} are in the database: remember the position, delete the segment
     * once all of it is.
     */
    synchronized void committed(SpoolBatch batch) throws IOException {
        pending.addAndGet(-batch.items().size());
        Segment segment = segments.get(batch.segment());
        if (segment == null) {
            return;
        }
        segment.committedOffset = batch.endOffset();
        if (!deleteIfCommitted(segment)) {
            segment.writeDone();
        }
    }

    /** Deletes a sealed segment whose records are all in the database. */
    private boolean deleteIfCommitted(Segment segment) throws IOException {
        if (segment.sealed && segment.committedOffset >= segment.readableBytes) {
            segment.delete();
            segments.remove(segment.number);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (Segment s : segments.values()) {
            try {
                s.seal();
                s.closeRead();
            } catch (IOException e) {
                failure = e;
            }
        }
        active = null;
        segments.clear();
        try {
            if (lock != null) {
                lock.release();
            }
        } finally {
            lockChannel.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the spool is closed");
        }
    }

    private Segment newSegment(long number) throws IOException {
        Segment segment = new Segment(number, directory.resolve(name(number)), doneFile(number), false);
        segment.openForAppend();
        segments.put(number, segment);
        return segment;
    }

    private Path doneFile(long number) {
        return directory.resolve(PREFIX + String.format("%019d", number) + DONE_SUFFIX);
    }

    private static String name(long number) {
        return PREFIX + String.format("%019d", number) + SUFFIX;
    }

    /** A frame; {@code more}: the next frame holds the next record of the same event. */
    private static byte[] frame(Envelope envelope, boolean more) {
        byte[] payload = RecordCodec.encode(envelope);
        CRC32 crc = new CRC32();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(more ? payload.length | MORE : payload.length).putInt((int) crc.getValue()).put(payload);
        return frame.array();
    }

    private ByteBuffer buffer(int want) {
        if (readBuffer.capacity() < want) {
            readBuffer = ByteBuffer.allocate(want);
        }
        readBuffer.clear();
        readBuffer.limit(Math.min(want, readBuffer.capacity()));
        return readBuffer;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of spool file at " + at);
            }
            at += n;
        }
    }

    private static long readDone(Path done) {
        try {
            if (Files.size(done) >= Long.BYTES) {
                return ByteBuffer.wrap(Files.readAllBytes(done)).getLong();
            }
        } catch (IOException missing) {
            // no commit recorded: from the start
        }
        return 0;
    }

    /** One spool file. */
    private final class Segment {
        final long number;
        final Path path;
        final Path donePath;
        final boolean foreign;

        FileChannel channel;
        ByteBuffer writeBuffer;
        long writtenBytes;
        int bufferedRecords;
        /** Bytes handed to the OS, at a frame boundary: what the reader may read. */
        long readableBytes;
        long readOffset;
        long committedOffset;
        boolean sealed;
        FileChannel reader;
        FileChannel doneChannel;

        Segment(long number, Path path, Path donePath, boolean foreign) {
            this.number = number;
            this.path = path;
            this.donePath = donePath;
            this.foreign = foreign;
        }

        void openForAppend() throws IOException {
            channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writeBuffer = ByteBuffer.allocate(WRITE_BUFFER);
        }

        void append(byte[] frame) throws IOException {
            if (frame.length > writeBuffer.remaining()) {
                flush();
            }
            if (frame.length > writeBuffer.capacity()) {
                write(ByteBuffer.wrap(frame));
                readableBytes = writtenBytes + frame.length;
            } else {
                writeBuffer.put(frame);
                bufferedRecords++;
            }
            writtenBytes += frame.length;
        }

        /**
         * The frames of one event, handed to the OS together: when they do not fit in what is left of the buffer,
         * the buffer is flushed first (at an event boundary), and an event larger than the buffer is written
         * at once.
         */
        void appendEvent(byte[][] frames) throws IOException {
            int total = 0;
            for (byte[] frame : frames) {
                total += frame.length;
            }
            if (total > writeBuffer.remaining()) {
                flush();
            }
            if (total > writeBuffer.capacity()) {
                ByteBuffer all = ByteBuffer.allocate(total);
                for (byte[] frame : frames) {
                    all.put(frame);
                }
                all.flip();
                write(all);
                readableBytes = writtenBytes + total;
            } else {
                for (byte[] frame : frames) {
                    writeBuffer.put(frame);
                }
                bufferedRecords += frames.length;
            }
            writtenBytes += total;
        }

        void flush() throws IOException {
            if (writeBuffer == null || writeBuffer.position() == 0) {
                return;
            }
            writeBuffer.flip();
            write(writeBuffer);
            writeBuffer.clear();
            bufferedRecords = 0;
            readableBytes = writtenBytes;
        }

        private void write(ByteBuffer buffer) throws IOException {
            long start = readableBytes;
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                // keep the file at its last whole frame; this segment takes no more records
                try {
                    channel.truncate(start);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                writtenBytes = start;
                lost.addAndGet(bufferedRecords);
                pending.addAndGet(-bufferedRecords);
                bufferedRecords = 0;
                sealQuietly();
                if (active == this) {
                    active = null;
                }
                throw e;
            }
        }

        void seal() throws IOException {
            if (sealed) {
                return;
            }
            try {
                flush();
                channel.force(false);
            } finally {
                sealQuietly();
            }
        }

        private void sealQuietly() {
            sealed = true;
            writeBuffer = null;
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
        }

        FileChannel readChannel() throws IOException {
            synchronized (Spool.this) {
                if (reader == null) {
                    reader = FileChannel.open(path, StandardOpenOption.READ);
                }
                return reader;
            }
        }

        void writeDone() throws IOException {
            if (doneChannel == null) {
                doneChannel = FileChannel.open(donePath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            ByteBuffer b = ByteBuffer.allocate(Long.BYTES).putLong(0, committedOffset);
            while (b.hasRemaining()) {
                doneChannel.write(b, b.position());
            }
        }

        /**
         * Validates the frames after the committed offset (a file from an earlier process); returns how many. A torn
         * frame at the end, and then the frames of an event whose last frame is missing, are cut off.
         */
        long validate() throws IOException {
            long size = Files.size(path);
            long records = 0;
            long offset = committedOffset;
            long eventStart = offset; // where the event of the frames since the last complete one began
            long eventRecords = 0;
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                while (offset + HEADER <= size) {
                    header.clear();
                    readFully(ch, header, offset);
                    int word = header.getInt(0);
                    int length = word & ~MORE;
                    int crc = header.getInt(4);
                    if (offset + HEADER + length > size) {
                        break;
                    }
                    ByteBuffer payload = ByteBuffer.allocate(length);
                    readFully(ch, payload, offset + HEADER);
                    CRC32 check = new CRC32();
                    check.update(payload.array());
                    if ((int) check.getValue() != crc) {
                        break;
                    }
                    offset += HEADER + length;
                    records++;
                    eventRecords++;
                    if ((word & MORE) == 0) {
                        eventStart = offset;
                        eventRecords = 0;
                    }
                }
                if (offset < size) {
                    LOG.warn("Spool segment {}: {} byte(s) after offset {} are an incomplete record (a crash while "
                            + "appending); cut off", path, size - offset, offset);
                }
                if (eventStart < offset) {
                    LOG.warn("Spool segment {}: the last {} record(s) are the start of an event whose other records "
                            + "were never written (a crash while appending); cut off, so that no part of an event "
                            + "is stored", path, eventRecords);
                    records -= eventRecords;
                    offset = eventStart;
                }
                if (offset < size) {
                    ch.truncate(offset);
                    ch.force(false);
                }
            }
            writtenBytes = offset;
            readableBytes = offset;
            return records;
        }

        void closeRead() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
            if (doneChannel != null) {
                doneChannel.close();
                doneChannel = null;
            }
        }

        void delete() throws IOException {
            closeRead();
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
            Files.deleteIfExists(path);
            Files.deleteIfExists(donePath);
        }
    }
}
