package dev.kiln.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.lint.Rule;
import dev.kiln.lint.RuleInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every rule has a stable unique code, documentation, and at least three caught and three clean examples. */
class RuleCoverageTest {

    private static List<Case> allCases() {
        List<Case> all = new ArrayList<>();
        all.addAll(InstructionRulesTest.cases());
        all.addAll(PackageRulesTest.cases());
        all.addAll(ShellRulesTest.cases());
        all.addAll(LabelRulesTest.cases());
        all.addAll(KilnRulesTest.cases());
        return all;
    }

    @Test
    void everyRuleHasThreeCaughtAndThreeCleanExamples() {
        Map<String, List<Case>> byCode = allCases().stream().collect(Collectors.groupingBy(Case::code));
        List<String> missing = new ArrayList<>();
        for (Rule r : Rules.all()) {
            List<Case> cases = byCode.getOrDefault(r.info().code(), List.of());
            long caught = cases.stream().filter(c -> c.caught() > 0).count();
            long clean = cases.stream().filter(c -> c.caught() == 0).count();
            if (caught < 3 || clean < 3) {
                missing.add(r.info().code() + " (" + caught + " caught, " + clean + " clean)");
            }
        }
        assertThat(missing).as("rules with fewer than 3 caught / 3 clean examples").isEmpty();
        assertThat(byCode.keySet()).as("examples for rules that do not exist")
                .allMatch(code -> Rules.all().stream().anyMatch(r -> r.info().code().equals(code)));
    }

    @Test
    void codesAreUniqueAndShaped() {
        Set<String> seen = new HashSet<>();
        for (Rule r : Rules.all()) {
            RuleInfo i = r.info();
            assertThat(seen.add(i.code())).as("duplicate code %s", i.code()).isTrue();
            assertThat(i.code()).matches("DL[0-9]{4}|KL[0-9]{3}");
            assertThat(i.title()).isNotBlank();
            assertThat(i.advice()).as("advice of %s", i.code()).endsWith(".").hasSizeLessThan(200);
            assertThat(i.url()).startsWith("https://");
        }
        assertThat(seen).contains("DL3008", "DL3059", "DL4006", "KL001", "KL010").hasSizeGreaterThanOrEqualTo(78);
    }

    @Test
    void hadolintCodesKeepHadolintsDefaultLevels() {
        Map<String, String> expected = Map.ofEntries(Map.entry("DL1001", "ignore"), Map.entry("DL3000", "error"),
                Map.entry("DL3001", "info"), Map.entry("DL3002", "warning"), Map.entry("DL3004", "error"),
                Map.entry("DL3009", "info"), Map.entry("DL3015", "info"), Map.entry("DL3020", "error"),
                Map.entry("DL3026", "error"), Map.entry("DL3047", "info"), Map.entry("DL3048", "style"),
                Map.entry("DL3057", "ignore"), Map.entry("DL3059", "info"), Map.entry("DL3066", "info"),
                Map.entry("DL4000", "error"), Map.entry("DL4004", "error"), Map.entry("DL4006", "warning"));
        for (Rule r : Rules.all()) {
            String want = expected.get(r.info().code());
            if (want != null) {
                assertThat(r.info().level().id()).as(r.info().code()).isEqualTo(want);
            }
        }
    }
}
