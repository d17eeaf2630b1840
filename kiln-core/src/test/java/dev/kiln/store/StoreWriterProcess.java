package dev.kiln.store;

import dev.kiln.event.EventSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A separate JVM that writes {@code count} images named {@code PREFIX:N} into a store, for tests of
 * concurrent writers across processes. Arguments: home, scratch dir, prefix, count, seed.
 */
public final class StoreWriterProcess {

    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        writeImages(Path.of(args[0]), Path.of(args[1]), args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
    }

    /** Writes the images; also used by in-process threads. */
    static void writeImages(Path home, Path scratchDir, String prefix, int count, long seed) throws Exception {
        Store store = Store.open(home);
        Files.createDirectories(scratchDir);
        OciLayout scratch = OciLayout.create(scratchDir);
        ImageCopier copier = new ImageCopier(EventSink.NONE);
        for (int i = 0; i < count; i++) {
            Descriptor root = TestImages.write(scratch.blobs(), 1, Compression.NONE, seed * 1000 + i).manifest();
            try (ImageSource source = new LayoutSource(scratch.blobs(), root, "scratch");
                 ImageSink sink = store.sink(List.of(ImageReference.parse(prefix + ":" + i)))) {
                copier.copy(source, sink, CopyOptions.DEFAULT);
            }
        }
    }
}
