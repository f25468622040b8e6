package io.livestack.export.kafka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where the export stands, kept in a local file: the seq of the last journal event whose records — and every earlier
 * event's — the broker acknowledged. Written whole to a temporary file, forced, then moved over the old one, so a
 * crash leaves the old mark or the new one. After a restart the export goes on after it; what it sends again that
 * the broker already had is found by the partitions' tails ({@link PartitionTails}).
 */
final class ExportMark {

    private final Path file;

    ExportMark(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The saved mark, 0 when there is none yet. */
    long load() {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            long mark = Long.parseLong(text);
            if (mark < 0) {
                throw new IllegalStateException("the export mark in " + file + " is negative: " + text);
            }
            return mark;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the export mark in " + file + " is not a seq: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("the export mark in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    void save(long mark) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var channel = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap((mark + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(false);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the export mark cannot be written to " + file + ": " + e.getMessage(), e);
        }
    }
}
