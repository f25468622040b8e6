package io.livestack.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code livestack:journal verify}: a copy of this session's journal (the files as they are now; a frame being written
 * is a torn tail, left out) is replayed by {@code bin/livestack-journal verify} in a process of its own — this
 * runtime is not touched — and its report returned. The copy and the report are deleted afterwards.
 */
final class JournalVerification {

    private JournalVerification() {
    }

    /** {@code options}: verify's own (--from, --to, --strategies, --speed, --config), checked by the command. */
    static String run(Path journal, List<String> options, int timeoutSeconds) throws IOException,
            InterruptedException {
        if (journal == null || !Files.isDirectory(journal)) {
            throw new IllegalStateException("this runtime has no journal to verify");
        }
        String home = System.getProperty("karaf.home");
        Path launcher = home == null ? null : Path.of(home, "bin", "livestack-journal");
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new IllegalStateException("bin/livestack-journal is not in this distribution (" + launcher + ")");
        }
        Path work = Files.createTempDirectory("livestack-journal-verify");
        try {
            Path copy = Files.createDirectories(work.resolve("journal"));
            try (Stream<Path> files = Files.list(journal)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
            List<String> command = new ArrayList<>(List.of(launcher.toString(), "verify", "--timeout",
                    Integer.toString(timeoutSeconds), "--report", work.resolve("report.txt").toString()));
            command.addAll(options);
            command.add(copy.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("out.txt").toFile());
            pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds + 90L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the verification did not end within " + timeoutSeconds + " s");
            }
            Path report = work.resolve("report.txt");
            if (!Files.isRegularFile(report)) {
                throw new IllegalStateException("the verification made no report: "
                        + Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8).trim());
            }
            return Files.readString(report, StandardCharsets.UTF_8).trim();
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
