package io.livestack.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which files of a distribution hold a given byte sequence (a secret that must appear nowhere). */
public final class FileScan {

    private FileScan() {
    }

    /**
     * Every regular file under {@code root} whose bytes contain {@code needle}, relative to root; {@code except}
     * (may be null) and the shipped code ({@code system/}, {@code lib/}) are skipped.
     */
    public static List<String> filesContaining(Path root, byte[] needle, Path except) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (f.equals(except) || f.startsWith(root.resolve("system")) || f.startsWith(root.resolve("lib"))) {
                    continue;
                }
                try {
                    if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                        found.add(root.relativize(f).toString());
                    }
                } catch (IOException goneMeanwhile) {
                    // a log rolled or a temporary file removed while walking
                }
            }
        }
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
