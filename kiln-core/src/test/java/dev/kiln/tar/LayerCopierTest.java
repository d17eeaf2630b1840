package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerCopierTest {

    static Stream<Arguments> malicious() {
        return MaliciousLayers.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malicious")
    void maliciousArchivesAreRejectedNamingTheEntry(String name, byte[] layer, String entry) {
        assertThatThrownBy(() -> LayerCopier.recompress(new ByteArrayInputStream(layer), new ByteArrayOutputStream(),
                Compression.ZSTD, LayerWriteOptions.DEFAULT))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("'" + entry + "'");
    }

    @Test
    void hardlinkToAnEntryNotInTheArchiveIsRejected() {
        byte[] layer = MaliciousLayers.layer(List.of(LayerEntry.hardlink("ok/h", "etc/shadow")));
        assertThatThrownBy(() -> LayerCopier.recompress(new ByteArrayInputStream(layer), new ByteArrayOutputStream(),
                Compression.GZIP, LayerWriteOptions.DEFAULT))
                .isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("ok/h").hasMessageContaining("earlier");
    }

    @Test
    void recompressionKeepsEntriesMakesNamesRelativeAndReportsTheNewDigests() throws Exception {
        byte[] gzip = MaliciousLayers.layer(List.of(LayerEntry.file("/abs/x", MaliciousLayers.PAYLOAD.length),
                LayerEntry.hardlink("./ok/h", "/ok/first"),
                LayerEntry.builder("dev/null", EntryType.CHAR_DEVICE).device(1, 3).build()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerDigests d = LayerCopier.recompress(new ByteArrayInputStream(gzip), out, Compression.ZSTD,
                LayerWriteOptions.DEFAULT, DevicePolicy.ALLOW);
        assertThat(d.digest()).isEqualTo(Digest.sha256(out.toByteArray()));
        assertThat(d.compression()).isEqualTo(Compression.ZSTD);
        List<String> paths = new ArrayList<>();
        try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
            LayerEntry e;
            while ((e = reader.next()) != null) {
                paths.add(e.path() + (e.type() == EntryType.HARDLINK ? " -> " + e.linkTarget() : ""));
            }
            assertThat(reader.digests().diffId()).isEqualTo(d.diffId());
        }
        assertThat(paths).containsExactly("ok", "ok/first", "abs/x", "ok/h -> ok/first", "dev/null");
        // The same tar inside, so the diff_id does not depend on the compression.
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        LayerDigests none = LayerCopier.recompress(new ByteArrayInputStream(out.toByteArray()), plain, Compression.NONE,
                LayerWriteOptions.DEFAULT, DevicePolicy.ALLOW);
        assertThat(none.diffId()).isEqualTo(d.diffId());
    }
}
