package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCommandTest {

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int kiln(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", tmp.resolve("home").toString()), false);
        return Kiln.run(terminal, args);
    }

    private Path tree() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(dir.resolve("hostname"), "kiln\n");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("hostname"));
        return tmp.resolve("tree");
    }

    private static String field(String output, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)$").matcher(output);
        assertThat(m.find()).as(name + " in " + output).isTrue();
        return m.group(1);
    }

    @Test
    void createListVerifyAndExtractWorkTogether() throws Exception {
        Path tree = tree();
        Path layer = tmp.resolve("out/layer.tar.zst");
        assertThat(kiln("layer", "create", tree.toString(), "-o", layer.toString(), "--compression", "zstd",
                "--source-date-epoch", "1600000000")).isZero();
        String diffId = field(out.toString(), "diff_id");
        String digest = field(out.toString(), "digest");
        assertThat(field(out.toString(), "compression")).isEqualTo("zstd");
        assertThat(listing(tmp.resolve("out"))).containsExactly("layer.tar.zst");

        assertThat(kiln("layer", "list", layer.toString())).isZero();
        assertThat(out.toString()).contains("etc/hostname").contains("etc/link -> hostname").contains("2020-09-13 12:26");

        assertThat(kiln("layer", "verify", layer.toString(), "--diff-id", diffId, "--digest", digest)).isZero();
        assertThat(out.toString()).contains("verified");

        assertThat(kiln("layer", "extract", layer.toString(), tmp.resolve("x").toString())).isZero();
        assertThat(Files.readString(tmp.resolve("x/etc/hostname"))).isEqualTo("kiln\n");
    }

    @Test
    void wrongDiffIdIsBadInputNamingBothDigests() throws Exception {
        Path layer = tmp.resolve("layer.tar.gz");
        assertThat(kiln("layer", "create", tree().toString(), "-o", layer.toString())).isZero();
        String wrong = "sha256:" + "0".repeat(64);
        assertThat(kiln("layer", "verify", layer.toString(), "--diff-id", wrong)).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: ").contains(wrong).contains("diff_id");
        assertThat(err.toString().lines().count()).isEqualTo(1);
    }

    @Test
    void flippedByteIsDetectedWithExitTwo() throws Exception {
        Path layer = tmp.resolve("layer.tar.gz");
        assertThat(kiln("layer", "create", tree().toString(), "-o", layer.toString())).isZero();
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(layer, bytes);
        assertThat(kiln("layer", "verify", layer.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: " + layer).doesNotContain("\tat ");
    }

    @Test
    void maliciousLayerIsRefusedNamingTheEntryAndNothingIsWritten() throws Exception {
        Path layer = tmp.resolve("evil.tar");
        try (OutputStream o = Files.newOutputStream(layer);
                LayerWriter w = LayerWriter.open(o, Compression.NONE, LayerWriteOptions.DEFAULT)) {
            w.add(LayerEntry.symlink("a", "/etc"));
            w.add(LayerEntry.file("a/passwd", 1), new java.io.ByteArrayInputStream(new byte[] {'x'}));
            w.finish();
        }
        Path target = tmp.resolve("parent/rootfs");
        assertThat(kiln("layer", "extract", layer.toString(), target.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("kiln: error: ").contains("a/passwd").contains("symlink");
        assertThat(listing(tmp.resolve("parent"))).isEmpty();
    }

    @Test
    void badCompressionNameIsBadUsage() throws Exception {
        Path tree = tree();
        assertThat(kiln("layer", "create", tree.toString(), "-o", tmp.resolve("l").toString(), "--compression", "xz"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("xz");
        assertThat(kiln("layer", "create", tree.toString(), "-o", tmp.resolve("l").toString(), "--level", "42"))
                .isEqualTo(2);
    }

    private static java.util.List<String> listing(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
