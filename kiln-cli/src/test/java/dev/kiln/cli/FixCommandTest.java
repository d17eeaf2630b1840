package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln fix end to end in-process: stdout, --diff, --write, --only, and the rules each fix names. */
class FixCommandTest {

    private static final String BEFORE = "FROM debian:12.5-slim\n# tools\nRUN apt-get update && apt-get install curl=7\nUSER 1\n";
    private static final String AFTER = "FROM debian:12.5-slim\n# tools\nRUN apt-get update && apt-get install"
            + " --no-install-recommends -y curl=7 && rm -rf /var/lib/apt/lists/*\nUSER 1\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String stdin, String... args) {
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", dir.resolve("home").toString()), false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        String[] all = new String[args.length + 1];
        all[0] = "fix";
        System.arraycopy(args, 0, all, 1, args.length);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Kiln.run(t, all);
    }

    @Test
    void printsTheFixedFileAndNamesEachFixOnStandardError() throws Exception {
        Path f = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        assertThat(kiln("", f.toString())).isZero();
        assertThat(out.toString()).isEqualTo(AFTER);
        assertThat(err.toString()).contains(f + ":3: fixed DL3014: add -y", f + ":3: fixed DL3015: add --no-install-recommends",
                f + ":3: fixed DL3009: append rm -rf /var/lib/apt/lists/*");
        assertThat(Files.readString(f)).as("no --write: the file is untouched").isEqualTo(BEFORE);
    }

    @Test
    void diffIsUnifiedAndWriteRewritesTheFileToAFixedPoint() throws Exception {
        Path f = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        assertThat(kiln("", "--diff", f.toString())).isZero();
        assertThat(out.toString()).startsWith("--- " + f + "\n+++ " + f + "\n@@ -1,4 +1,4 @@\n")
                .contains("-RUN apt-get update && apt-get install curl=7\n+RUN apt-get update && apt-get install --no-install");
        assertThat(kiln("", "--write", f.toString())).isZero();
        assertThat(Files.readString(f)).isEqualTo(AFTER);
        assertThat(kiln("", "--diff", f.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("Dockerfile");
        }
    }

    @Test
    void onlyLimitsTheRulesAndStandardInputWorks() {
        assertThat(kiln(BEFORE, "--only", "DL3014,dl3015", "-")).isZero();
        assertThat(out.toString()).isEqualTo(BEFORE.replace("install curl", "install --no-install-recommends -y curl"));
    }

    @Test
    void badInputIsExitTwo() throws Exception {
        Path bad = Files.writeString(dir.resolve("Dockerfile"), "FROM a\nCOPY x\n");
        assertThat(kiln("", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: " + bad + ":2:1: COPY requires at least two arguments");
        assertThat(kiln("", "--write", "-")).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: kiln fix: --write needs a file");
        assertThat(kiln("", "--diff", "--write", bad.toString())).isEqualTo(2);
        Path other = Files.writeString(dir.resolve("Other"), BEFORE);
        assertThat(kiln("", bad.toString(), other.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("choose --diff or --write");
    }
}
