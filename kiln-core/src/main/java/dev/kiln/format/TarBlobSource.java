package dev.kiln.format;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobNotFoundException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An image inside an archive: blobs are archive files (found by a format-specific naming rule), plus
 * documents the reader made up (a manifest for a classic docker archive, which has none). Every blob
 * is verified against its descriptor as it is read.
 */
public final class TarBlobSource implements ImageSource {

    private final TarArchiveIndex archive;
    private final Descriptor root;
    private final String description;
    private final Function<Digest, Optional<String>> entryNames;
    private final Map<Digest, byte[]> synthesized;
    private final boolean ownsArchive;

    /**
     * @param entryNames  the archive file holding a blob, if any
     * @param synthesized documents kiln made up for this view, by digest
     * @param ownsArchive whether closing this source closes the archive
     */
    public TarBlobSource(TarArchiveIndex archive, Descriptor root, String description,
            Function<Digest, Optional<String>> entryNames, Map<Digest, byte[]> synthesized, boolean ownsArchive) {
        this.archive = archive;
        this.root = root;
        this.description = description;
        this.entryNames = entryNames;
        this.synthesized = Map.copyOf(synthesized);
        this.ownsArchive = ownsArchive;
    }

    /** The archive file of an OCI layout blob: {@code blobs/<algorithm>/<encoded>}. */
    public static Optional<String> blobPath(TarArchiveIndex archive, Digest digest) {
        String name = "blobs/" + digest.algorithm() + "/" + digest.encoded();
        return archive.contains(name) ? Optional.of(name) : Optional.empty();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Descriptor root() {
        return root;
    }

    @Override
    public InputStream open(Descriptor descriptor) throws IOException, KilnException {
        byte[] made = synthesized.get(descriptor.digest());
        if (made != null) {
            return new ByteArrayInputStream(made);
        }
        Optional<InputStream> embedded = openEmbedded(descriptor);
        if (embedded.isPresent()) {
            return embedded.get();
        }
        Optional<TarArchiveIndex.Entry> entry = entryNames.apply(descriptor.digest()).flatMap(archive::entry);
        if (entry.isEmpty()) {
            throw new BlobNotFoundException(descriptor.digest(), archive.file().toString());
        }
        return new VerifyingInputStream(archive.open(entry.get()), descriptor.digest(), descriptor.size(),
                archive.file() + ":" + entry.get().name());
    }

    @Override
    public void close() throws IOException {
        if (ownsArchive) {
            archive.close();
        }
    }
}
