package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputHelpersTest {

    @ParameterizedTest
    @CsvSource({"0, 0B", "999, 999B", "1000, 1.00kB", "1536, 1.54kB", "2130629, 2.13MB", "45000000, 45.0MB",
            "443439191, 443MB", "1000000000000, 1.00TB", "-1, -"})
    void sizesUseDecimalUnitsLikeDocker(long bytes, String text) {
        assertThat(HumanSize.format(bytes)).isEqualTo(text);
    }

    @Test
    void tablesAlignColumnsAndNeverCutCells() {
        StringWriter out = new StringWriter();
        new Table("NAME", "TAG", "SIZE").row("busybox", "1.36.1-1", "1.04MB").row("a", "b", "c").print(new PrintWriter(out, true));
        assertThat(out.toString()).isEqualTo(
                "NAME      TAG        SIZE\n"
                + "busybox   1.36.1-1   1.04MB\n"
                + "a         b          c\n");
    }

    @ParameterizedTest
    @CsvSource({"0, Less than a second ago", "30, 30 seconds ago", "90, About a minute ago", "3600, About an hour ago",
            "7200, 2 hours ago", "259200, 3 days ago", "2592000, 4 weeks ago", "15552000, 6 months ago",
            "94608000, 3 years ago"})
    void agesReadLikeDockers(long secondsAgo, String text) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(TimeAgo.format(now.minus(Duration.ofSeconds(secondsAgo)), now)).isEqualTo(text);
        assertThat(TimeAgo.format(null, now)).isEqualTo("-");
    }
}
