package dev.kiln.format.dockerarchive;

import dev.kiln.KilnException;
import dev.kiln.format.TarArchiveIndex;
import dev.kiln.format.TarBlobSource;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerFormatException;
import dev.kiln.tar.LayerReader;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code docker save} archives in place: the classic form ({@code manifest.json},
 * {@code <id>/layer.tar}, {@code <hex>.json}) and the OCI-in-archive form Docker 25+ writes
 * ({@code index.json} and {@code blobs/} beside {@code manifest.json}). One pass indexes the tar;
 * images then open at random. The classic form has no manifests, so the reader makes an OCI one from
 * {@code manifest.json} and the config; the OCI form's own manifests are used as they are, so their
 * digests survive a load.
 */
public final class DockerArchiveReader implements Closeable {

    public static final String MANIFEST_FILE = "manifest.json";
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([a-f0-9]+)");
    private static final Pattern HEX_JSON = Pattern.compile("(?:.*/)?([a-f0-9]{64})\\.json");

    /** One image of the archive. */
    public record ArchiveImage(int index, List<ImageReference> names, ArchiveManifest entry) {
    }

    private final TarArchiveIndex archive;
    private final List<ArchiveImage> images;

    private DockerArchiveReader(TarArchiveIndex archive, List<ArchiveImage> images) {
        this.archive = archive;
        this.images = images;
    }

    /** Whether an indexed archive looks like a docker save archive. */
    public static boolean isDockerArchive(TarArchiveIndex archive) {
        return archive.contains(MANIFEST_FILE);
    }

    /**
     * Opens an archive.
     *
     * @param tempDir where to decompress an archive compressed as a whole ({@code docker save | gzip})
     */
    public static DockerArchiveReader open(Path file, Path tempDir) throws IOException, KilnException {
        TarArchiveIndex archive = TarArchiveIndex.open(file, tempDir);
        try {
            return open(archive);
        } catch (IOException | KilnException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /** Reads an already indexed archive; closing the reader closes it. */
    public static DockerArchiveReader open(TarArchiveIndex archive) throws IOException, KilnException {
        TarArchiveIndex.Entry manifestEntry = archive.entry(MANIFEST_FILE).orElseThrow(() -> new ImageFormatException(
                archive.file() + " is not a docker archive (no " + MANIFEST_FILE + ")"));
        List<ArchiveManifest> entries = ArchiveManifest.parse(archive.read(manifestEntry, 16 << 20),
                archive.file() + ":" + MANIFEST_FILE);
        List<ArchiveImage> images = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<ImageReference> names = new ArrayList<>();
            for (String tag : entries.get(i).repoTags()) {
                try {
                    names.add(ImageReference.parse(tag));
                } catch (InvalidReferenceException e) {
                    throw new ImageFormatException(archive.file() + ":" + MANIFEST_FILE + ": [" + i + "].RepoTags: "
                            + e.getMessage());
                }
            }
            images.add(new ArchiveImage(i, List.copyOf(names), entries.get(i)));
        }
        return new DockerArchiveReader(archive, List.copyOf(images));
    }

    public Path file() {
        return archive.file();
    }

    public List<ArchiveImage> images() {
        return images;
    }

    /**
     * The image with this name, or at this index, or the only one; fails listing what there is.
     *
     * @param name  a {@code RepoTags} name, or null
     * @param index a position, or -1
     */
    public ArchiveImage find(ImageReference name, int index) throws ImageNotFoundException {
        if (name != null) {
            return images.stream().filter(i -> i.names().contains(name)).findFirst().orElseThrow(() ->
                    new ImageNotFoundException("no image named " + name.familiar() + " in " + archive.file()
                            + " (it has: " + describeAll() + ")"));
        }
        if (index >= 0) {
            if (index >= images.size()) {
                throw new ImageNotFoundException(archive.file() + " has " + images.size() + " images, no @" + index);
            }
            return images.get(index);
        }
        if (images.size() == 1) {
            return images.get(0);
        }
        throw new ImageNotFoundException(archive.file() + " holds " + images.size() + " images (" + describeAll()
                + "); name one as docker-archive:FILE:NAME:TAG or docker-archive:FILE:@N");
    }

    private String describeAll() {
        return images.stream()
                .map(i -> i.names().isEmpty() ? "@" + i.index()
                        : i.names().stream().map(ImageReference::familiar).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(", "));
    }

    /**
     * A source for one image. The source shares this reader's archive: close the reader after the
     * sources (closing a source does nothing).
     */
    public ImageSource source(ArchiveImage image, String description) throws IOException, KilnException {
        ArchiveManifest entry = image.entry();
        String where = archive.file() + ":";
        TarArchiveIndex.Entry configEntry = archive.entry(entry.config()).orElseThrow(() -> new ImageFormatException(
                where + MANIFEST_FILE + ": config file " + entry.config() + " is not in the archive"));
        byte[] configBytes = archive.read(configEntry, ImageSource.MAX_CONFIG_BYTES);
        Digest configDigest = Digest.sha256(configBytes);
        Optional<Digest> named = digestInName(entry.config());
        if (named.isPresent() && !named.get().equals(configDigest)) {
            throw new ImageFormatException(where + entry.config() + " does not match its name: its content hashes to "
                    + configDigest);
        }
        ImageConfig config = ImageConfig.parse(configBytes, where + entry.config());
        if (config.diffIds().size() != entry.layers().size()) {
            throw new ImageFormatException(where + MANIFEST_FILE + ": image " + image.index() + " lists "
                    + entry.layers().size() + " layers but its config has " + config.diffIds().size() + " diff_ids");
        }
        Optional<Descriptor> ociManifest = ociManifestFor(configDigest);
        if (ociManifest.isPresent()) {
            return new TarBlobSource(archive, ociManifest.get(), description,
                    d -> TarBlobSource.blobPath(archive, d), Map.of(), false);
        }
        Map<Digest, String> files = new HashMap<>();
        files.put(configDigest, entry.config());
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < entry.layers().size(); i++) {
            String path = entry.layers().get(i);
            TarArchiveIndex.Entry layerEntry = archive.entry(path).orElseThrow(() -> new ImageFormatException(
                    where + MANIFEST_FILE + ": layer file " + path + " is not in the archive"));
            Compression compression;
            try (InputStream in = new BufferedInputStream(archive.open(layerEntry), 16)) {
                compression = Compression.detect(in);
            }
            Digest digest = digestInName(path).orElse(null);
            if (digest == null) {
                digest = compression == Compression.NONE ? config.diffIds().get(i)
                        : checkedDigest(layerEntry, config.diffIds().get(i), i, where + path);
            }
            files.put(digest, path);
            layers.add(new Descriptor(MediaType.layer(Schema.OCI, MediaType.Encoding.valueOf(compression.name())),
                    digest, layerEntry.size()));
        }
        Manifest manifest = Manifest.of(Schema.OCI, new Descriptor(MediaType.OCI_CONFIG, configDigest, configBytes.length),
                layers);
        byte[] manifestBytes = manifest.toJson();
        Descriptor root = Descriptor.of(MediaType.OCI_MANIFEST, manifestBytes);
        return new TarBlobSource(archive, root, description, d -> Optional.ofNullable(files.get(d)),
                Map.of(root.digest(), manifestBytes), false);
    }

