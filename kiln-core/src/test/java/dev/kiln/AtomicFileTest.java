package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every whole-file replacement kiln makes: one rename, attributes kept, nothing left behind. */
class AtomicFileTest {

    @TempDir
    Path dir;

    private String[] names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void rewriteKeepsPermissionsAndLeavesNothingBehind() throws Exception {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM a\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.write(f, "FROM b:1\n");
        assertThat(Files.readString(f)).isEqualTo("FROM b:1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        assertThat(names()).containsExactly("Dockerfile");
    }

    @Test
    void aSymlinkIsWrittenThroughAndStaysALink() throws Exception {
        Path real = dir.resolve("real.Dockerfile");
        Files.writeString(real, "FROM a\n");
        Path link = Files.createSymbolicLink(dir.resolve("Dockerfile"), real.getFileName());
        AtomicFile.write(link, "FROM b:1\n");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("FROM b:1\n");
        assertThat(names()).containsExactly("Dockerfile", "real.Dockerfile");
    }

    @Test
    void theOwnerIsKeptWhenRootRewritesAnotherUsersFile() throws Exception {
        Path f = dir.resolve("owned");
        Files.writeString(f, "old");
        try {
            Files.setAttribute(f, "unix:uid", 1234);
            Files.setAttribute(f, "unix:gid", 1234);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("needs root to chown: " + e.getMessage());
        }
        AtomicFile.write(f, "new");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(1234);
    }

    @Test
    void newFilesAreReadableAndPrivateOnesAreNot() throws Exception {
        Path plain = dir.resolve("sub/plain.json");
        AtomicFile.write(plain, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain))).isEqualTo("rw-r--r--");

        Path secret = dir.resolve("config.json");
        Files.writeString(secret, "{}");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-rw-rw-"));
        AtomicFile.writePrivate(secret, "{\"auths\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(secret)).isEqualTo("{\"auths\":{}}");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTempFile() throws Exception {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "old report");
        assertThatThrownBy(() -> AtomicFile.write(f, out -> {
            out.write("half a new rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("old report");
        assertThat(names()).containsExactly("report.html");
    }

    @Test
    void aStreamingWriterReturnsWhatItLearnt() throws Exception {
        Path f = dir.resolve("layer.tar");
        long written = AtomicFile.write(f, out -> {
            byte[] block = new byte[100_000];
            out.write(block);
            out.close(); // a writer closing the stream must not lose the sync
            return (long) block.length;
        });
        assertThat(written).isEqualTo(100_000L);
        assertThat(Files.size(f)).isEqualTo(100_000L);
    }

    @Test
    void errorsNameTheFileNotTheTempFile() {
        Path missingParent = dir.resolve("file-not-dir");
        assertThatThrownBy(() -> {
            Files.writeString(missingParent, "x");
            AtomicFile.write(missingParent.resolve("child"), "y");
        }).hasMessageContaining(missingParent.resolve("child").toString()).hasMessageNotContaining(".tmp");
    }
}
