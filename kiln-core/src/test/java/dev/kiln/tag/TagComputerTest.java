package dev.kiln.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TagComputerTest {

    /** 2026-03-04 05:06:07 UTC, seen from a zone far from UTC: the tag must still be UTC. */
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.ofHours(-9));

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("1.13.3", "7", false, Map.of(), "1.13.3-7", "--build"),
                Arguments.of("v1.13.3", null, false, Map.of("BUILD_NUMBER", "42"), "1.13.3-42", "$BUILD_NUMBER"),
                Arguments.of("2.0.0", null, false, Map.of("GITHUB_RUN_NUMBER", "118"), "2.0.0-118", "$GITHUB_RUN_NUMBER"),
                Arguments.of("2.0.0", null, false, Map.of("CI_PIPELINE_IID", "9", "CIRCLE_BUILD_NUM", "3"), "2.0.0-9",
                        "$CI_PIPELINE_IID"),
                Arguments.of("2.0.0", null, false, Map.of("BUILD_BUILDID", "5511"), "2.0.0-5511", "$BUILD_BUILDID"),
                Arguments.of("2.0.0", null, false, Map.of("CIRCLE_BUILD_NUM", "31"), "2.0.0-31", "$CIRCLE_BUILD_NUM"),
                Arguments.of("2.0.0", null, false, Map.of("BUILD_NUMBER", "1", "GITHUB_RUN_NUMBER", "2"), "2.0.0-1",
                        "$BUILD_NUMBER"),
                Arguments.of("2.0.0", "0012", false, Map.of("BUILD_NUMBER", "1"), "2.0.0-12", "--build"),
                Arguments.of("1.0.0", null, true, Map.of("BUILD_NUMBER", "1"), "1.0.0-20260304050607", "timestamp"),
                Arguments.of("1.0.0", null, false, Map.of(), "1.0.0-20260304050607", "timestamp"),
                Arguments.of("3.1.0-rc.1", "4", false, Map.of(), "3.1.0-rc.1.4", "--build"));
    }

    @ParameterizedTest(name = "{0} build={1} ts={2} env={3} -> {4}")
    @MethodSource("table")
    void computesSemverBuildTags(String version, String build, boolean timestamp, Map<String, String> env,
            String expected, String source) throws Exception {
        ComputedTag tag = new TagComputer(env, FIXED).compute(
                new TagRequest(Optional.of(version), Optional.empty(), Optional.ofNullable(build), timestamp));
        assertThat(tag.tag()).isEqualTo(expected);
        assertThat(tag.buildSource()).isEqualTo(source);
        assertThat(tag.tag()).doesNotContain("latest").matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    }

    @Test
    void badVersionsAndBuildNumbersAreBadInput() {
        TagComputer c = new TagComputer(Map.of("BUILD_NUMBER", "abc"), FIXED);
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.of("1.2"), Optional.empty(), Optional.of("1"), false)))
                .isInstanceOf(TagException.class).hasMessageContaining("'1.2' is not a semantic version");
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.of("01.2.3"), Optional.empty(), Optional.of("1"), false)))
                .isInstanceOf(TagException.class);
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.of("1.2.3"), Optional.empty(), Optional.empty(), false)))
                .isInstanceOf(TagException.class).hasMessageContaining("$BUILD_NUMBER is 'abc'");
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.of("1.2.3"), Optional.empty(), Optional.of("7"), true)))
                .isInstanceOf(TagException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.of("1.2.3+sha.5"), Optional.empty(), Optional.of("7"), false)))
                .isInstanceOf(TagException.class).hasMessageContaining("build metadata");
        assertThatThrownBy(() -> c.compute(new TagRequest(Optional.empty(), Optional.empty(), Optional.of("7"), false)))
                .isInstanceOf(TagException.class).hasMessageContaining("no version");
    }

    @Test
    void semverPrecedenceOrdersReleasesAbovePreReleases() throws Exception {
        assertThat(SemVer.parse("1.10.0")).isGreaterThan(SemVer.parse("1.9.9"));
        assertThat(SemVer.parse("1.0.0")).isGreaterThan(SemVer.parse("1.0.0-rc.2"));
        assertThat(SemVer.parse("1.0.0-rc.10")).isGreaterThan(SemVer.parse("1.0.0-rc.9"));
        assertThat(SemVer.parse("1.0.0-beta")).isGreaterThan(SemVer.parse("1.0.0-alpha.1"));
    }
}
