package dev.kiln.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .hadolint.yaml read as-is, .kiln.yaml's lint section, HADOLINT_* variables, and where files are found. */
class LintConfigTest {

    @TempDir
    Path dir;

    @Test
    void everyHadolintKeyIsRead() throws Exception {
        Path file = dir.resolve(".hadolint.yaml");
        Files.writeString(file, """
                failure-threshold: warning
                format: json
                ignored:
                  - DL3000
                  - SC1010
                label-schema:
                  author: text
                  version: semver
                no-color: true
                no-fail: true
                override:
                  error: [DL3001]
                  warning: [DL3042]
                  info: [DL3032]
                  style: [DL3015]
                strict-labels: true
                disable-ignore-pragma: true
                trustedRegistries: my-company.com:5000
                some-future-key: 3
                """);
        LintConfig.Builder b = LintConfig.builder();
        LintConfigReader.readHadolint(file, b);
        LintConfig c = b.build();
        assertThat(c.threshold().id()).isEqualTo("warning");
        assertThat(c.format()).contains("json");
        assertThat(c.ignored()).containsExactlyInAnyOrder("DL3000", "SC1010");
        assertThat(c.labelSchema()).containsExactly(Map.entry("author", LabelType.TEXT), Map.entry("version", LabelType.SEMVER));
        assertThat(c.noColor()).isTrue();
        assertThat(c.noFail()).isTrue();
        assertThat(c.overrides()).containsEntry("DL3001", Level.ERROR).containsEntry("DL3042", Level.WARNING)
                .containsEntry("DL3032", Level.INFO).containsEntry("DL3015", Level.STYLE);
        assertThat(c.strictLabels()).isTrue();
        assertThat(c.disableIgnorePragma()).isTrue();
        assertThat(c.trustedRegistries()).containsExactly("my-company.com:5000");
        assertThat(c.sources()).containsExactly(file.toString());
    }

