package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.tar.DevicePolicy;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.SafeExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Unpacked layers for build steps: one overlay-style directory per {@code diff_id} (whiteouts as 0:0
 * character devices, opaque directories marked), shared by every build on the store and made only
 * when a step that runs needs it. A directory appears atomically, so a concurrent build unpacking the
 * same layer just finds it there.
 */
public final class LowerLayers {

    private static final ExtractOptions OVERLAY = ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY)
            .withDevices(DevicePolicy.ALLOW);

    private final BlobStore blobs;
    private final Function<Digest, Path> dirOf;
    private final AtomicInteger unpacked = new AtomicInteger();

    /** @param dirOf where the unpacked layer of a diff_id lives ({@code Store.layerCacheDir(diffId)}) */
    public LowerLayers(BlobStore blobs, Function<Digest, Path> dirOf) {
        this.blobs = blobs;
        this.dirOf = dirOf;
    }

    /** The directory for this layer, unpacking its blob first when it is not there yet. */
    public Path dir(Descriptor layer, Digest diffId) throws IOException, KilnException {
        Path dir = dirOf.apply(diffId);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return dir;
        }
        Files.createDirectories(dir.getParent());
        try (InputStream in = blobs.open(layer)) {
            LayerDigests digests = SafeExtractor.extractAtomically(in, dir, OVERLAY);
            if (!digests.diffId().equals(diffId)) {
                dev.kiln.tar.FileTrees.deleteRecursively(dir);
                throw new dev.kiln.blob.BlobDigestMismatchException(diffId, "layer " + layer.digest() + " has diff_id "
                        + digests.diffId() + " but the image config says " + diffId);
            }
            unpacked.incrementAndGet();
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // another build unpacked it meanwhile
        } catch (IOException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
        return dir;
    }

    /** Where a layer made by a step should be stored unpacked (it must not exist yet). */
    public Path target(Digest diffId) {
        return dirOf.apply(diffId);
    }

    /** How many layers this build had to unpack (a warm rebuild unpacks none). */
    public int unpackedCount() {
        return unpacked.get();
    }
}
