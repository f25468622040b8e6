package io.livestack.journal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One segment file, memory-mapped for writing. A store into the map is in the operating system's page cache at once
 * (it survives the process being killed); {@link #force} makes a range durable (survives power loss). The writer
 * thread stores, the flusher thread forces and closes.
 */
final class Segment implements AutoCloseable {

    private static final int ZEROS = 1 << 20;

    final long index;
    final Path path;
    final int size;
    private final FileChannel channel;
    final MappedByteBuffer map;
    /** Bytes from 0 forced to disk (flusher thread). */
    int forced;

    private Segment(long index, Path path, int size, FileChannel channel, MappedByteBuffer map) {
        this.index = index;
        this.path = path;
        this.size = size;
        this.channel = channel;
        this.map = map;
    }

    /**
     * A new segment file of {@code size} bytes, all zeros, its space reserved (so that writing into its map cannot
     * fail for lack of space), mapped for writing. The header is written when it is taken into use.
     */
    static Segment create(Path directory, long index, int size) throws IOException {
        Path path = directory.resolve(JournalFormat.segmentName(index));
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer zeros = ByteBuffer.allocateDirect(Math.min(ZEROS, size));
            long written = 0;
            while (written < size) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += channel.write(zeros, written);
            }
            // not forced: the zeros only reserve the space (a store into the map can then never find the disk
            // full); the frames overwrite them in the page cache, and each force of the map (fdatasync semantics)
            // makes its range and the file's size durable. The new name is made durable now.
            syncDirectory(directory);
            return new Segment(index, path, size, channel, map(channel, size));
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /** An existing segment, mapped for writing (the one a restarted writer continues in). */
    static Segment open(Path path, long index) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < JournalFormat.MIN_SEGMENT_BYTES || size > Integer.MAX_VALUE) {
                throw new JournalFormatException(path + ": a segment of " + size + " bytes");
            }
            return new Segment(index, path, (int) size, channel, map(channel, (int) size));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static MappedByteBuffer map(FileChannel channel, int size) throws IOException {
        MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        map.order(ByteOrder.LITTLE_ENDIAN);
        return map;
    }

    /** Forces {@code [forced, to)} to disk. */
    void force(int to) {
        if (to > forced) {
            map.force(forced, to - forced);
            forced = to;
        }
    }

    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | RuntimeException e) {
            // not every file system lets a directory be synced; the file's own sync still holds
        }
    }

    /** Unmaps (the map must not be used afterwards) and closes the file. */
    @Override
    public void close() throws IOException {
        unmap(map);
        channel.close();
    }

    /** Releases a map now instead of at some garbage collection (HotSpot); silently left to the GC otherwise. */
    static void unmap(MappedByteBuffer map) {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Method invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
            invokeCleaner.invoke(f.get(null), map);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // left to the garbage collector
        }
    }
}
