package dev.kiln.analysis.gate;

import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.text;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.StackedImage;
import dev.kiln.analysis.findings.Finding;
import dev.kiln.analysis.findings.FindingContext;
import dev.kiln.analysis.findings.Findings;
import dev.kiln.oci.ContainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateTest {

    @TempDir
    Path dir;

    /** 600 bytes wasted by dive's count over 1000 user bytes; 500 reclaimable by kiln's; runs as root. */
    static ImageAnalysis analysis;
    static List<Finding> findings;

    @BeforeAll
    static void analyse() throws Exception {
        analysis = StackedImage.builder()
                .layer("FROM base", file("base", 10_000))
                .layer("RUN build", file("out", 500, 1), file("keep", 400))
                .layer("RUN strip", file("out", 100, 2))
                .config(ContainerConfig.builder().user("app").entrypoint(List.of("tini", "--", "/keep")).build())
                .analyze();
        findings = Findings.detect(analysis, FindingContext.tagged("1.0.0-1"));
        assertThat(analysis.dive().wastedBytes()).isEqualTo(600);
        assertThat(analysis.dive().userSizeBytes()).isEqualTo(1000);
        assertThat(analysis.totals().reclaimableBytes()).isEqualTo(500);
    }

    private List<RuleResult> run(String diveCi, String kilnYaml) throws Exception {
        Path dive = dir.resolve(".dive-ci");
        Path kiln = dir.resolve(".kiln.yaml");
        if (diveCi != null) {
            Files.writeString(dive, diveCi);
        }
        if (kilnYaml != null) {
            Files.writeString(kiln, kilnYaml);
        }
        return Gate.evaluate(GateRules.load(dive, kiln), analysis, findings).results();
    }

    private static RuleResult.Status status(List<RuleResult> results, String rule) {
        return results.stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow().status();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "highestWastedBytes: 20MB   | PASS",
            "highestWastedBytes: 600    | PASS",
            "highestWastedBytes: 599    | FAIL",
            "highestWastedBytes: 0.5KB  | FAIL",
            "highestWastedBytes: 1KiB   | PASS",
            "highestWastedBytes: \"1,000\" | PASS",
            "highestWastedBytes: disabled | SKIP",
            "highestUserWastedPercent: 0.6 | PASS",
            "highestUserWastedPercent: 0.59 | FAIL",
            "highestUserWastedPercent: 60% | PASS",
            "highestUserWastedPercent: off | SKIP",
    })
    void diveCiValuesAreReadAsDiveReadsThem(String rule, String expected) throws Exception {
        List<RuleResult> results = run("rules:\n  " + rule + "\n", null);
        String key = rule.substring(0, rule.indexOf(':')).strip();
        assertThat(status(results, key)).isEqualTo(RuleResult.Status.valueOf(expected));
    }

    @Test
    void rulesMissingFromDiveCiTakeDivesDefaults() throws Exception {
        List<RuleResult> results = run("rules:\n  lowestEfficiency: 0.1\n", null);
        assertThat(results).extracting(RuleResult::rule).containsExactly("lowestEfficiency", "highestWastedBytes",
                "highestUserWastedPercent");
        // the default highestUserWastedPercent of 0.1 fails at 0.6
        assertThat(status(results, "highestUserWastedPercent")).isEqualTo(RuleResult.Status.FAIL);
        assertThat(results.get(2).source()).isEqualTo("dive default");
        assertThat(status(results, "highestWastedBytes")).isEqualTo(RuleResult.Status.SKIP);
    }

    @Test
    void withoutAnyFileDivesDefaultsApply() throws Exception {
        Gate.GateResult result = Gate.evaluate(GateRules.load(dir.resolve("none"), dir.resolve("none.yaml")), analysis,
                findings);
        assertThat(result.results()).hasSize(3);
        assertThat(result.passed()).isFalse();
    }

    @Test
    void kilnRulesUseKilnFiguresAndFindings() throws Exception {
        List<RuleResult> results = run(null, """
                registries:
                  mirrors: {}
                analyze:
                  maxReclaimableBytes: 499
                  max-reclaimable-percent: 5%
                  forbidRoot: true
                  requireInit: true
                  forbidSecrets: true
                  maxImageSize: 1MB
                """);
        assertThat(results).extracting(RuleResult::rule).containsExactly("maxReclaimableBytes",
                "max-reclaimable-percent", "forbidRoot", "requireInit", "forbidSecrets", "maxImageSize");
        assertThat(status(results, "maxReclaimableBytes")).isEqualTo(RuleResult.Status.FAIL);
        assertThat(status(results, "max-reclaimable-percent")).isEqualTo(RuleResult.Status.PASS); // 500 of 11000
        assertThat(status(results, "forbidRoot")).isEqualTo(RuleResult.Status.PASS);
        assertThat(status(results, "requireInit")).isEqualTo(RuleResult.Status.PASS);
        assertThat(status(results, "forbidSecrets")).isEqualTo(RuleResult.Status.PASS);
        assertThat(status(results, "maxImageSize")).isEqualTo(RuleResult.Status.PASS);
        assertThat(results.get(0).source()).isEqualTo(".kiln.yaml:4");
        assertThat(results.get(0).message()).contains("500 bytes > 499");
    }

    @Test
    void forbiddenSecretFailsNamingThePathAndLayer() throws Exception {
        ImageAnalysis leaky = StackedImage.builder()
                .layer("COPY . /app", text("app/.env", "API_TOKEN=abcdefgh12345\n"))
                .layer("RUN rm /app/.env", whiteout("app/.env"))
                .analyze();
        Path kiln = dir.resolve(".kiln.yaml");
        Files.writeString(kiln, "analyze:\n  forbidSecrets: yes\n");
        Gate.GateResult result = Gate.evaluate(GateRules.load(null, kiln), leaky,
                Findings.detect(leaky, FindingContext.tagged("1")));
        assertThat(result.passed()).isFalse();
        assertThat(result.results().get(0).message()).isEqualTo("/app/.env (layer 0)");
    }

    @Test
    void badValuesNameTheFileLineAndRule() throws Exception {
        Files.writeString(dir.resolve(".dive-ci"), "rules:\n  lowestEfficiency: 0.9\n  highestWastedBytes: lots\n");
        assertThatThrownBy(() -> GateRules.load(dir.resolve(".dive-ci"), null))
                .isInstanceOf(GateConfigException.class)
                .hasMessage(dir.resolve(".dive-ci") + ":3: highestWastedBytes: expected a size such as 20MB, 1.5GiB or "
                        + "500000, got \"lots\"");
        Files.writeString(dir.resolve(".kiln.yaml"), "analyze:\n  maxReclaimablePercent: 1.5\n");
        assertThatThrownBy(() -> GateRules.load(null, dir.resolve(".kiln.yaml")))
                .hasMessageStartingWith(dir.resolve(".kiln.yaml") + ":2: maxReclaimablePercent: expected a ratio");
        Files.writeString(dir.resolve(".kiln.yaml"), "analyze:\n  maxWaste: 1\n");
        assertThatThrownBy(() -> GateRules.load(null, dir.resolve(".kiln.yaml")))
                .hasMessageContaining(":2: unknown rule \"maxWaste\"");
        Files.writeString(dir.resolve(".kiln.yaml"), "analyze: [\n");
        assertThatThrownBy(() -> GateRules.load(null, dir.resolve(".kiln.yaml")))
                .isInstanceOf(GateConfigException.class).hasMessageContaining(".kiln.yaml:");
    }

    @Test
    void byteSizesFollowDivesUnits() {
        assertThat(Thresholds.bytes("20MB")).isEqualTo(20_000_000);
        assertThat(Thresholds.bytes("20 mb")).isEqualTo(20_000_000);
        assertThat(Thresholds.bytes("1.5GiB")).isEqualTo(1_610_612_736L);
        assertThat(Thresholds.bytes("512k")).isEqualTo(512_000);
        assertThat(Thresholds.bytes("42")).isEqualTo(42);
        assertThatThrownBy(() -> Thresholds.bytes("MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Thresholds.bytes("1.5B")).isInstanceOf(IllegalArgumentException.class);
    }
}
