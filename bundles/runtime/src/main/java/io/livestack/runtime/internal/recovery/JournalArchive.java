package io.livestack.runtime.internal.recovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moves a journal directory aside, next to it, so that a new one can begin; nothing is deleted. */
final class JournalArchive {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private JournalArchive() {
    }

    /** Renames {@code directory} to {@code <name>-set-aside-<time>}; returns the new path. */
    static Path moveAside(Path directory) throws IOException {
        Path target = directory.resolveSibling(directory.getFileName() + "-set-aside-" + LocalDateTime.now().format(STAMP));
        for (int i = 1; Files.exists(target); i++) {
            target = directory.resolveSibling(directory.getFileName() + "-set-aside-" + LocalDateTime.now().format(STAMP)
                    + "-" + i);
        }
        if (Files.exists(directory)) {
            Files.move(directory, target);
        }
        return target;
    }
}
