package dev.kiln.registry;

import dev.kiln.KilnException;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.ref.ImageReference;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An image (or index) in a registry as an {@link ImageSource}. The root is the manifest the tag or
 * digest names, tried first on the configured mirrors. Manifests are fetched by digest (and kept);
 * blobs stream with resume after drops and are verified against their descriptors as they are read.
 */
public final class RegistryImageSource implements ImageSource {

    private final RegistrySession session;
    private final BlobLocations locations;
    private final ImageReference reference;
    private final Map<Digest, byte[]> manifests = new ConcurrentHashMap<>();
    private volatile RegistryHttp http;
    private volatile Descriptor root;

    RegistryImageSource(RegistrySession session, BlobLocations locations, ImageReference reference) {
        this.session = session;
        this.locations = locations;
        this.reference = reference;
    }

    @Override
    public String describe() {
        return reference.familiar();
    }

    @Override
    public Descriptor root() throws IOException, KilnException {
        if (root != null) {
            return root;
        }
        if (!reference.hasTag() && !reference.hasDigest()) {
            throw new ImageNotFoundException(reference.familiar() + ": name a tag or a digest (kiln does not assume :latest)"
                    + tagHint());
        }
        String wanted = reference.hasDigest() ? reference.digest().toString() : reference.tag();
        List<String> hosts = new ArrayList<>(session.config().mirrorsFor(reference.registry()));
        hosts.add(reference.apiHost());
        RegistryException last = null;
        for (String host : hosts) {
            RegistryHttp candidate = session.host(host);
            try {
                FetchedManifest fetched = new ManifestPull(candidate, reference.repository()).get(wanted);
                http = candidate;
                String mediaType = fetched.mediaType();
                if (!MediaType.isManifest(mediaType) && !MediaType.isIndex(mediaType)) {
                    mediaType = sniff(fetched.bytes());
                }
                remember(fetched.digest(), fetched.bytes(), mediaType);
                root = new Descriptor(mediaType, fetched.digest(), fetched.size());
                if (!host.equals(reference.apiHost())) {
                    session.events().info("pulling " + reference.familiar() + " from mirror " + host);
                }
                return root;
            } catch (RegistryException e) {
                last = e;
                if (!host.equals(reference.apiHost())) {
                    session.events().debug("mirror " + host + " failed for " + reference.familiar() + ": " + e.getMessage());
                }
            }
        }
        if (last.code() == ErrorCode.MANIFEST_UNKNOWN || last.code() == ErrorCode.NAME_UNKNOWN) {
            throw new ImageNotFoundException(reference.familiar() + ": not found in " + reference.registry()
                    + " (" + last.code().phrase() + ")");
        }
        throw last;
    }

    /** The repository's tags for an error message, or nothing when they cannot be listed. */
    private String tagHint() {
        try {
            List<String> tags = new TagList(session.host(reference.apiHost()), reference.repository()).all(0);
            if (tags.isEmpty()) {
                return "";
            }
            List<String> shown = tags.size() > 10 ? tags.subList(tags.size() - 10, tags.size()) : tags;
            return "; tags there: " + String.join(", ", shown) + (tags.size() > 10 ? " (and " + (tags.size() - 10) + " more)" : "");
        } catch (RegistryException e) {
            return "";
        }
    }

    @Override
    public InputStream open(Descriptor descriptor) throws IOException, KilnException {
        if (http == null) {
            root();
        }
        Optional<InputStream> embedded = openEmbedded(descriptor);
        if (embedded.isPresent()) {
            return embedded.get();
        }
        if (MediaType.isManifest(descriptor.mediaType()) || MediaType.isIndex(descriptor.mediaType())) {
            return new ByteArrayInputStream(manifest(descriptor));
        }
        String id = descriptor.digest().shortHex();
        TransferProgress progress = new TransferProgress(session.events(), id, "copy", descriptor.size());
        InputStream raw = new BlobPull(http, reference.repository()).open(descriptor.digest(), descriptor.size());
        return new VerifyingInputStream(new Counting(raw, progress), descriptor.digest(), descriptor.size(),
                http.host() + "/" + reference.repository());
    }

    private byte[] manifest(Descriptor descriptor) throws RegistryException, ImageFormatException {
        byte[] known = manifests.get(descriptor.digest());
        if (known != null) {
            return known;
        }
        FetchedManifest fetched = new ManifestPull(http, reference.repository()).get(descriptor.digest().toString());
        if (descriptor.size() >= 0 && fetched.size() != descriptor.size()) {
            throw new RegistryException(http.host(), reference.repository(), ErrorCode.DIGEST_MISMATCH,
                    "pull manifest " + descriptor.digest(), "size " + fetched.size() + ", expected " + descriptor.size());
        }
        remember(fetched.digest(), fetched.bytes(), descriptor.mediaType());
        return fetched.bytes();
    }

    /** Keeps a manifest's bytes and notes where its blobs live (for mounts on a later push). */
    private void remember(Digest digest, byte[] bytes, String mediaType) {
        manifests.put(digest, bytes);
        if (MediaType.isManifest(mediaType)) {
            try {
                Manifest manifest = Manifest.parse(bytes);
                locations.seen(http.host(), reference.repository(), manifest.config().digest());
                manifest.layers().forEach(layer -> locations.seen(http.host(), reference.repository(), layer.digest()));
            } catch (ImageFormatException e) {
                // Not an image manifest we understand; the copier will say so when it reads it.
            }
        }
    }

    /** A registry that sends no usable Content-Type: tell manifest from index by the document. */
    private static String sniff(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
        if (text.contains("\"manifests\"")) {
            return text.contains(MediaType.DOCKER_MANIFEST_LIST) ? MediaType.DOCKER_MANIFEST_LIST : MediaType.OCI_INDEX;
        }
        return text.contains(MediaType.DOCKER_MANIFEST) ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
    }

    @Override
    public void close() {
        // Connections belong to the session.
    }

    /** Reports bytes read as progress. */
    private static final class Counting extends FilterInputStream {
        private final TransferProgress progress;
        private long total;

        Counting(InputStream in, TransferProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                progress.accept(++total);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                total += n;
                progress.accept(total);
            }
            return n;
        }
    }
}
