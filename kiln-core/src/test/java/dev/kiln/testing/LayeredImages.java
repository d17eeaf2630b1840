package dev.kiln.testing;

import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small images from layer entries with kiln's own LayerWriter, into OCI layout directories
 * ({@code oci:DIR:TAG}), for tests of commands that read images (squash, tag, analyze).
 */
public final class LayeredImages {

    /** One entry with its content (null for entries without content). */
    public record Entry(LayerEntry entry, byte[] content) {
        public static Entry dir(String path) {
            return new Entry(LayerEntry.directory(path), null);
        }

        public static Entry file(String path, byte[] content) {
            return new Entry(LayerEntry.builder(path, dev.kiln.tar.EntryType.FILE).size(content.length).build(), content);
        }

        public static Entry whiteout(String path) {
            return new Entry(LayerEntry.whiteout(path), null);
        }

        public static Entry of(LayerEntry e) {
            return new Entry(e, null);
        }
    }

    private LayeredImages() {
    }

    /** Writes the layers (bottom first) as an image tagged {@code tag} in the layout at {@code dir}. */
    public static void write(Path dir, String tag, List<List<Entry>> layers, Compression compression) throws Exception {
        OciLayout layout = OciLayout.create(dir);
        ImageDraft draft = ImageDraft.scratch(Platform.host(), Schema.OCI);
        try (LayoutSink sink = layout.sink(List.of(tag), "oci:" + dir + ":" + tag)) {
            int i = 0;
            for (List<Entry> layer : layers) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                LayerDigests d = layer(layer, compression, out);
                Descriptor desc = new Descriptor(MediaType.layer(Schema.OCI, MediaType.Encoding.valueOf(compression.name())),
                        d.digest(), d.size());
                sink.write(desc, new ByteArrayInputStream(out.toByteArray()));
                draft = draft.appendLayer(desc, d.diffId(), History.of(Instant.ofEpochSecond(1_600_000_000L + i),
                        "layer " + i++));
            }
            ImageDraft.Rendered r = draft.render();
            sink.write(r.configDescriptor(), new ByteArrayInputStream(r.configBytes()));
            sink.writeManifest(r.manifestDescriptor(), r.manifestBytes());
            sink.commit(r.manifestDescriptor());
        }
    }

    /** Writes one layer. */
    public static LayerDigests layer(List<Entry> entries, Compression compression, java.io.OutputStream out)
            throws IOException {
        try (LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
            for (Entry e : entries) {
                java.io.InputStream content = e.content() == null ? null : new ByteArrayInputStream(e.content());
                if (e.entry().isSparse()) {
                    content = sparseContent(e.entry(), e.content() == null ? new byte[0] : e.content());
                }
                writer.add(e.entry(), content);
            }
            return writer.finish();
        }
    }

    /**
     * The logical bytes of a sparse entry: zeros, except {@code data} at the start of its first region,
     * produced on the fly so a 2 GiB file never sits in memory.
     */
    public static java.io.InputStream sparseContent(LayerEntry entry, byte[] data) {
        long dataOffset = entry.sparse().get(0).offset();
        long size = entry.size();
        return new java.io.InputStream() {
            private long pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                long start = Math.max(pos, dataOffset);
                long end = Math.min(pos + n, dataOffset + data.length);
                for (long p = start; p < end; p++) {
                    b[off + (int) (p - pos)] = data[(int) (p - dataOffset)];
                }
                pos += n;
                return n;
            }
        };
    }

    /** A list helper that reads well in tests. */
    @SafeVarargs
    public static <T> List<T> listOf(T... items) {
        return new ArrayList<>(List.of(items));
    }
}
