package dev.kiln.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.oci.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashesTest {

    @TempDir
    Path tmp;

    private static String hex(String text) {
        return Digest.sha256(text).encoded();
    }

    @Test
    void anUnchangedFileIsNotReadAgainEvenByTheNextBuild() throws Exception {
        Path file = tmp.resolve("a.txt");
        Files.writeString(file, "aaaa");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(file, old);
        FileHashes hashes = new FileHashes(tmp.resolve("meta/file-hashes"));
        assertThat(hashes.sha256(file)).isEqualTo(hex("aaaa"));
        hashes.save();

        // same size, same mtime, same inode: only a cache answers with the old hash
        Files.writeString(file, "bbbb");
        Files.setLastModifiedTime(file, old);
        assertThat(new FileHashes(tmp.resolve("meta/file-hashes")).sha256(file)).isEqualTo(hex("aaaa"));

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        assertThat(new FileHashes(tmp.resolve("meta/file-hashes")).sha256(file)).as("a touched file is read")
                .isEqualTo(hex("bbbb"));
    }

    @Test
    void aFileChangedInTheSameTickAsItsHashingIsAlwaysHashedAgain() throws Exception {
        Path file = tmp.resolve("racy.txt");
        Files.writeString(file, "1111");
        FileHashes hashes = new FileHashes(tmp.resolve("file-hashes"));
        assertThat(hashes.sha256(file)).isEqualTo(hex("1111"));
        FileTime mtime = Files.getLastModifiedTime(file);
        Files.writeString(file, "2222");
        Files.setLastModifiedTime(file, mtime);
        assertThat(hashes.sha256(file)).isEqualTo(hex("2222"));
    }
}
