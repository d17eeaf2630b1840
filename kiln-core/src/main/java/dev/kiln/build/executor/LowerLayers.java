package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unpacked layers build steps run on, as the build sees them: made only when a step that runs
 * needs them (a cached rebuild unpacks nothing), counted so tests and reports can tell. The work is
 * the store's unpacked-layer cache ({@code dev.kiln.store.UnpackedLayers}), wired in by the builder.
 */
public final class LowerLayers {

    /** Unpacks a layer blob of the store by diff_id, or finds it unpacked. */
    @FunctionalInterface
    public interface Unpacker {
        /** @return the directory, and whether it had to be unpacked now */
        Unpacked unpack(Descriptor layer, Digest diffId) throws IOException, KilnException;
    }

    /** A layer directory and whether this call made it. */
    public record Unpacked(Path dir, boolean made) {
    }

    /** Keeps a snapshot's new layer unpacked under its diff_id. */
    @FunctionalInterface
    public interface Adopter {
        Path adopt(Snapshot snapshot, Digest diffId) throws IOException, KilnException;
    }

    private final Unpacker unpacker;
    private final Adopter adopter;
    private final AtomicInteger unpacked = new AtomicInteger();

    public LowerLayers(Unpacker unpacker, Adopter adopter) {
        this.unpacker = unpacker;
        this.adopter = adopter;
    }

    /** The directory for this layer, unpacking its blob first when it is not there yet. */
    public Path dir(Descriptor layer, Digest diffId) throws IOException, KilnException {
        Unpacked result = unpacker.unpack(layer, diffId);
        if (result.made()) {
            unpacked.incrementAndGet();
        }
        return result.dir();
    }

    /** Moves a step's result into the cache so the next step needs no extraction. */
    public Path adopt(Snapshot snapshot, Digest diffId) throws IOException, KilnException {
        return adopter.adopt(snapshot, diffId);
    }

    /** How many layers this build had to unpack (a warm rebuild unpacks none). */
    public int unpackedCount() {
        return unpacked.get();
    }
}