    @Test
    void badYamlAndWrongShapesNameTheFileAndKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "ignored: [DL3000\nfoo: : :\n");
        assertThatThrownBy(() -> LintConfigReader.readHadolint(bad, LintConfig.builder()))
                .isInstanceOf(LintConfigException.class).hasMessageStartingWith(bad + ":").hasMessageContaining("not valid YAML");
        Path shape = dir.resolve("shape.yaml");
        Files.writeString(shape, "override:\n  fatal: [DL3000]\n");
        assertThatThrownBy(() -> LintConfigReader.readHadolint(shape, LintConfig.builder()))
                .hasMessage(shape + ": override.fatal: unknown level (expected error, warning, info, style or ignore)");
        Files.writeString(shape, "failure-threshold: loud\n");
        assertThatThrownBy(() -> LintConfigReader.readHadolint(shape, LintConfig.builder()))
                .hasMessageContaining("failure-threshold").hasMessageContaining("expected error, warning");
        Files.writeString(shape, "ignored: {a: 1}\n");
        assertThatThrownBy(() -> LintConfigReader.readHadolint(shape, LintConfig.builder()))
                .hasMessage(shape + ": ignored: expected a list of strings");
        Files.writeString(shape, "label-schema:\n  v: version\n");
        assertThatThrownBy(() -> LintConfigReader.readHadolint(shape, LintConfig.builder()))
                .hasMessageContaining("label-schema.v: unknown format \"version\"");
    }

    @Test
    void kilnYamlLintSectionAddsToHadolintsAndOtherSectionsAreLeftAlone() throws Exception {
        Path hadolint = dir.resolve(".hadolint.yaml");
        Files.writeString(hadolint, "ignored: [DL3008]\nfailure-threshold: error\n");
        Path kiln = dir.resolve(".kiln.yaml");
        Files.writeString(kiln, "registries:\n  jobs: 4\nlint:\n  ignored: [KL008]\n  override:\n    error: [KL001]\n");
        LintConfig.Builder b = LintConfig.builder();
        LintConfigReader.readHadolint(hadolint, b);
        LintConfigReader.readKiln(kiln, b);
        LintConfig c = b.build();
        assertThat(c.ignored()).containsExactlyInAnyOrder("DL3008", "KL008");
        assertThat(c.overrides()).containsEntry("KL001", Level.ERROR);
        assertThat(c.threshold().id()).isEqualTo("error");
    }

    @Test
    void hadolintEnvironmentVariablesSetTheConfigAndABadBooleanIsNamed() throws Exception {
        LintConfig.Builder b = LintConfig.builder();
        LintEnvironment.readEnvironment(Map.of("HADOLINT_IGNORE", "DL3008, DL3009", "HADOLINT_OVERRIDE_ERROR", "DL3015",
                "HADOLINT_FAILURE_THRESHOLD", "style", "HADOLINT_NOFAIL", "yes", "HADOLINT_TRUSTED_REGISTRIES",
                "docker.io,quay.io", "HADOLINT_REQUIRE_LABELS", "maintainer:text,version:semver",
                "HADOLINT_STRICT_LABELS", "1", "NO_COLOR", ""), b);
        LintConfig c = b.build();
        assertThat(c.ignored()).containsExactlyInAnyOrder("DL3008", "DL3009");
        assertThat(c.overrides()).containsEntry("DL3015", Level.ERROR);
        assertThat(c.threshold().id()).isEqualTo("style");
        assertThat(c.noFail()).isTrue();
        assertThat(c.trustedRegistries()).containsExactly("docker.io", "quay.io");
        assertThat(c.labelSchema()).containsEntry("version", LabelType.SEMVER);
        assertThat(c.strictLabels()).isTrue();
        assertThat(c.noColor()).isTrue();
        assertThatThrownBy(() -> LintEnvironment.readEnvironment(Map.of("HADOLINT_NOFAIL", "perhaps"), LintConfig.builder()))
                .hasMessage("HADOLINT_NOFAIL: expected true or false, found \"perhaps\"");
    }

    @Test
    void configFilesAreFoundNextToTheDockerfileFirstThenWorkDirThenXdgThenHome() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project/docker"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path xdg = Files.createDirectories(dir.resolve("xdg"));
        LintConfigFiles files = new LintConfigFiles(work, Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString()));
        assertThat(files.hadolintFile(Optional.of(project))).isEmpty();
        Files.writeString(home.resolve(".hadolint.yaml"), "{}");
        assertThat(files.hadolintFile(Optional.of(project))).contains(home.resolve(".hadolint.yaml"));
        Files.createDirectories(home.resolve(".config"));
        Files.writeString(home.resolve(".config/hadolint.yaml"), "{}");
        assertThat(files.hadolintFile(Optional.of(project))).contains(home.resolve(".config/hadolint.yaml"));
        Files.writeString(xdg.resolve("hadolint.yml"), "{}");
        assertThat(files.hadolintFile(Optional.of(project))).contains(xdg.resolve("hadolint.yml"));
        Files.writeString(work.resolve(".hadolint.yaml"), "{}");
        assertThat(files.hadolintFile(Optional.of(project))).contains(work.resolve(".hadolint.yaml"));
        Files.writeString(project.resolve(".hadolint.yaml"), "{}");
        assertThat(files.hadolintFile(Optional.of(project))).contains(project.resolve(".hadolint.yaml"));
        assertThat(files.hadolintFile(Optional.empty())).contains(work.resolve(".hadolint.yaml"));
        Files.writeString(work.resolve(".kiln.yaml"), "{}");
        assertThat(files.kilnFile(Optional.of(project))).contains(work.resolve(".kiln.yaml"));
        Files.writeString(project.resolve(".kiln.yaml"), "{}");
        assertThat(files.kilnFile(Optional.of(project))).contains(project.resolve(".kiln.yaml"));
    }
}
