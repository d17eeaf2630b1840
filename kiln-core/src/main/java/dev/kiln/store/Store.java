package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The local image store at {@code $KILN_HOME} (default {@code ~/.local/share/kiln}): an OCI image
 * layout whose {@code index.json} names images by their full reference
 * ({@code org.opencontainers.image.ref.name} = {@code docker.io/library/busybox:1.36.1-1}), so other
 * tools read it as {@code oci:$KILN_HOME:NAME}. Beside the layout: {@code ingest/} (temp files of
 * writes in progress), {@code meta/} (kiln's layer metadata), {@code layers/} (unpacked layers by
 * {@code diff_id}, reserved for build) and {@code lock}.
 *
 * <p>Several kiln processes may use one store at once. Blobs are committed before the index names
 * them and {@code index.json} is replaced atomically, so readers take no lock and never see a half
 * image. Writers hold the collector lock shared; {@link #gc} takes it exclusive (see
 * {@link StoreLocks}).
 */
public final class Store {

    /** What the store keeps beside the layout. */
    private static final java.util.Set<String> OWN_FILES = java.util.Set.of("lock", "ingest", "meta", "layers",
            "blobs", "index.json", "oci-layout");

    private static final Pattern DIGEST_PREFIX = Pattern.compile("(?:sha256:)?([a-f0-9]{6,64})");

    private final Path home;
    private final StoreLocks locks;
    private final OciLayout layout;
    private final LayerSizes layerSizes;

    private Store(Path home, StoreLocks locks, OciLayout layout) {
        this.home = home;
        this.locks = locks;
        this.layout = layout;
        this.layerSizes = new LayerSizes(home.resolve("meta").resolve("layers"));
    }

