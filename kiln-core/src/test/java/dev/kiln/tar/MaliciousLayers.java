package dev.kiln.tar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Archives that try to write outside their root, built entry by entry; each names the entry to be blamed. */
final class MaliciousLayers {

    private MaliciousLayers() {
    }

    static final byte[] PAYLOAD = "owned\n".getBytes(StandardCharsets.UTF_8);

    static byte[] layer(List<LayerEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerWriter writer = LayerWriter.open(out, Compression.GZIP, LayerWriteOptions.DEFAULT)) {
            writer.add(LayerEntry.directory("ok"));
            writer.add(LayerEntry.file("ok/first", PAYLOAD.length), new ByteArrayInputStream(PAYLOAD));
            for (LayerEntry e : entries) {
                writer.add(e, e.type() == EntryType.FILE && e.size() > 0 ? new ByteArrayInputStream(PAYLOAD) : null);
            }
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static LayerEntry file(String path) {
        return LayerEntry.file(path, PAYLOAD.length);
    }

    /** name, archive bytes, the entry the error must name. */
    static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of("dot-dot escape", layer(List.of(file("../../etc/x"))), "../../etc/x"),
                Arguments.of("dot-dot inside then out", layer(List.of(file("ok/../../x"))), "ok/../../x"),
                Arguments.of("symlink to /etc then a file below it",
                        layer(List.of(LayerEntry.symlink("a", "/etc"), file("a/passwd"))), "a/passwd"),
                Arguments.of("symlink to .. chain",
                        layer(List.of(LayerEntry.symlink("up", ".."), LayerEntry.symlink("up/up2", ".."),
                                file("up/up2/escape"))), "up/up2"),
                Arguments.of("symlink to a relative escape then a directory below it",
                        layer(List.of(LayerEntry.symlink("ok/out", "../../.."), LayerEntry.directory("ok/out/dir"))),
                        "ok/out/dir"),
                Arguments.of("hardlink out of the root",
                        layer(List.of(LayerEntry.hardlink("ok/h", "../../outside"))), "ok/h"),
                Arguments.of("hardlink through a symlink",
                        layer(List.of(LayerEntry.symlink("etc", "/etc"), LayerEntry.hardlink("pw", "etc/passwd"))),
                        "pw"),
                Arguments.of("device node when not allowed",
                        layer(List.of(LayerEntry.builder("ok/sda", EntryType.BLOCK_DEVICE).device(8, 0).build())),
                        "ok/sda"),
                Arguments.of("whiteout that climbs out",
                        layer(List.of(LayerEntry.file("ok/../../.wh.victim", 0))), "ok/../../.wh.victim"));
    }
}
