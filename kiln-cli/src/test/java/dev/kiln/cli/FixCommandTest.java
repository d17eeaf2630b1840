package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import dev.kiln.testing.Tools;
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

    @Test
    void writeGoesThroughASymlinkToItsTargetKeepingModeAndOwner() throws Exception {
        Path real = Files.writeString(dir.resolve("real.Dockerfile"), BEFORE);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        boolean root = Tools.isRoot();
        if (root) {
            Files.setAttribute(real, "unix:uid", 1234);
            Files.setAttribute(real, "unix:gid", 1234);
        }
        Path link = Files.createSymbolicLink(dir.resolve("Dockerfile"), Path.of("real.Dockerfile"));
        assertThat(kiln("", "--write", link.toString())).as(err.toString()).isZero();
        assertThat(Files.isSymbolicLink(link)).as("the link is still a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real.Dockerfile"));
        assertThat(Files.readString(real)).isEqualTo(AFTER);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r-----");
        if (root) {
            assertThat(Files.getAttribute(real, "unix:uid")).isEqualTo(1234);
            assertThat(Files.getAttribute(real, "unix:gid")).isEqualTo(1234);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("Dockerfile", "real.Dockerfile");
        }
    }

    @Test
    void aWriteThatFailsSaysNothingWasFixedAndNamesTheFileNotATempFile() throws Exception {
        Path chattr = Tools.require("chattr");
        Tools.requireRoot("an immutable file (chattr +i)");
        Path f = Files.writeString(dir.resolve("ro.Dockerfile"), BEFORE);
        run(chattr.toString(), "+i", f.toString());
        try {
            assertThat(kiln("", "--write", f.toString())).isEqualTo(1);
        } finally {
            run(chattr.toString(), "-i", f.toString());
        }
        assertThat(err.toString()).isEqualTo("kiln: error: " + f + ": operation not permitted" + System.lineSeparator());
        assertThat(Files.readString(f)).isEqualTo(BEFORE);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("ro.Dockerfile");
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }
}
