package dev.kiln.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kiln fix --diff output is a unified diff GNU patch applies back to the new text. */
class UnifiedDiffTest {

    @TempDir
    Path dir;

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }

    @Test
    void oneChangedLineIsOneHunkWithThreeLinesOfContext() {
        String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.of("a/Dockerfile", "b/Dockerfile", a, b)).isEqualTo(
                "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void patchTurnsTheOldTextIntoTheNewOne(long seed) throws Exception {
        Path patch = Tools.require("patch");
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30 + random.nextInt(30); i++) {
            lines.add("line " + random.nextInt(8));
        }
        String before = String.join("\n", lines) + "\n";
        for (int k = 0; k < 1 + random.nextInt(6); k++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(3)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, "inserted " + k);
                default -> lines.set(at, "changed " + k);
            }
        }
        String after = String.join("\n", lines) + "\n";
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, before);
        String diff = UnifiedDiff.of("Dockerfile", "Dockerfile", before, after);
        Path diffFile = dir.resolve("fix.diff");
        Files.writeString(diffFile, diff);
        Process p = new ProcessBuilder(patch.toString(), "-s", "-p0", "-i", diffFile.toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("seed %d: patch said %s%n%s", seed, out, diff).isZero();
        assertThat(Files.readString(file)).as("seed %d", seed).isEqualTo(after);
    }
}
