package dev.kiln.registry;

import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.blob.DigestingOutputStream;
import dev.kiln.image.ImageSink;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import dev.kiln.ref.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry repository as an {@link ImageSink}. Blobs are checked with HEAD (by the copier, through
 * {@link #has}), mounted from another repository of the same registry when kiln saw them there, or
 * uploaded; manifests are put by digest as they come (children before their index), and
 * {@link #commit} puts the root under the tag only after everything it names is confirmed present.
 */
public final class RegistryImageSink implements ImageSink {

    /** Blobs up to this size are held in memory so any upload of them can be retried. */
    private static final int IN_MEMORY = 8 << 20;

    private final RegistrySession session;
    private final BlobLocations locations;
    private final ImageReference reference;
    private final RegistryHttp http;
    private final Map<Digest, byte[]> manifests = new ConcurrentHashMap<>();

    RegistryImageSink(RegistrySession session, BlobLocations locations, ImageReference reference) {
        this.session = session;
        this.locations = locations;
        this.reference = reference;
        this.http = session.host(reference.apiHost());
    }

    @Override
    public String describe() {
        return reference.familiar();
    }

    private String repository() {
        return reference.repository();
    }

    @Override
    public boolean has(Descriptor descriptor) throws IOException {
        try {
            if (MediaType.isManifest(descriptor.mediaType()) || MediaType.isIndex(descriptor.mediaType())) {
                return new ManifestPull(http, repository()).head(descriptor.digest().toString()).isPresent();
            }
            return new BlobCheck(http, repository()).size(descriptor.digest(), Request.pushScope(repository())).isPresent();
        } catch (RegistryException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void write(Descriptor descriptor, Content content) throws IOException, KilnException {
        BodySource.Opener opener = offset -> {
            try {
                InputStream in = content.open();
                in.skipNBytes(offset);
                return in;
            } catch (KilnException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
        upload(descriptor, opener);
    }

    @Override
    public void write(Descriptor descriptor, InputStream content) throws IOException, KilnException {
        if (descriptor.size() <= IN_MEMORY) {
            byte[] bytes = content.readNBytes(IN_MEMORY + 1);
            upload(descriptor, offset -> new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset));
            return;
        }
        // One pass only: the stream cannot be read again, so a broken upload is not retried.
        boolean[] used = {false};
        upload(descriptor, offset -> {
            if (used[0] || offset != 0) {
                throw new IOException("cannot resend " + descriptor.digest().shortHex() + ": its source reads once");
            }
            used[0] = true;
            return content;
        });
    }

    private void upload(Descriptor descriptor, BodySource.Opener opener) throws RegistryException {
        Digest digest = descriptor.digest();
        Optional<String> mountFrom = locations.repositoryOf(http.host(), digest).filter(r -> !r.equals(repository()));
        TransferProgress progress = new TransferProgress(session.events(), digest.shortHex(), "copy", descriptor.size());
        BlobUpload.Outcome outcome = new BlobUpload(http, repository())
                .push(digest, descriptor.size(), opener, mountFrom, progress, false);
        if (outcome == BlobUpload.Outcome.MOUNTED) {
            session.events().debug("mounted " + digest.shortHex() + " from " + mountFrom.orElse("?"));
        }
        locations.seen(http.host(), repository(), digest);
    }

    @Override
    public Descriptor write(Blob blob) throws IOException, KilnException {
        // The digest is known only after writing: spool once, then upload (retryable) from the file.
        Path spool = Files.createTempFile("kiln-push-", ".blob");
        try {
            Digest digest;
            long size;
            try (OutputStream file = Files.newOutputStream(spool);
                 DigestingOutputStream out = new DigestingOutputStream(file)) {
                blob.writeTo(out);
                out.flush();
                digest = out.digest();
                size = out.size();
            }
            Descriptor descriptor = new Descriptor(blob.mediaType(), digest, size);
            if (!has(descriptor)) {
                upload(descriptor, offset -> {
                    InputStream in = Files.newInputStream(spool);
                    in.skipNBytes(offset);
                    return in;
                });
            }
            return descriptor;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public void writeManifest(Descriptor descriptor, byte[] content) throws IOException, KilnException {
        Digest actual = Digest.sha256(content);
        if (!actual.equals(descriptor.digest())) {
            throw new IOException(describe() + ": manifest bytes hash to " + actual + ", not " + descriptor.digest());
        }
        new ManifestPush(http, repository()).put(descriptor.digest().toString(), content, descriptor.mediaType());
        manifests.put(descriptor.digest(), content);
    }

    @Override
    public void commit(Descriptor root) throws IOException, KilnException {
        byte[] content = manifests.get(root.digest());
        if (content == null) {
            throw new IOException(describe() + ": root " + root.digest() + " was not written before commit");
        }
        if (reference.hasTag()) {
            new ManifestPush(http, repository()).put(reference.tag(), content, root.mediaType());
        }
        if (reference.hasDigest() && !reference.digest().equals(root.digest())) {
            throw new RegistryException(http.host(), repository(), ErrorCode.DIGEST_MISMATCH, "push " + describe(),
                    "the image's digest is " + root.digest());
        }
    }

    @Override
    public void close() {
        // Blobs already pushed stay (registries collect unreferenced ones); nothing names them.
    }
}
