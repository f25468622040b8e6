package io.livestack.export.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportMarkTest {

    @TempDir
    Path dir;

    @Test
    void zeroWithoutAFileThenWhatWasSaved() throws Exception {
        ExportMark mark = new ExportMark(dir.resolve("a/b/mark"));
        assertThat(mark.load()).isZero();
        mark.save(123);
        mark.save(456);
        assertThat(new ExportMark(dir.resolve("a/b/mark")).load()).isEqualTo(456);
        assertThat(Files.list(dir.resolve("a/b"))).containsExactly(dir.resolve("a/b/mark"));
    }

    @Test
    void aDamagedMarkIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("mark");
        Files.writeString(file, "12x");
        assertThatThrownBy(() -> new ExportMark(file).load()).hasMessageContaining(file.toString());
    }
}
