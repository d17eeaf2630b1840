package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.store.Store;
import dev.kiln.testing.UnsafeTars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A file that is not a (safe) tar: every command that reads one names the file, exit 2, nothing kept. */
class NotATarTest {

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Path text;
    private Path noise;
    private Path empty;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        text = Files.writeString(dir.resolve("notar.txt"), "just some text\n");
        byte[] bytes = new byte[4096];
        new Random(5).nextBytes(bytes);
        noise = Files.write(dir.resolve("noise.bin"), bytes);
        empty = Files.write(dir.resolve("empty.tar"), new byte[0]);
    }

    private static void assertNamed(KilnRun.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).isEqualTo(1);
        assertThat(result.err()).contains("kiln: error: " + message).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "import   | notar.txt | truncated tar header at offset 0",
        "import   | noise.bin | not a tar header at offset 0",
        "list     | notar.txt | truncated tar header at offset 0",
        "verify   | noise.bin | not a tar header at offset 0",
        "extract  | noise.bin | not a tar header at offset 0",
    })
    void aFileThatIsNoTarIsNamed(String command, String file, String problem) throws Exception {
        Path path = dir.resolve(file);
        KilnRun.Result result = switch (command) {
            case "import" -> kiln.run("import", path.toString(), "-t", "x:1");
            case "extract" -> kiln.run("layer", "extract", path.toString(), dir.resolve("ex").toString());
            default -> kiln.run("layer", command, path.toString());
        };
        assertNamed(result, path + ": " + problem);
        assertThat(dir.resolve("ex")).doesNotExist();
        if (command.equals("import")) {
            assertThat(result.err()).contains("nothing was imported");
            assertThat(Store.open(dir.resolve("home")).images()).isEmpty();
        }
    }

    @Test
    void anEmptyFileIsNoRootFilesystem() throws Exception {
        assertNamed(kiln.run("import", empty.toString(), "-t", "x:1"), empty + ": empty file, not a tar archive");
        assertThat(Store.open(dir.resolve("home")).images()).isEmpty();
    }

    @Test
    void anUnsafeEntryIsNamedWithItsArchiveByLayerExtract() throws Exception {
        Path tar = dir.resolve("dotdot.tar");
        UnsafeTars.Case unsafe = UnsafeTars.pathTraversal(tar);
        Path target = dir.resolve("ex");
        assertNamed(kiln.run("layer", "extract", tar.toString(), target.toString()),
                tar + ": unsafe archive entry '" + unsafe.blamedEntry() + "'");
        assertThat(target).doesNotExist();
    }
}