    /**
     * The digest of a compressed layer file whose name gives none, after checking in the same pass
     * that its uncompressed content is what the config's diff_id says: otherwise a load would store,
     * and a push publish, a layer that contradicts its config.
     */
    private Digest checkedDigest(TarArchiveIndex.Entry entry, Digest diffId, int index, String where)
            throws IOException, KilnException {
        LayerDigests digests;
        try (LayerReader reader = LayerReader.open(archive.open(entry))) {
            digests = reader.readToEnd();
        } catch (LayerFormatException e) {
            throw new ImageFormatException(where + ": not a readable layer: " + e.getMessage(), e);
        }
        if (!digests.diffId().equals(diffId)) {
            throw new ImageFormatException(where + ": its uncompressed content hashes to " + digests.diffId()
                    + ", but the config's diff_ids[" + index + "] is " + diffId);
        }
        return digests.digest();
    }

    private static Optional<Digest> digestInName(String path) {
        String normal = path.startsWith("./") ? path.substring(2) : path;
        Matcher blob = BLOB_PATH.matcher(normal);
        if (blob.matches() && Digest.isValid(blob.group(1) + ":" + blob.group(2))) {
            return Optional.of(Digest.parse(blob.group(1) + ":" + blob.group(2)));
        }
        Matcher json = HEX_JSON.matcher(normal);
        if (json.matches()) {
            return Optional.of(new Digest(Digest.SHA256, json.group(1)));
        }
        return Optional.empty();
    }

    /** In the OCI-in-archive form, the real manifest whose config is this one. */
    private Optional<Descriptor> ociManifestFor(Digest configDigest) throws IOException, KilnException {
        Optional<TarArchiveIndex.Entry> indexEntry = archive.entry("index.json");
        if (indexEntry.isEmpty()) {
            return Optional.empty();
        }
        ImageIndex index = ImageIndex.parse(archive.read(indexEntry.get(), ImageSource.MAX_MANIFEST_BYTES),
                archive.file() + ":index.json");
        for (Descriptor candidate : index.manifests()) {
            if (!MediaType.isManifest(candidate.mediaType())) {
                continue;
            }
            Optional<TarArchiveIndex.Entry> file = TarBlobSource.blobPath(archive, candidate.digest()).flatMap(archive::entry);
            if (file.isEmpty() || file.get().size() > ImageSource.MAX_MANIFEST_BYTES) {
                continue;
            }
            byte[] bytes = archive.read(file.get(), ImageSource.MAX_MANIFEST_BYTES);
            if (!Digest.sha256(bytes).equals(candidate.digest())) {
                continue;
            }
            Manifest manifest = Manifest.parse(bytes, archive.file() + ":" + file.get().name());
            if (manifest.config().digest().equals(configDigest)) {
                return Optional.of(candidate.bare());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        archive.close();
    }
}
