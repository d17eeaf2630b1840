package dev.kiln.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.lint.Finding;
import java.util.List;

/** Runs one {@link Case} and says what went wrong in the words of the case. */
final class RuleTable {

    private RuleTable() {
    }

    static void check(Case c) {
        List<Finding> findings = c.run();
        List<String> seen = findings.stream().map(f -> f.line() + ":" + f.column() + " " + f.message()).toList();
        if (c.caught() == 0) {
            assertThat(seen).as("%s should not be reported in:%n%s", c.code(), c.dockerfile()).isEmpty();
        } else {
            assertThat(seen).as("%s should be reported %d time(s) in:%n%s", c.code(), c.caught(), c.dockerfile())
                    .hasSize(c.caught());
            for (Finding f : findings) {
                assertThat(f.range().textOf(c.dockerfile())).as("finding range of %s", c.code()).isNotNull();
                assertThat(f.message()).as("message of %s", c.code()).isNotBlank();
            }
        }
    }
}
