package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.snapshot.Snapshot;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The unpacked layers build steps run on, as the build sees them: made only when a step that runs
 * needs them (a cached rebuild unpacks nothing), counted so tests and reports can tell. The work is
 * the store's unpacked-layer cache ({@code dev.kiln.store.UnpackedLayers}), wired in by the builder.
 */
public final class LowerLayers {

    /** Unpacks a stack of layer blobs of the store (bottom first, with their diff_ids), or finds them unpacked. */
    @FunctionalInterface
    public interface Unpacker {
        /** @return the directories, top first, and how many had to be unpacked now */
        Unpacked unpack(List<Descriptor> layers, List<Digest> diffIds) throws IOException, KilnException;
    }

    /** Layer directories, top first, and how many this call made. */
    public record Unpacked(List<Path> topFirst, int made) {
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

    /** The directories of a stack of layers (bottom first), top first, unpacking those not there yet. */
    public List<Path> dirs(List<Descriptor> layers, List<Digest> diffIds) throws IOException, KilnException {
        Unpacked result = unpacker.unpack(layers, diffIds);
        unpacked.addAndGet(result.made());
        return result.topFirst();
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
