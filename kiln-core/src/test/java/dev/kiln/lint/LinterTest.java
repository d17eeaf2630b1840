package dev.kiln.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.lint.rules.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings and pragmas decide which findings are reported, at which level, and what fails. */
class LinterTest {

    private static final String TWO_RUNS = "FROM debian:12.5-slim\nRUN apt-get install -y --no-install-recommends curl\n"
            + "RUN apt-get install -y --no-install-recommends wget\nUSER 10001\n";

    private static List<String> codes(String dockerfile, LintConfig config) throws Exception {
        return lint(dockerfile, config).findings().stream().map(f -> f.code() + "@" + f.line()).toList();
    }

    private static LintResult lint(String dockerfile, LintConfig config) throws Exception {
        return new Linter(Rules.all(), config).lint(DockerfileParser.parse("Dockerfile", dockerfile));
    }

    @Test
    void findingsComeInSourceOrder() throws Exception {
        assertThat(codes(TWO_RUNS, LintConfig.DEFAULT)).containsExactly("DL3008@2", "DL3059@3", "DL3008@3");
    }

    @Test
    void inlinePragmaSilencesOnlyTheNextInstruction() throws Exception {
        String text = TWO_RUNS.replace("RUN apt-get install -y --no-install-recommends curl",
                "# hadolint ignore=DL3008,DL3059 # we track the archive\nRUN apt-get install -y --no-install-recommends curl");
        assertThat(codes(text, LintConfig.DEFAULT)).containsExactly("DL3059@4", "DL3008@4");
        String kiln = TWO_RUNS.replace("RUN apt-get install -y --no-install-recommends wget",
                "# kiln ignore=DL3059\nRUN apt-get install -y --no-install-recommends wget");
        assertThat(codes(kiln, LintConfig.DEFAULT)).containsExactly("DL3008@2", "DL3008@4");
    }

    @Test
    void globalPragmaSilencesTheWholeFileAndDisableIgnorePragmaOnlyTheInlineOnes() throws Exception {
        String text = "# hadolint global ignore=DL3008\n" + TWO_RUNS.replace("RUN apt-get install -y --no-install-recommends wget",
                "# hadolint ignore=DL3059\nRUN apt-get install -y --no-install-recommends wget");
        assertThat(codes(text, LintConfig.DEFAULT)).isEmpty();
        LintConfig strict = LintConfig.builder().disableIgnorePragma(true).build();
        assertThat(codes(text, strict)).containsExactly("DL3059@5");
        assertThat(codes("# kiln global ignore=DL3008,DL3059\n" + TWO_RUNS, LintConfig.DEFAULT)).isEmpty();
    }

    @Test
    void ignoredRulesAndOverridesApply() throws Exception {
        LintConfig config = LintConfig.builder().ignore("DL3059").override("DL3008", Level.ERROR).build();
        LintResult r = lint(TWO_RUNS, config);
        assertThat(r.findings()).extracting(Finding::code).containsOnly("DL3008");
        assertThat(r.findings()).extracting(Finding::level).containsOnly(Level.ERROR);
        LintConfig off = LintConfig.builder().override("DL3008", Level.IGNORE).build();
        assertThat(codes(TWO_RUNS, off)).containsExactly("DL3059@3");
        LintConfig on = LintConfig.builder().override("DL3057", Level.WARNING).build();
        assertThat(codes(TWO_RUNS, on)).contains("DL3057@1");
    }

    @Test
    void thresholdDecidesWhatFails() throws Exception {
        LintResult r = lint(TWO_RUNS, LintConfig.DEFAULT); // warnings and an info
        assertThat(r.worst()).contains(Level.WARNING);
        assertThat(r.fails(Threshold.of("warning").orElseThrow())).isTrue();
        assertThat(r.fails(Threshold.of("error").orElseThrow())).isFalse();
        assertThat(r.fails(Threshold.NONE)).isFalse();
        assertThat(r.fails(Threshold.DEFAULT)).isTrue();
        LintResult styleOnly = lint("FROM debian:12.5-slim\nLABEL Bad=1\nUSER 1\n", LintConfig.DEFAULT);
        assertThat(styleOnly.worst()).contains(Level.STYLE);
        assertThat(styleOnly.fails(Threshold.DEFAULT)).as("style is below the default threshold, info").isFalse();
        assertThat(styleOnly.fails(Threshold.of("style").orElseThrow())).isTrue();
    }

    @Test
    void powershellPragmaAndWindowsImagesTurnShellRulesOff() throws Exception {
        String pragma = "FROM debian:12.5-slim\n# hadolint shell=powershell\nRUN cd x; apt-get install curl\nUSER 1\n";
        assertThat(codes(pragma, LintConfig.DEFAULT)).isEmpty();
        String windows = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN cd x; apt-get install curl\n";
        assertThat(codes(windows, LintConfig.DEFAULT)).noneMatch(c -> c.startsWith("DL3003") || c.startsWith("DL3008"));
    }
}
