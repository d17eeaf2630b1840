package dev.kiln.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    @Test
    void starAndQuestionMarkStayInsideOneSegment() {
        PathGlob glob = PathGlob.compile("usr/share/doc/*/copyright");
        assertThat(glob.matches("usr/share/doc/bash/copyright")).isTrue();
        assertThat(glob.matches("usr/share/doc/bash/x/copyright")).isFalse();
        assertThat(PathGlob.compile("file?.txt").matches("file1.txt")).isTrue();
        assertThat(PathGlob.compile("a?b").matches("a/b")).isFalse();
    }

    @Test
    void doubleStarSpansSegmentsAndAtASegmentStartAlsoNone() {
        PathGlob logs = PathGlob.compile("**/*.log");
        assertThat(logs.matches("a.log")).isTrue();
        assertThat(logs.matches("x/y/a.log")).isTrue();
        PathGlob below = PathGlob.compile("secrets/**");
        assertThat(below.matches("secrets/a/b")).isTrue();
        assertThat(below.matches("secretsx")).isFalse();
        assertThat(PathGlob.compile("a/**/b").matches("a/b")).isTrue();
        assertThat(PathGlob.compile("a/**/b").matches("a/x/y/b")).isTrue();
    }

    @Test
    void bracketClassesNegationAndEscapesAreLiteralWhereTheyShouldBe() {
        assertThat(PathGlob.compile("[a-c]*.bin").matches("b.bin")).isTrue();
        assertThat(PathGlob.compile("[!a-c]*.bin").matches("b.bin")).isFalse();
        assertThat(PathGlob.compile("[^a-c]*.bin").matches("d.bin")).isTrue();
        assertThat(PathGlob.compile("\\*star").matches("*star")).isTrue();
        assertThat(PathGlob.compile("\\*star").matches("xstar")).isFalse();
        assertThat(PathGlob.compile("x[\\d]").matches("xd")).as("an escaped letter in a class is the letter").isTrue();
        assertThat(PathGlob.compile("x[\\d]").matches("x1")).as("not a regex digit class").isFalse();
        assertThat(PathGlob.compile("a[b").matches("a[b")).as("an unclosed bracket is literal").isTrue();
        assertThat(PathGlob.compile("a.c").matches("abc")).as("regex metacharacters are literal").isFalse();
    }

    @Test
    void theLiteralPrefixEndsAtTheFirstSegmentWithAWildcardOrEscape() {
        assertThat(PathGlob.compile("home/*/.cache/pip").literalPrefix()).isEqualTo("home");
        assertThat(PathGlob.compile("var/cache/apt/*.bin").literalPrefix()).isEqualTo("var/cache/apt");
        assertThat(PathGlob.compile("usr/share/doc").literalPrefix()).isEqualTo("usr/share/doc");
        assertThat(PathGlob.compile("a/b\\*c/d").literalPrefix()).isEqualTo("a");
        assertThat(PathGlob.compile("**/x").literalPrefix()).isEmpty();
    }

    @Test
    void wildcardsAreFoundUnlessEscaped() {
        assertThat(PathGlob.hasWildcard("src/*.c")).isTrue();
        assertThat(PathGlob.hasWildcard("src/[ab].c")).isTrue();
        assertThat(PathGlob.hasWildcard("src/\\*.c")).isFalse();
        assertThat(PathGlob.hasWildcard("src/main.c")).isFalse();
    }

    @Test
    void shellPatternsLetWildcardsCrossSlashes() {
        assertThat(GlobRegex.compile("*/bin", GlobRegex.Scope.STRING).matcher("usr/local/bin").matches()).isTrue();
        assertThat(GlobRegex.compile("*/bin", GlobRegex.Scope.PATH).matcher("usr/local/bin").matches()).isFalse();
        assertThat(GlobRegex.compile("a?c", GlobRegex.Scope.STRING).matcher("a/c").matches()).isTrue();
        assertThat(GlobRegex.compile("[!x]yz", GlobRegex.Scope.STRING).matcher("ayz").matches()).isTrue();
    }
}
