package dev.kiln.squash;

import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.Images;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Writes test layer stacks as images into OCI layout directories, and loads them back. */
final class TestImages {

    private TestImages() {
    }

    static void write(OciLayout layout, String tag, List<List<TreeModel.Item>> layers, Compression compression)
            throws Exception {
        ImageDraft draft = ImageDraft.scratch(Platform.parse("linux/amd64"), Schema.OCI)
                .appendHistory(History.emptyLayer(Instant.ofEpochSecond(1_600_000_000L), "ENV A=1"));
        try (LayoutSink sink = layout.sink(List.of(tag), "oci:" + layout.directory() + ":" + tag)) {
            int i = 0;
            for (List<TreeModel.Item> layer : layers) {
                Layers.Written w = Layers.write(layer, compression);
                Descriptor d = new Descriptor(MediaType.layer(Schema.OCI, MediaType.Encoding.valueOf(compression.name())),
                        w.digests().digest(), w.digests().size());
                sink.write(d, new ByteArrayInputStream(w.blob()));
                draft = draft.appendLayer(d, w.digests().diffId(),
                        History.of(Instant.ofEpochSecond(1_600_000_000L + i), "RUN step " + i++));
            }
            ImageDraft.Rendered r = draft.render();
            sink.write(r.configDescriptor(), new ByteArrayInputStream(r.configBytes()));
            sink.writeManifest(r.manifestDescriptor(), r.manifestBytes());
            sink.commit(r.manifestDescriptor());
        }
    }

    static Image load(OciLayout layout, String tag) throws Exception {
        return Images.resolve(layout.source(tag, "oci:" + layout.directory() + ":" + tag), Platform.parse("linux/amd64"));
    }

    static Path blob(OciLayout layout, Descriptor d) {
        return layout.blobs().path(d.digest());
    }
}
