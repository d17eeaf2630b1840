package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A directory where a file belongs (or bytes that are not UTF-8) is bad input: exit 2 and one error
 * line naming the path the user gave, refused before any work, never a temp file's name.
 */
class PathMistakesTest {

    @TempDir
    Path dir;
    private KilnRun kiln;
    private Path folder;

    @BeforeEach
    void setUp() throws Exception {
        kiln = new KilnRun(dir.resolve("home"));
        Files.createDirectories(dir.resolve("rootfs/etc"));
        Files.writeString(dir.resolve("rootfs/etc/hostname"), "kiln\n");
        Files.createDirectories(dir.resolve("ctx"));
        folder = Files.createDirectories(dir.resolve("d"));
    }

    private void assertNamesPath(KilnRun.Result result, String message) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.errorLines()).as(result.err()).isEqualTo(1);
        assertThat(result.err()).contains("kiln: error: " + message)
                .doesNotContain("\tat ").doesNotContain(".tmp").doesNotContain(".partial");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no debris beside the target")
                    .allMatch(n -> !n.startsWith("."));
        }
        try (Stream<Path> inside = Files.list(folder)) {
            assertThat(inside).as("the directory is untouched").isEmpty();
        }
    }

    static Stream<Arguments> directoryAsInput() {
        return Stream.of(
                Arguments.of("parse %d", "%d: is a directory, not a Dockerfile"),
                Arguments.of("build -f %d %ctx", "%d is a directory, not a Dockerfile"),
                Arguments.of("inspect docker-archive:%d", "%d: is a directory, not an archive"),
                Arguments.of("inspect oci-archive:%d", "%d: is a directory, not an archive"),
                Arguments.of("layer list %d", "%d: is a directory, not a file"),
                Arguments.of("layer verify %d", "%d: is a directory, not a file"),
                Arguments.of("layer extract %d %ex", "%d: is a directory, not a file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directoryAsInput")
    void aDirectoryWhereAFileIsReadIsBadInputNamingIt(String command, String message) throws Exception {
        assertNamesPath(kiln.run(args(command)), expand(message));
        assertThat(dir.resolve("ex")).doesNotExist();
    }

    static Stream<Arguments> directoryAsOutput() {
        return Stream.of(
                Arguments.of("export x:1 --output docker-archive:%d", "%d: is a directory; name the archive file to write"),
                Arguments.of("export x:1 --output oci-archive:%d", "%d: is a directory; name the archive file to write"),
                Arguments.of("squash x:1 --all --output docker-archive:%d", "%d: is a directory; name the archive file to write"),
                Arguments.of("analyze x:1 --html %d", "%d: is a directory; name the file to write"),
                Arguments.of("layer create %rootfs -o %d", "%d: is a directory; name the file to write"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directoryAsOutput")
    void aDirectoryAsTheOutputFileIsRefusedBeforeAnyWorkNamingIt(String command, String message) throws Exception {
        assertThat(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "x:1").exitCode()).isZero();
        KilnRun.Result result = kiln.run(args(command));
        assertNamesPath(result, expand(message));
        assertThat(result.err()).as("refused before any work").doesNotContain("started");
    }

    @Test
    void aDockerfileThatIsNotUtf8BuildsLikeLintAndParseReadIt() throws Exception {
        assertThat(kiln.run("import", dir.resolve("rootfs").toString(), "-t", "x:1").exitCode()).isZero();
        Path file = dir.resolve("n.Dockerfile");
        Files.write(file, new byte[] {'F', 'R', 'O', 'M', ' ', 'x', ':', '1', '\n',
            'L', 'A', 'B', 'E', 'L', ' ', 'a', '=', (byte) 0xff, '\n'});
        Files.write(dir.resolve("ctx/.dockerignore"), new byte[] {'*', '.', (byte) 0xfe, '\n'});
        KilnRun.Result build = kiln.run("build", "-f", file.toString(), dir.resolve("ctx").toString(), "-t", "n:1");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(kiln.run("parse", file.toString()).exitCode()).isZero();
        // BuildKit keeps the bytes and Go's JSON encoder writes them as U+FFFD; so does kiln
        assertThat(kiln.run("inspect", "n:1", "--format", "json").out()).contains("\"a\": \"\ufffd\"");
    }

    private String expand(String text) {
        return text.replace("%d", folder.toString()).replace("%ctx", dir.resolve("ctx").toString())
                .replace("%ex", dir.resolve("ex").toString()).replace("%rootfs", dir.resolve("rootfs").toString());
    }

    private String[] args(String command) {
        return expand(command).split(" ");
    }
}
