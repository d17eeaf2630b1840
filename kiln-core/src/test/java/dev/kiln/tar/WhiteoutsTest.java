package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WhiteoutsTest {

    @Test
    void classifiesByTheLastComponentOnly() {
        assertThat(Whiteouts.classify("a/.wh.b")).isEqualTo(Whiteout.FILE);
        assertThat(Whiteouts.classify(".wh.top")).isEqualTo(Whiteout.FILE);
        assertThat(Whiteouts.classify("a/.wh..wh..opq")).isEqualTo(Whiteout.OPAQUE);
        assertThat(Whiteouts.classify(".wh..wh..opq")).isEqualTo(Whiteout.OPAQUE);
        assertThat(Whiteouts.classify(".wh.dir/file")).isEqualTo(Whiteout.NONE);
        assertThat(Whiteouts.classify("a/b.wh.c")).isEqualTo(Whiteout.NONE);
    }

    @Test
    void targetsAreTheDeletedPathOrTheOpaqueDirectory() {
        assertThat(Whiteouts.target("a/b/.wh.c")).isEqualTo("a/b/c");
        assertThat(Whiteouts.target(".wh.c")).isEqualTo("c");
        assertThat(Whiteouts.target("a/.wh..wh..opq")).isEqualTo("a");
        assertThat(Whiteouts.target(".wh..wh..opq")).isEmpty();
        assertThat(Whiteouts.target("a/plain")).isEqualTo("a/plain");
    }

    @Test
    void pathsForWritingWhiteoutsRoundTrip() {
        assertThat(Whiteouts.whiteoutPath("usr/share/doc")).isEqualTo("usr/share/.wh.doc");
        assertThat(Whiteouts.target(Whiteouts.whiteoutPath("usr/share/doc"))).isEqualTo("usr/share/doc");
        assertThat(Whiteouts.opaquePath("var/cache")).isEqualTo("var/cache/.wh..wh..opq");
        assertThat(Whiteouts.opaquePath("")).isEqualTo(".wh..wh..opq");
        assertThatThrownBy(() -> Whiteouts.whiteoutPath("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entryPathsAreNormalisedButDotDotIsKeptForValidators() {
        assertThat(EntryPaths.normalise("./etc/passwd")).isEqualTo("etc/passwd");
        assertThat(EntryPaths.normalise("/abs//x/./y/")).isEqualTo("abs/x/y");
        assertThat(EntryPaths.normalise("./")).isEmpty();
        assertThat(EntryPaths.normalise("../../etc/x")).isEqualTo("../../etc/x");
        assertThat(EntryPaths.resolveDots("../../etc/x")).isNull();
        assertThat(EntryPaths.resolveDots("a/../../x")).isNull();
        assertThat(EntryPaths.resolveDots("a/b/../c")).isEqualTo("a/c");
        assertThat(EntryPaths.resolveDots("a/..")).isEmpty();
    }
}
