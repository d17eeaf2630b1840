package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln analyze -i} in a real terminal: the launcher runs inside a tmux pane of 160x50, keys are
 * sent with {@code send-keys}, and the screen is read back with {@code capture-pane}. The tmux server
 * has a socket of its own so other tmux users on the machine are never touched.
 */
class AnalyzeInteractiveIT {

    @TempDir
    Path dir;

    /** In a 160-column terminal the layer pane takes 64 columns and a separator: files start here. */
    private static final int RIGHT_PANE = 65;

    private final String socket = "kiln-analyze-it-" + ProcessHandle.current().pid();
    private Path tmux;

    @AfterEach
    void stopServer() {
        if (tmux != null) {
            ExternalCommand.run(null, List.of(tmux.toString(), "-L", socket, "kill-server"));
        }
    }

    @Test
    void layersFilesChangesFilterAndSortThroughTheKeyboard() throws Exception {
        tmux = Tools.require("tmux");
        AnalyzeCommandTest.app().writeOciLayout(dir.resolve("app"), "1.0.0-1");
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("kiln");
        assertThat(launcher).isExecutable();
        String command = "KILN_SKIP_BUILD=1 KILN_HOME=" + dir.resolve("home") + " " + launcher + " analyze -i oci:"
                + dir.resolve("app") + ":1.0.0-1; echo KILN-EXIT=$?; sleep 120";
        tmux("new-session", "-d", "-s", "analyze", "-x", "160", "-y", "50", command);

        String screen = waitFor(s -> s.contains("q quit") && hasRow(screenLines(s), "passwd"), "the first screen");
        assertThat(screen).contains("Files after layer 0").contains("ADD file:base in /")
                .contains("RUN apt-get update && apt-get install -y gcc").contains("/ filter").contains("c only changes");
        assertThat(fileRow(screen, "passwd")).startsWith("+ -rw-r--r--");

        keys("Down", "Down");
        screen = waitFor(s -> s.contains("Files after layer 2") && hasRow(screenLines(s), "build.o")
                && hasRow(screenLines(s), ".env"), "layer 2 selected");
        assertThat(fileRow(screen, "build.o")).as("removed by layer 2").startsWith("- -rw-r--r--");
        assertThat(fileRow(screen, ".env")).as("added by layer 2").startsWith("+ -rw-r--r--");
        assertThat(fileRow(screen, "passwd")).as("untouched by layer 2").startsWith("  -rw-r--r--");

        keys("c");
        screen = waitFor(s -> s.contains("its changes only") && !rightPane(s).contains("passwd"), "only changes");
        assertThat(rightPane(screen)).contains("build.o").contains(".env").doesNotContain("passwd")
                .doesNotContain("gcc");

        keys("c", "Up", "Tab", "/");
        waitFor(s -> s.contains("Filter (Enter to apply"), "the filter prompt");
        keys("g", "c", "c", "Enter");
        screen = waitFor(s -> s.contains("filter: gcc") && hasRow(screenLines(s), "gcc") && !rightPane(s).contains("passwd"),
                "the filter applied");
        assertThat(screen).contains("Files after layer 1");
        assertThat(fileRow(screen, "gcc")).startsWith("+ -rw-r--r--");
        assertThat(rightPane(screen)).doesNotContain("passwd").doesNotContain("build.o").doesNotContain("lists");

        keys("Escape");
        waitFor(s -> !s.contains("filter: gcc"), "the filter cleared");
        keys("s");
        // layer 1 with the filter cleared, largest first: var (40 kB), usr (9 kB), bin (5 kB), tmp (3 kB), etc
        List<String> names = List.of("var", "usr", "bin", "tmp", "etc");
        // the title changes before the rows are redrawn: on a busy machine a capture can fall between
        screen = waitFor(s -> s.contains("Files after layer 1, by size")
                && names.stream().allMatch(n -> hasRow(screenLines(s), n)), "sorted by size");
        List<String> lines = screenLines(screen);
        int[] rows = names.stream().mapToInt(n -> rowIndex(lines, n)).toArray();
        for (int i = 1; i < rows.length; i++) {
            assertThat(rows[i]).as(names.get(i) + " after " + names.get(i - 1)).isGreaterThan(rows[i - 1]);
        }

        keys("q");
        waitFor(s -> s.contains("KILN-EXIT=0"), "kiln to exit 0");
    }

    private void tmux(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(tmux.toString(), "-L", socket));
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(dir, command);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
    }

    private void keys(String... keys) {
        for (String key : keys) {
            tmux("send-keys", "-t", "analyze", key);
        }
    }

    private String capture() {
        return ExternalCommand.run(dir, List.of(tmux.toString(), "-L", socket, "capture-pane", "-p", "-t", "analyze"))
                .out();
    }

    private String waitFor(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = capture();
            if (condition.test(screen)) {
                return screen;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; the screen was:\n" + screen);
    }

    /** The right pane of the first line showing this file name: marker, mode, owner, size, tree, name. */
    private static String fileRow(String screen, String name) {
        for (String line : screenLines(screen)) {
            String right = line.length() > RIGHT_PANE ? line.substring(RIGHT_PANE) : "";
            if (right.endsWith(" " + name) && !right.startsWith("●") && !right.startsWith("○")) {
                return right;
            }
        }
        throw new AssertionError(name + " not on the screen:\n" + screen);
    }

    private static String rightPane(String screen) {
        StringBuilder pane = new StringBuilder();
        for (String line : screenLines(screen)) {
            pane.append(line.length() > RIGHT_PANE ? line.substring(RIGHT_PANE) : "").append('\n');
        }
        return pane.toString();
    }

    private static boolean hasRow(List<String> lines, String name) {
        return lines.stream().anyMatch(line -> line.length() > RIGHT_PANE && line.substring(RIGHT_PANE).endsWith(" " + name));
    }

    private static int rowIndex(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.length() > RIGHT_PANE && line.substring(RIGHT_PANE).endsWith(" " + name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not on the screen:\n" + String.join("\n", lines));
    }

    private static List<String> screenLines(String screen) {
        return screen.lines().map(String::stripTrailing).toList();
    }
}
