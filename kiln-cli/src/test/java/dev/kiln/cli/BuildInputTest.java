package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.context.BuildException;
import dev.kiln.testing.ExternalCommand;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInputTest {

    @TempDir
    Path tmp;

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Path tarOf(String flags, String name) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /\n");
        Files.writeString(src.resolve("alt.Dockerfile"), "FROM scratch\n");
        Files.writeString(src.resolve("a.txt"), "a\n");
        Path tar = tmp.resolve(name);
        ExternalCommand.check(src, "tar", flags, tar.toString(), ".");
        return tar;
    }

    @Test
    void dashFileReadsTheDockerfileFromStdinAndKeepsTheContextDirectory() throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Path temp;
        try (BuildInput input = BuildInput.resolve(ctx.toString(), "-", stdin("FROM scratch\n"))) {
            assertThat(input.context()).isEqualTo(ctx);
            assertThat(input.dockerfile()).hasContent("FROM scratch").hasFileName("Dockerfile");
            temp = input.dockerfile().getParent();
        }
        assertThat(temp).doesNotExist();
    }

    @Test
    void dashContextWithAPlainDockerfileGivesAnEmptyContextWithoutTheDockerfileInIt() throws Exception {
        Path temp;
        try (BuildInput input = BuildInput.resolve("-", null, stdin("FROM scratch\nRUN true\n"))) {
            assertThat(input.context()).isEmptyDirectory();
            assertThat(input.dockerfile()).hasContent("FROM scratch\nRUN true").hasFileName("Dockerfile");
            assertThat(input.dockerfile().startsWith(input.context())).isFalse();
            temp = input.context().getParent();
        }
        assertThat(temp).doesNotExist();
    }

    @Test
    void dashContextUnpacksPlainAndGzipTarsWithTheirDockerfile() throws Exception {
        for (Path tar : new Path[] {tarOf("-cf", "ctx.tar"), tarOf("-czf", "ctx.tgz")}) {
            try (BuildInput input = BuildInput.resolve("-", null, Files.newInputStream(tar))) {
                assertThat(input.context().resolve("a.txt")).hasContent("a");
                assertThat(input.dockerfile()).isEqualTo(input.context().resolve("Dockerfile"));
            }
            try (BuildInput input = BuildInput.resolve("-", "alt.Dockerfile", Files.newInputStream(tar))) {
                assertThat(input.dockerfile()).isEqualTo(input.context().resolve("alt.Dockerfile"));
            }
        }
    }

    @Test
    void fileOutsideAStdinContextIsRejected() throws Exception {
        Path tar = tarOf("-cf", "ctx.tar");
        assertThatThrownBy(() -> BuildInput.resolve("-", "../etc/Dockerfile", Files.newInputStream(tar)))
                .isInstanceOf(BuildException.class).hasMessageContaining("inside it");
    }

    @Test
    void bothFromStdinEmptyStdinAndBzip2AreBadInput() throws Exception {
        assertThatThrownBy(() -> BuildInput.resolve("-", "-", stdin("FROM scratch\n")))
                .isInstanceOf(BuildException.class).hasMessageContaining("cannot both read standard input");
        assertThatThrownBy(() -> BuildInput.resolve("-", null, stdin("")))
                .isInstanceOf(BuildException.class).hasMessageContaining("standard input is empty");
        Path bz = tarOf("-cjf", "ctx.tar.bz2");
        assertThatThrownBy(() -> BuildInput.resolve("-", null, Files.newInputStream(bz)))
                .isInstanceOf(BuildException.class).hasMessageContaining("bzip2 or xz");
    }

    @Test
    void aMissingContextDirectoryIsNamed() {
        assertThatThrownBy(() -> BuildInput.resolve(tmp.resolve("nope").toString(), null, stdin("")))
                .isInstanceOf(BuildException.class).hasMessageContaining("nope is not a directory");
    }
}
