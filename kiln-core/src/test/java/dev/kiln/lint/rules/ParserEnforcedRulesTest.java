package dev.kiln.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * hadolint's DL3024 (duplicate stage names), DL3043 (ONBUILD ONBUILD / FROM / MAINTAINER) and DL3061
 * (an instruction before FROM) describe files BuildKit refuses to build: kiln's parser rejects them
 * with a located error (exit 2) instead of reporting a finding.
 */
class ParserEnforcedRulesTest {

    @ParameterizedTest(name = "rejected at line {1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "FROM a:1 AS build\\nFROM b:1 AS build\\nRUN true|2|duplicate stage name",
        "FROM a:1 AS x\\nFROM b:1 AS X\\nRUN true|2|duplicate stage name",
        "FROM a:1 AS x\\nRUN true\\nFROM c:1 AS y\\nFROM d:1 AS x|4|duplicate stage name",
        "FROM a:1\\nONBUILD ONBUILD RUN x|2|ONBUILD ONBUILD",
        "FROM a:1\\nONBUILD FROM b:1|2|FROM isn't allowed",
        "FROM a:1\\nONBUILD MAINTAINER me|2|MAINTAINER isn't allowed",
        "RUN true\\nFROM a:1|1|before the first FROM",
        "LABEL a=b\\nFROM a:1|1|before the first FROM",
        "# comment\\nENV A=1\\nFROM a:1|2|before the first FROM"})
    void buildkitRejectsWhatHadolintOnlyWarnsAbout(String text, int line, String detail) {
        String dockerfile = text.replace("\\n", "\n");
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", dockerfile))
                .isInstanceOf(DockerfileParseException.class)
                .satisfies(e -> {
                    DockerfileParseException p = (DockerfileParseException) e;
                    assertThat(p.range().startLine()).isEqualTo(line);
                    assertThat(p.getMessage()).startsWith("Dockerfile:" + line + ":").containsIgnoringCase(detail);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "FROM a:1 AS build\nFROM b:1 AS run\nRUN true",
        "ARG V=1\nFROM a:${V}\nRUN true",
        "# syntax=docker/dockerfile:1\n# comment\nFROM a:1",
        "FROM a:1\nONBUILD RUN make",
        "FROM a:1\nONBUILD COPY . /src"})
    void wellFormedFilesParse(String dockerfile) throws Exception {
        assertThat(DockerfileParser.parse("Dockerfile", dockerfile).stages()).isNotEmpty();
    }
}
