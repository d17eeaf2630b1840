package dev.kiln.testing;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobInfo;
import dev.kiln.blob.BlobWriter;
import dev.kiln.image.ImageSink;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.Store;
import dev.kiln.tar.Compression;
import dev.kiln.tar.DirectoryLayer;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriteOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Base images written straight into a store for build tests: a directory tree as one layer, with a
 * PATH like the official images'. Kept apart from {@code kiln import} so that build tests do not
 * depend on the CLI.
 */
public final class StoreBaseImages {

    private StoreBaseImages() {
    }

    /** A busybox-static image named {@code name} (made from {@link BusyboxRootfs} under {@code scratch}). */
    public static Descriptor busybox(Store store, String name, Path scratch) throws IOException, KilnException {
        return fromDirectory(store, name, BusyboxRootfs.create(scratch.resolve("busybox-rootfs")), List.of("sh"));
    }

    public static Descriptor fromDirectory(Store store, String name, Path rootfs, List<String> cmd)
            throws IOException, KilnException {
        LayerDigests digests;
        BlobInfo info;
        try (BlobWriter writer = store.blobs().writer()) {
            digests = DirectoryLayer.write(rootfs, writer.stream(), Compression.GZIP,
                    LayerWriteOptions.DEFAULT.withSourceDateEpoch(Instant.ofEpochSecond(1_700_000_000L)));
            info = writer.commit(digests.digest(), digests.size());
        }
        Descriptor layer = new Descriptor(MediaType.layer(Schema.OCI, MediaType.Encoding.GZIP), info.digest(), info.size());
        ImageDraft draft = ImageDraft.scratch(Platform.host(), Schema.OCI)
                .appendLayer(layer, digests.diffId(), History.of(Instant.ofEpochSecond(1_700_000_000L), "test base " + name))
                .withConfig(ContainerConfig.builder()
                        .env(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))
                        .cmd(cmd).build())
                .withCreated(Instant.ofEpochSecond(1_700_000_000L));
        ImageDraft.Rendered rendered = draft.render();
        try (ImageSink sink = store.sink(List.of(ImageReference.parse(name)))) {
            sink.write(rendered.configDescriptor(), new ByteArrayInputStream(rendered.configBytes()));
            sink.writeManifest(rendered.manifestDescriptor(), rendered.manifestBytes());
            sink.commit(rendered.manifestDescriptor());
        }
        return rendered.manifestDescriptor();
    }
}
