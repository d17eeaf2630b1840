package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad lint option is the only error, reported before any Dockerfile is read. */
class LintOptionErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aBadFormatOrThresholdIsTheOnlyErrorEvenWithABrokenDockerfile() throws Exception {
        Path bad = dir.resolve("bad.Dockerfile");
        Files.writeString(bad, "FROM a\nBOGUS x\n");
        KilnRun kiln = new KilnRun(dir.resolve("home"));
        KilnRun.Result format = kiln.run("lint", "--format", "bogus", bad.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.errorLines()).as(format.err()).isEqualTo(1);
        assertThat(format.err()).contains("--format: unknown format \"bogus\"").doesNotContain("BOGUS x");
        KilnRun.Result threshold = kiln.run("lint", "--failure-threshold", "loud", bad.toString(), dir.resolve("nope").toString());
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.errorLines()).as(threshold.err()).isEqualTo(1);
        assertThat(threshold.err()).contains("--failure-threshold: expected error, warning, info, style, ignore or none, got \"loud\"");
    }
}
