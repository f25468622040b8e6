package io.livestack.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files: {@code snapshot-<seq, 20 digits>.lss} beside the journal's segments, each the state of every stage
 * after the event {@code seq}, in sections ({@link Section}). Layout: magic {@code LSSNAPS1} (8 bytes), format version
 * (int), seq (long), creation time in epoch milliseconds (long), the state hash (string), section count (int), then
 * each section as kind (byte), length (int) and bytes; at the end the CRC-32C of everything before it. Written to a
 * temporary file, forced, then moved into place (a crash leaves the old snapshots and at most a temporary file, which
 * is ignored). The state hash is the SHA-256 of the sections' bytes in kind order.
 */
public final class SnapshotFiles {

    /** What a section holds. */
    public enum Section {
        RUNTIME(1), STATE(2), EXECUTION(3), RISK(4), HOST(5);

        final int code;

        Section(int code) {
            this.code = code;
        }

        static Section of(int code, Path file) {
            for (Section s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new JournalFormatException(file + ": unknown snapshot section " + code);
        }
    }

    /** A snapshot as read. */
    public record Snapshot(Path file, long seq, long createdMillis, String stateHash, Map<Section, byte[]> sections) {
        public Snapshot {
            sections = Collections.unmodifiableMap(new TreeMap<>(sections));
        }

        public WireIn section(Section section) {
            byte[] bytes = sections.get(section);
            if (bytes == null) {
                throw new JournalFormatException(file + ": no " + section + " section");
            }
            return new WireIn().wrap(bytes);
        }
    }

    /**
     * 2: the runtime section holds the venues' last journaled inbound sequence numbers; 3: and the pluggable risk
     * checks' bindings; 4: the state section ends with the orders' accounts, the positions' levels and fees and the
     * reference data, the risk section with its named windows and values (journal format 5's records inside).
     */
    public static final int VERSION = 4;
    /** The oldest snapshot format this build reads: 3's sections are 4's without what 4 added at their ends. */
    public static final int OLDEST_READ = 3;
    private static final long MAGIC = 0x315350414E53534CL; // "LSSNAPS1", little-endian
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".lss";

    private SnapshotFiles() {
    }

    public static String fileName(long seq) {
        return String.format(Locale.ROOT, "%s%020d%s", PREFIX, seq, SUFFIX);
    }

    /** The seq of a snapshot file, or -1 if the name is not a snapshot's. */
    public static long seqOf(Path file) {
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

    /** The snapshot files of {@code directory}, oldest first. */
    public static List<Path> list(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> seqOf(p) >= 0).sorted((a, b) -> Long.compare(seqOf(a), seqOf(b))).toList();
        }
    }

    /** SHA-256 of the sections' bytes in kind order, hex. */
    public static String hash(Map<Section, byte[]> sections) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        for (byte[] bytes : new TreeMap<>(sections).values()) {
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes a snapshot durably; returns its file. */
    public static Path write(Path directory, long seq, Map<Section, byte[]> sections) throws IOException {
        Files.createDirectories(directory);
        WireOut out = new WireOut(1 << 16);
        out.i64(MAGIC);
        out.i32(VERSION);
        out.i64(seq);
        out.i64(System.currentTimeMillis());
        out.string(hash(sections));
        Map<Section, byte[]> sorted = new TreeMap<>(sections);
        out.i32(sorted.size());
        for (Map.Entry<Section, byte[]> e : sorted.entrySet()) {
            out.u8(e.getKey().code);
            out.i32(e.getValue().length);
            out.bytes(e.getValue(), 0, e.getValue().length);
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.length());
        out.i32((int) crc.getValue());
        Path file = directory.resolve(fileName(seq));
        Path temp = directory.resolve(fileName(seq) + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(out.array(), 0, out.length());
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Segment.syncDirectory(directory);
        return file;
    }

    /** Reads and checks a snapshot: magic, version, CRC, sections, the hash. */
    public static Snapshot read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 40) {
            throw new JournalFormatException(file + ": " + bytes.length + " bytes is not a snapshot");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new JournalFormatException(file + ": snapshot CRC mismatch (the file is damaged)");
        }
        WireIn in = new WireIn().wrap(ByteBuffer.wrap(bytes), 0, bytes.length - 4);
        if (in.i64() != MAGIC) {
            throw new JournalFormatException(file + ": not a snapshot (bad magic)");
        }
        int version = in.i32();
        if (version < OLDEST_READ || version > VERSION) {
            throw new JournalFormatException(file + ": snapshot format version " + version + "; this build reads "
                    + "versions " + OLDEST_READ + " to " + VERSION);
        }
        long seq = in.i64();
        long created = in.i64();
        String hash = in.requiredString("state hash");
        int n = EventCodec.count(in, 5);
        Map<Section, byte[]> sections = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Section kind = Section.of(in.u8(), file);
            int length = in.i32();
            sections.put(kind, in.bytes(length));
        }
        if (!hash(sections).equals(hash)) {
            throw new JournalFormatException(file + ": the sections do not hash to the recorded state hash");
        }
        if (seq != seqOf(file)) {
            throw new JournalFormatException(file + ": it says seq " + seq);
        }
        return new Snapshot(file, seq, created, hash, sections);
    }

}
