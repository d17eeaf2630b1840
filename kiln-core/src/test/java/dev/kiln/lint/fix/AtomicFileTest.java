package dev.kiln.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln fix --write replaces the file in one rename and leaves no temporary files. */
class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void rewriteKeepsPermissionsAndLeavesNothingBehind() throws Exception {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM a\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(f, "FROM b:1\n");
        assertThat(Files.readString(f)).isEqualTo("FROM b:1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("Dockerfile");
        }
    }
}
