package dev.kiln.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.EntryPaths;
import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @Test
    void lastMatchingLineWinsAndExceptionsReinclude() {
        DockerIgnore ignore = DockerIgnore.parse("# comment\n*.md\n!README.md\n\n");
        assertThat(ignore.excludes("NOTES.md")).isTrue();
        assertThat(ignore.excludes("README.md")).isFalse();
        assertThat(ignore.excludes("docs/NOTES.md")).as("* does not cross /").isFalse();
        DockerIgnore reversed = DockerIgnore.parse("!README.md\n*.md\n");
        assertThat(reversed.excludes("README.md")).as("a later exclusion wins").isTrue();
    }

    @Test
    void aDirectoryPatternExcludesEverythingBelowIt() {
        DockerIgnore ignore = DockerIgnore.parse("build\n/node_modules/\n");
        assertThat(ignore.excludes("build")).isTrue();
        assertThat(ignore.excludes("build/classes/A.class")).isTrue();
        assertThat(ignore.excludes("node_modules/x/index.js")).as("leading and trailing slashes are cleaned").isTrue();
        assertThat(ignore.excludes("src/build")).as("patterns are anchored at the root").isFalse();
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectoriesIncludingNone() {
        DockerIgnore ignore = DockerIgnore.parse("**/*.log\nsecrets/**\n!secrets/public/**");
        assertThat(ignore.excludes("a.log")).isTrue();
        assertThat(ignore.excludes("x/y/z/a.log")).isTrue();
        assertThat(ignore.excludes("a.log.txt")).isFalse();
        assertThat(ignore.excludes("secrets/key")).isTrue();
        assertThat(ignore.excludes("secrets/public/cert.pem")).isFalse();
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @Test
    void questionMarksClassesAndEscapesFollowFilepathMatch() {
        DockerIgnore ignore = DockerIgnore.parse("file?.txt\n[a-c]*.bin\n\\!bang\n");
        assertThat(ignore.excludes("file1.txt")).isTrue();
        assertThat(ignore.excludes("file10.txt")).isFalse();
        assertThat(ignore.excludes("b.bin")).isTrue();
        assertThat(ignore.excludes("d.bin")).isFalse();
        assertThat(ignore.excludes("!bang")).isTrue();
    }

    @Test
    void dotSegmentsAreCleanedLikeGo() {
        assertThat(EntryPaths.clean("./a/../b//c/")).isEqualTo("b/c");
        assertThat(EntryPaths.clean("/")).isEmpty();
        assertThat(DockerIgnore.parse("./tmp/../cache").excludes("cache/x")).isTrue();
    }
}
