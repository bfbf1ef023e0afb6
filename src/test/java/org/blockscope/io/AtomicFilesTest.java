package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failingContentLeavesTheOldFileAndNoTemporary() throws Exception {
        Path file = dir.resolve("a.ckpt");
        AtomicFiles.replace(file, out -> out.write("old".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> AtomicFiles.replace(file, out -> {
                    out.write(new byte[100_000]);
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(names()).containsExactly("a.ckpt");
    }

    @Test
    void staleTemporariesOfAKilledWriterAreRemovedByTheNextSave() throws Exception {
        Path file = dir.resolve("a.ckpt");
        Files.write(dir.resolve(".a.ckpt.0123456789abcdef.tmp"), new byte[1000]);
        Files.write(dir.resolve("a.ckpt.tmp"), new byte[10]); // earlier versions' name
        Files.write(dir.resolve(".b.ckpt.0123456789abcdef.tmp"), new byte[10]); // another file's: kept
        Files.write(dir.resolve(".a.ckpt.notours.tmp"), new byte[10]); // not our pattern: kept

        AtomicFiles.replace(file, out -> out.write(1));

        assertThat(names()).containsExactly(".a.ckpt.notours.tmp", ".b.ckpt.0123456789abcdef.tmp", "a.ckpt");
    }

    @Test
    void temporaryStillLockedByALiveWriterIsLeftAlone() throws Exception {
        Path busy = Files.write(dir.resolve(".a.ckpt.00000000000000ff.tmp"), new byte[10]);
        // a lock held by this process stands for another writer: it must not be deleted
        try (FileChannel c = FileChannel.open(busy, StandardOpenOption.WRITE);
                var lock = c.lock()) {
            assertThat(AtomicFiles.removeStaleTemporaries(dir, "a.ckpt")).isZero();
            assertThat(busy).exists();
        }
        assertThat(AtomicFiles.removeStaleTemporaries(dir, "a.ckpt")).isEqualTo(1);
        assertThat(busy).doesNotExist();
    }
}
