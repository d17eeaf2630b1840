package dev.kiln.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            linux/amd64,        linux/amd64
            linux/x86_64,       linux/amd64
            linux/x86-64,       linux/amd64
            Linux/AMD64,        linux/amd64
            linux/aarch64,      linux/arm64
            linux/arm64/v8,     linux/arm64
            linux/arm64/8,      linux/arm64
            linux/arm64/v9,     linux/arm64/v9
            linux/arm,          linux/arm/v7
            linux/armhf,        linux/arm/v7
            linux/armel,        linux/arm/v5
            linux/armv6l,       linux/arm/v6
            linux/arm/6,        linux/arm/v6
            linux/i686,         linux/386
            linux/ppc64el,      linux/ppc64le
            amd64,              linux/amd64
            macos/arm64,        darwin/arm64
            """)
    void normalisationSpellsPlatformsTheWayRegistriesDo(String text, String normalised) {
        assertThat(Platform.parse(text).normalized()).hasToString(normalised);
        assertThat(Platform.parse(text).sameAs(Platform.parse(normalised))).isTrue();
    }

    @ParameterizedTest(name = "{0} wants {1}: {2}")
    @CsvSource(textBlock = """
            linux/amd64,     linux/amd64,     true
            linux/amd64,     linux/arm64,     false
            linux/amd64,     windows/amd64,   false
            linux/arm64,     linux/arm64/v8,  true
            linux/arm64/v8,  linux/arm64,     true
            linux/aarch64,   linux/arm64/v8,  true
            linux/arm/v7,    linux/arm/v6,    true
            linux/arm/v7,    linux/arm/v5,    true
            linux/arm/v6,    linux/arm/v7,    false
            linux/arm,       linux/arm/v6,    true
            linux/arm64/v9,  linux/arm64/v8,  true
            linux/arm64/v8,  linux/arm64/v9,  false
            """)
    void matchingAcceptsCompatibleVariants(String wanted, String offered, boolean matches) {
        assertThat(Platform.parse(wanted).matches(Platform.parse(offered))).isEqualTo(matches);
    }

    @Test
    void osVersionMustPrefixTheOfferedBuildWhenWanted() {
        Platform wanted = new Platform("windows", "amd64", null, "10.0.17763", List.of());
        assertThat(wanted.matches(new Platform("windows", "amd64", null, "10.0.17763.5329", List.of()))).isTrue();
        assertThat(wanted.matches(new Platform("windows", "amd64", null, "10.0.20348.2227", List.of()))).isFalse();
        assertThat(wanted.matches(new Platform("windows", "amd64", null, "10.0.177630", List.of()))).isFalse();
        assertThat(Platform.parse("windows/amd64").matches(new Platform("windows", "amd64", null, "10.0.1", List.of())))
                .isTrue();
    }

    @Test
    void theRecordKeepsWhatWasWrittenSoIndexesRoundTrip() {
        Platform platform = Platform.parse("linux/arm64/v8");
        assertThat(platform.variant()).isEqualTo("v8");
        assertThat(platform.normalized().variant()).isNull();
    }

    @Test
    void hostPlatformIsNormalisedLinux() {
        assertThat(Platform.host().os()).isEqualTo("linux");
        assertThat(Platform.host().architecture()).isIn("amd64", "arm64", "386", "arm", "ppc64le", "s390x", "riscv64");
    }

    @ParameterizedTest
    @CsvSource({"''", "linux/", "/amd64", "linux/amd64/v8/x", "linux/am d64"})
    void malformedPlatformsAreRejectedNamingTheText(String text) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"bogus, architecture 'bogus'", "linux/amd46, architecture 'amd46'", "lnux/amd64, operating system 'lnux'",
            "bogus/x86_64/v2, operating system 'bogus'"})
    void unknownOsOrArchitectureWordsAreRejectedNamingTheWord(String text, String named) {
        assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown " + named);
    }
}