    /** {@code $KILN_HOME}, else {@code $XDG_DATA_HOME/kiln}, else {@code ~/.local/share/kiln}. */
    public static Path defaultHome(Map<String, String> env) {
        String kilnHome = env.get("KILN_HOME");
        if (kilnHome != null && !kilnHome.isBlank()) {
            return Path.of(kilnHome);
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "kiln");
        }
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(userHome, ".local", "share", "kiln");
    }

    /** Opens the store, creating it on first use. */
    public static Store open(Path home) throws IOException, KilnException {
        Path absolute = home.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        StoreLocks locks = StoreLocks.forFile(absolute.resolve("lock"));
        OciLayout.IndexLock indexLock = new OciLayout.IndexLock() {
            @Override
            public <T> T locked(OciLayout.Action<T> action) throws IOException, KilnException {
                try (StoreLocks.Held held = locks.lockIndex()) {
                    return action.run();
                }
            }
        };
        OciLayout layout;
        // Under the index lock, so a process creating the store is never mistaken for a stranger's files.
        try (StoreLocks.Held held = locks.lockIndex()) {
            if (!OciLayout.isLayout(absolute)) {
                refuseForeignDirectory(absolute);
            }
            layout = OciLayout.create(absolute, absolute.resolve("ingest"), indexLock);
        }
        Files.createDirectories(absolute.resolve("ingest"));
        return new Store(absolute, locks, layout);
    }

    /**
     * Opens a store that must be there already, for commands that only read it (or remove from it):
     * a mistyped {@code --store} or {@code KILN_HOME} is an error naming the path, not a new empty
     * store. An existing empty directory counts as a new store.
     */
    public static Store openExisting(Path home) throws IOException, KilnException {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new StoreNotFoundException("no kiln store at " + absolute + ": "
                    + (Files.exists(absolute) ? "it is not a directory" : "no such directory")
                    + " (check --store and KILN_HOME)");
        }
        if (!OciLayout.isLayout(absolute)) {
            try (var list = Files.list(absolute)) {
                if (list.findAny().isPresent()) {
                    throw new StoreNotFoundException("no kiln store at " + absolute
                            + ": the directory holds other files (check --store and KILN_HOME)");
                }
            }
        }
        return open(absolute);
    }

    private static void refuseForeignDirectory(Path home) throws IOException, KilnException {
        try (var list = Files.list(home)) {
            List<String> foreign = list.map(p -> p.getFileName().toString())
                    .filter(n -> !OWN_FILES.contains(n) && !n.startsWith("."))
                    .toList();
            if (!foreign.isEmpty()) {
                throw new dev.kiln.oci.ImageFormatException("the store directory " + home
                        + " is not a kiln store and not empty (it has " + foreign.get(0)
                        + "); point KILN_HOME at a new directory");
            }
        }
    }

    public Path home() {
        return home;
    }

    public BlobStore blobs() {
        return layout.blobs();
    }

    /** Where writes in progress keep temp files (and archives are decompressed). */
    public Path ingestDir() {
        return home.resolve("ingest");
    }

    /** Root of the unpacked-layer cache, {@code layers/<alg>/<hex>} by {@code diff_id}; reserved for build. */
    public Path layerCacheDir() {
        return home.resolve("layers");
    }

    /** The cache directory for one unpacked layer. */
    public Path layerCacheDir(Digest diffId) {
        return layerCacheDir().resolve(diffId.algorithm()).resolve(diffId.encoded());
    }

    /**
     * The cache directory for a layer unpacked over one particular stack, named by the stack's
     * ChainID ({@code layers/chains/<alg>/<hex>}): for layers whose unpacked form depends on the
     * layers below (directories the layer only implies, hardlinks to lower files).
     */
    public Path chainCacheDir(Digest chainId) {
        return layerCacheDir().resolve(CHAINS).resolve(chainId.algorithm()).resolve(chainId.encoded());
    }

    /** The folder under {@code layers/} that holds {@link #chainCacheDir(Digest)}s. */
    static final String CHAINS = "chains";

    public LayerSizes layerSizes() {
        return layerSizes;
    }

    /** Every entry of the index, in index order. */
    public List<StoredImage> images() throws IOException, KilnException {
        List<StoredImage> images = new ArrayList<>();
        for (Descriptor entry : layout.manifests()) {
            images.add(new StoredImage(nameOf(entry), entry.bare()));
        }
        return images;
    }

    private static Optional<ImageReference> nameOf(Descriptor entry) {
        String refName = entry.annotations().get(Annotations.REF_NAME);
        if (refName == null) {
            return Optional.empty();
        }
        try {
            ImageReference ref = ImageReference.parse(refName);
            return ref.hasTag() ? Optional.of(ref) : Optional.empty();
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
    }

    /** The image tagged with exactly this name ({@code name:tag}), if any. */
    public Optional<StoredImage> find(ImageReference reference) throws IOException, KilnException {
        for (StoredImage image : images()) {
            if (reference.hasDigest()) {
                if (image.root().digest().equals(reference.digest())
                        && (!reference.hasTag() || image.name().map(n -> n.equals(reference.withDigest(null))).orElse(false))) {
                    return Optional.of(image);
                }
            } else if (reference.hasTag() && image.name().map(reference::equals).orElse(false)) {
                return Optional.of(image);
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves what a user typed: {@code name:tag}, {@code name@digest}, a full digest or a unique
     * prefix of one (6+ hex digits, as {@code kiln images} shows them). A name without tag is an
     * error listing its tags: kiln never assumes {@code :latest}.
     */
    public StoredImage resolve(String text) throws IOException, KilnException {
        List<StoredImage> images = images();
        var prefix = DIGEST_PREFIX.matcher(text);
        if (prefix.matches()) {
            List<StoredImage> matches = images.stream()
                    .filter(i -> i.root().digest().encoded().startsWith(prefix.group(1)))
                    .collect(Collectors.toMap(i -> i.root().digest(), i -> i, (a, b) -> a.name().isPresent() ? a : b,
                            java.util.LinkedHashMap::new))
                    .values().stream().toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new ImageNotFoundException("'" + text + "' matches " + matches.size()
                        + " images in the store; give more digits");
            }
            if (text.startsWith("sha256:")) {
                throw new ImageNotFoundException("no image " + text + " in the store at " + home);
            }
        }
        ImageReference reference = ImageReference.parse(text);
        return resolve(reference, images);
    }

    /** Resolves a parsed reference (see {@link #resolve(String)}). */
    public StoredImage resolve(ImageReference reference) throws IOException, KilnException {
        return resolve(reference, images());
    }

    private StoredImage resolve(ImageReference reference, List<StoredImage> images)
            throws IOException, KilnException {
        Optional<StoredImage> found = find(reference);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> tags = images.stream()
                .filter(i -> i.name().map(n -> n.sameRepository(reference)).orElse(false))
                .map(i -> i.name().get().familiar())
                .distinct()
                .toList();
        if (!reference.hasTag() && !reference.hasDigest()) {
            if (tags.isEmpty()) {
                throw new ImageNotFoundException("no image " + reference.familiarName() + " in the store at " + home
                        + " (kiln images lists what there is)");
            }
            throw new ImageNotFoundException(reference.familiarName() + " needs a tag: the store has "
                    + String.join(", ", tags) + " (kiln never assumes :latest)");
        }
        throw new ImageNotFoundException("no image " + reference.familiar() + " in the store at " + home
                + (tags.isEmpty() ? " (kiln images lists what there is)" : " (it has " + String.join(", ", tags) + ")"));
    }

    /** A source for a stored image; readers take no lock. */
    public ImageSource source(StoredImage image) {
        return new LayoutSource(blobs(), image.root(), image.display());
    }

    /**
     * A sink that publishes its root under these names (each needs a tag; none stores it untagged).
     * The sink holds the collector lock shared until closed: close it promptly.
     */
    public ImageSink sink(List<ImageReference> names) throws IOException {
        for (ImageReference name : names) {
            if (!name.hasTag() || name.hasDigest()) {
                throw new IllegalArgumentException("store names need a tag and no digest: " + name);
            }
        }
        List<String> refNames = names.stream().map(ImageReference::toString).toList();
        String description = names.isEmpty() ? "the store" : names.stream().map(ImageReference::familiar)
                .collect(Collectors.joining(", "));
        StoreLocks.Held lease = locks.shareCollector();
        try {
            return new LayoutSink(blobs(), description,
                    root -> layout.update(entries -> OciLayout.retag(entries, root, refNames)),
                    () -> {
                        try {
                            lease.close();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** A held {@link #lease()}; closing it lets gc run again. */
    public interface Lease extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /**
     * Keeps gc away until closed: what this process writes, unpacks or keeps under {@code ingest/}
     * (a build's or run's workspace, unpacked lower layers in use, blobs not named yet) stays. Builds
     * and runs hold one for their whole duration. Leases are shared: many may be held at once.
     */
    public Lease lease() throws IOException {
        StoreLocks.Held held = locks.shareCollector();
        return held::close;
    }

    /** Points a name at a stored root (moving it if it named another). */
    public void tag(Descriptor root, ImageReference name) throws IOException, KilnException {
        if (!name.hasTag() || name.hasDigest()) {
            throw new IllegalArgumentException("store names need a tag and no digest: " + name);
        }
        // Under a lease, so a gc cannot delete the root's blobs between the check and the update.
        try (StoreLocks.Held lease = locks.shareCollector()) {
            if (!blobs().has(root.digest())) {
                throw new ImageNotFoundException("no image " + root.digest() + " in the store at " + home);
            }
            layout.update(entries -> OciLayout.retag(entries, root, List.of(name.toString())));
        }
    }

    /**
     * Removes index entries: the one with this name, or with a digest reference, every entry of that
     * digest. Blobs stay until {@link #gc}. Returns what was removed.
     */
    public List<StoredImage> remove(StoredImage image) throws IOException, KilnException {
        List<StoredImage> removed = new ArrayList<>();
        try (StoreLocks.Held lease = locks.shareCollector()) {
            removeEntries(image, removed);
        }
        return removed;
    }

    private void removeEntries(StoredImage image, List<StoredImage> removed) throws IOException, KilnException {
        layout.update(entries -> {
            List<Descriptor> kept = new ArrayList<>();
            for (Descriptor entry : entries) {
                Optional<ImageReference> name = nameOf(entry);
                boolean match = image.name().isPresent()
                        ? name.equals(image.name())
                        : entry.digest().equals(image.root().digest());
                if (match) {
                    removed.add(new StoredImage(name, entry.bare()));
                } else {
                    kept.add(entry);
                }
            }
            return kept;
        });
    }

    /**
     * Deletes every blob no index entry reaches, the temp files of interrupted writes and cache
     * entries of layers no image uses. Waits for running writers; writers wait for it.
     */
    public GcResult gc() throws IOException, KilnException {
        return gc(false);
    }

    /**
     * As {@link #gc()}; with {@code verify}, also re-hashes every blob it keeps (on every core) and
     * deletes those whose content does not match their digest, naming the images that need them.
     */
    public GcResult gc(boolean verify) throws IOException, KilnException {
        try (StoreLocks.Held collector = locks.excludeCollector()) {
            return new GarbageCollector(this, layout).collect(locks, verify);
        }
    }

    /** Whether a gc would have to wait for a writer, build or run holding a {@link #lease()} now. */
    public boolean busy() throws IOException {
        StoreLocks.Held collector = locks.tryExcludeCollector();
        if (collector == null) {
            return true;
        }
        collector.close();
        return false;
    }

    /** As {@link #gc}, but only if no writer is running now; empty when one is. */
    public Optional<GcResult> gcIfIdle() throws IOException, KilnException {
        StoreLocks.Held collector = locks.tryExcludeCollector();
        if (collector == null) {
            return Optional.empty();
        }
        try (collector) {
            return Optional.of(new GarbageCollector(this, layout).collect(locks, false));
        }
    }
}
