package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Control characters in files, archives and names reach the terminal only as visible escapes. */
class TerminalEscapesTest {

    private static final String TITLE = "\u001b]0;pwned\u0007";
    private static final String SHOWN = "\\x1b]0;pwned\\x07";

    @TempDir
    Path dir;
    private KilnRun kiln;

    @BeforeEach
    void setUp() {
        kiln = new KilnRun(dir.resolve("home"));
    }

    private static void assertNoControls(KilnRun.Result result) {
        String all = result.out() + result.err();
        assertThat(all.chars().filter(c -> c != '\n' && c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))).count())
                .as(all).isZero();
    }

    @Test
    void aParseErrorShowsTheEscapesOnItsErrorAndSourceLines() throws Exception {
        Path file = dir.resolve("esc.Dockerfile");
        Files.writeString(file, "FROM a\n" + TITLE + "BOGUS x\n");
        KilnRun.Result result = kiln.run("lint", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertNoControls(result);
        assertThat(result.err()).contains(SHOWN + "BOGUS x");
        String caret = result.err().lines().filter(l -> l.trim().startsWith("|")).findFirst().orElseThrow();
        String source = result.err().lines().filter(l -> l.contains("BOGUS x") && l.contains(" | ")).findFirst().orElseThrow();
        assertThat(caret.indexOf('^')).as("caret under the first character").isEqualTo(source.indexOf(" | ") + 3);
    }

    @Test
    void lintFindingsAndParseListingsEscapeTheSource() throws Exception {
        Path file = dir.resolve("Dockerfile");
        Files.writeString(file, "FROM debian:12\nRUN cd /tmp && echo '" + TITLE + "'\n");
        KilnRun.Result lint = kiln.run("lint", file.toString());
        assertThat(lint.out()).contains("DL3003").contains(SHOWN);
        assertNoControls(lint);
        KilnRun.Result parse = kiln.run("parse", file.toString());
        assertThat(parse.exitCode()).isZero();
        assertThat(parse.out()).contains(SHOWN);
        assertNoControls(parse);
    }

    @Test
    void layerListingEscapesEntryNamesAndLinkTargets() throws Exception {
        Path tar = dir.resolve("escname.tar");
        try (OutputStream file = Files.newOutputStream(tar); TarArchiveOutputStream out = new TarArchiveOutputStream(file)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("a" + TITLE + "b");
            entry.setSize(body.length);
            out.putArchiveEntry(entry);
            out.write(body);
            out.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("\u009b2J");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }
        KilnRun.Result result = kiln.run("layer", "list", tar.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("a" + SHOWN + "b").contains("link -> \\x9b2J");
        assertNoControls(result);
    }

    @Test
    void errorLinesEscapeWhatTheyQuote() {
        KilnRun.Result result = kiln.run("inspect", "x" + TITLE + ":1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(SHOWN);
        assertNoControls(result);
    }
}
