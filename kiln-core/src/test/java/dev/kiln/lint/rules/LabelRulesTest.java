package dev.kiln.lint.rules;

import static dev.kiln.lint.rules.Case.caught;
import static dev.kiln.lint.rules.Case.clean;

import dev.kiln.lint.LabelType;
import dev.kiln.lint.LintConfig;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Label rules, with the label schemas of .hadolint.yaml: caught and not caught. */
class LabelRulesTest {

    private static Consumer<LintConfig.Builder> schema(String label, LabelType type) {
        return b -> b.requireLabel(label, type);
    }

    static List<Case> cases() {
        Consumer<LintConfig.Builder> author = schema("author", LabelType.TEXT);
        return List.of(
                // DL3048 label keys
                caught("DL3048", "LABEL Maintainer=me"),
                caught("DL3048", "LABEL com.docker.foo=bar"),
                caught("DL3048", "LABEL org..example=x"),
                caught("DL3048", "LABEL my_label=x"),
                clean("DL3048", "LABEL org.opencontainers.image.title=app"),
                clean("DL3048", "LABEL version=1.0 maintainer=me"),
                clean("DL3048", "LABEL io.k8s.display-name=app"),
                // DL3049 missing required label (final image only)
                caught("DL3049", "LABEL other=x").with(author),
                caught("DL3049", "FROM a:1 AS x\nLABEL author=me\nFROM b:1\nRUN true").with(author),
                caught("DL3049", 2, "RUN true").with(author.andThen(schema("version", LabelType.SEMVER))),
                clean("DL3049", "LABEL author=me").with(author),
                clean("DL3049", "FROM a:1 AS base\nLABEL author=me\nFROM base\nRUN true").with(author),
                clean("DL3049", "RUN true"),
                // DL3050 superfluous labels with strict-labels
                caught("DL3050", "LABEL author=me extra=x").with(author.andThen(b -> b.strictLabels(true))),
                caught("DL3050", "LABEL x=1").with(b -> b.strictLabels(true)),
                caught("DL3050", 2, "LABEL a=1\nLABEL b=2").with(author.andThen(b -> b.strictLabels(true))),
                clean("DL3050", "LABEL author=me").with(author.andThen(b -> b.strictLabels(true))),
                clean("DL3050", "LABEL author=me extra=x").with(author),
                clean("DL3050", "RUN true").with(b -> b.strictLabels(true)),
                // DL3051 empty required label
                caught("DL3051", "LABEL author=\"\"").with(author),
                caught("DL3051", "LABEL author=").with(author),
                caught("DL3051", "LABEL author=\" \"").with(author),
                clean("DL3051", "LABEL author=me").with(author),
                clean("DL3051", "LABEL other=\"\"").with(author),
                clean("DL3051", "LABEL author=\"\""),
                // DL3052 url
                caught("DL3052", "LABEL docs=not-a-url").with(schema("docs", LabelType.URL)),
                caught("DL3052", "LABEL docs=\"http://exa mple.com\"").with(schema("docs", LabelType.URL)),
                caught("DL3052", "LABEL docs=example.com/x").with(schema("docs", LabelType.URL)),
                clean("DL3052", "LABEL docs=https://example.com/docs").with(schema("docs", LabelType.URL)),
                clean("DL3052", "LABEL docs=$DOCS_URL").with(schema("docs", LabelType.URL)),
                clean("DL3052", "LABEL docs=not-a-url"),
                // DL3053 rfc3339
                caught("DL3053", "LABEL created=2024-13-01T00:00:00Z").with(schema("created", LabelType.RFC3339)),
                caught("DL3053", "LABEL created=yesterday").with(schema("created", LabelType.RFC3339)),
                caught("DL3053", "LABEL created=2024-05-01").with(schema("created", LabelType.RFC3339)),
                clean("DL3053", "LABEL created=2024-05-01T12:00:00Z").with(schema("created", LabelType.RFC3339)),
                clean("DL3053", "LABEL created=2024-05-01T12:00:00.5+02:00").with(schema("created", LabelType.RFC3339)),
                clean("DL3053", "LABEL created=${BUILD_DATE}").with(schema("created", LabelType.RFC3339)),
                // DL3054 spdx
                caught("DL3054", "LABEL license=Apache2").with(schema("license", LabelType.SPDX)),
                caught("DL3054", "LABEL license=\"MIT OR\"").with(schema("license", LabelType.SPDX)),
                caught("DL3054", "LABEL license=\"GPL-2.0-only WITH Nonsense-exception\"").with(schema("license", LabelType.SPDX)),
                clean("DL3054", "LABEL license=Apache-2.0").with(schema("license", LabelType.SPDX)),
                clean("DL3054", "LABEL license=\"(MIT OR Apache-2.0) AND BSD-3-Clause\"").with(schema("license", LabelType.SPDX)),
                clean("DL3054", "LABEL license=\"GPL-2.0-or-later WITH Classpath-exception-2.0\"").with(schema("license", LabelType.SPDX)),
                clean("DL3054", "LABEL license=LicenseRef-Proprietary").with(schema("license", LabelType.SPDX)),
                // DL3055 git hash
                caught("DL3055", "LABEL rev=main").with(schema("rev", LabelType.HASH)),
                caught("DL3055", "LABEL rev=abc12").with(schema("rev", LabelType.HASH)),
                caught("DL3055", "LABEL rev=" + "g".repeat(40)).with(schema("rev", LabelType.HASH)),
                clean("DL3055", "LABEL rev=3f2a9c1").with(schema("rev", LabelType.HASH)),
                clean("DL3055", "LABEL rev=" + "a1b2c3d4e5".repeat(4)).with(schema("rev", LabelType.HASH)),
                clean("DL3055", "LABEL rev=$GIT_SHA").with(schema("rev", LabelType.HASH)),
                // DL3056 semver
                caught("DL3056", "LABEL version=1.2").with(schema("version", LabelType.SEMVER)),
                caught("DL3056", "LABEL version=v1.2.3").with(schema("version", LabelType.SEMVER)),
                caught("DL3056", "LABEL version=01.2.3").with(schema("version", LabelType.SEMVER)),
                clean("DL3056", "LABEL version=1.2.3").with(schema("version", LabelType.SEMVER)),
                clean("DL3056", "LABEL version=2.0.0-rc.1+build.5").with(schema("version", LabelType.SEMVER)),
                clean("DL3056", "LABEL version=${VERSION}").with(schema("version", LabelType.SEMVER)),
                // DL3058 email
                caught("DL3058", "LABEL contact=jane").with(schema("contact", LabelType.EMAIL)),
                caught("DL3058", "LABEL contact=jane@").with(schema("contact", LabelType.EMAIL)),
                caught("DL3058", "LABEL contact=\"Jane <jane@example.com>\"").with(schema("contact", LabelType.EMAIL)),
                clean("DL3058", "LABEL contact=jane@example.com").with(schema("contact", LabelType.EMAIL)),
                clean("DL3058", "LABEL contact=team+docker@mail.example.org").with(schema("contact", LabelType.EMAIL)),
                clean("DL3058", "LABEL contact=jane").with(author));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsExactlyWhatTheCaseExpects(Case c) {
        RuleTable.check(c);
    }
}
