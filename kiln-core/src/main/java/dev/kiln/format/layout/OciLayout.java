package dev.kiln.format.layout;

import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.LayoutHeader;
import dev.kiln.oci.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An OCI image layout directory: {@code oci-layout}, {@code index.json} and {@code blobs/}. Images in
 * it are named by the {@code org.opencontainers.image.ref.name} annotation of their
 * {@code index.json} entry (one entry per name; entries without one are untagged).
 *
 * <p>{@code index.json} is only ever replaced whole and atomically, after every blob it names is in
 * place, so a reader sees the layout before or after a write, never in between. Concurrent writers
 * of one layout need the {@link IndexLock} the local store supplies; a plain directory uses none.
 */
public final class OciLayout {

    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    /** Temp files of blobs being written to a plain layout directory. */
    public static final String INGEST_DIR = ".kiln-ingest";

    /** Serialises read-modify-write cycles of {@code index.json}. */
    @FunctionalInterface
    public interface IndexLock {
        <T> T locked(Action<T> action) throws IOException, KilnException;

        IndexLock NONE = new IndexLock() {
            @Override
            public <T> T locked(Action<T> action) throws IOException, KilnException {
                return action.run();
            }
        };
    }

    /** Work done under the index lock. */
    @FunctionalInterface
    public interface Action<T> {
        T run() throws IOException, KilnException;
    }

    private final Path dir;
    private final BlobStore blobs;
    private final IndexLock lock;
    /** What this object made to create the layout, to take back if nothing is ever committed to it. */
    private final Created created;

    /** Whether opening made the layout: nothing, its files in an empty directory, or the directory too. */
    private enum Created { NOTHING, FILES, DIRECTORY }

    private OciLayout(Path dir, Path ingest, IndexLock lock) {
        this(dir, ingest, lock, Created.NOTHING);
    }

    private OciLayout(Path dir, Path ingest, IndexLock lock, Created created) {
        this.dir = dir.toAbsolutePath();
        this.blobs = new BlobStore(this.dir, ingest);
        this.lock = lock;
        this.created = created;
    }

    /** Whether the directory holds an OCI layout. */
    public static boolean isLayout(Path dir) {
        return Files.isRegularFile(dir.resolve(LAYOUT_FILE));
    }

    /** Opens an existing layout, checking its {@code oci-layout} file. */
    public static OciLayout open(Path dir) throws IOException, ImageFormatException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!isLayout(dir)) {
            throw new ImageFormatException(dir + " is not an OCI image layout (no " + LAYOUT_FILE + " file)");
        }
        LayoutHeader.parse(Files.readAllBytes(dir.resolve(LAYOUT_FILE)), dir.resolve(LAYOUT_FILE).toString());
        return new OciLayout(dir, dir.resolve(INGEST_DIR), new LayoutFileLock(dir.resolve(LAYOUT_FILE)));
    }

    /**
     * Opens a layout, creating it in a new or empty directory. Updates of {@code index.json} are
     * serialised across kiln processes by a lock on the {@code oci-layout} file. A sink of a layout
     * this call created takes the layout back (files, and the directory if it made it) when it closes
     * with nothing committed, so a failed export leaves no empty skeleton.
     */
    public static OciLayout create(Path dir) throws IOException, ImageFormatException {
        if (Files.isDirectory(dir) && !isLayout(dir)) {
            try (var list = Files.list(dir)) {
                if (list.anyMatch(p -> !p.getFileName().toString().equals(INGEST_DIR))) {
                    throw new ImageFormatException(dir + " is neither an OCI image layout nor empty; choose a new directory");
                }
            }
        }
        boolean existed = Files.isDirectory(dir);
        boolean wasLayout = existed && isLayout(dir);
        OciLayout layout = create(dir, dir.resolve(INGEST_DIR), new LayoutFileLock(dir.resolve(LAYOUT_FILE)));
        if (wasLayout) {
            return layout;
        }
        return new OciLayout(layout.dir, dir.resolve(INGEST_DIR), layout.lock, existed ? Created.FILES : Created.DIRECTORY);
    }

    /**
     * Opens or creates a layout with its own ingest directory and index lock (the local store's, which
     * keeps its own files beside the layout).
     */
    public static OciLayout create(Path dir, Path ingest, IndexLock lock) throws IOException, ImageFormatException {
        if (Files.isDirectory(dir) && isLayout(dir)) {
            LayoutHeader.parse(Files.readAllBytes(dir.resolve(LAYOUT_FILE)), dir.resolve(LAYOUT_FILE).toString());
            return new OciLayout(dir, ingest, lock);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ImageFormatException(dir + " exists and is not a directory");
        }
        Files.createDirectories(dir.resolve("blobs"));
        OciLayout layout = new OciLayout(dir, ingest, lock);
        layout.writeAtomically(dir.resolve(LAYOUT_FILE), LayoutHeader.CURRENT.toJson());
        return layout;
    }

    public Path directory() {
        return dir;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The current {@code index.json} (an empty index when there is none yet). */
    public ImageIndex index() throws IOException, ImageFormatException {
        Path file = dir.resolve(INDEX_FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ImageIndex.of(Schema.OCI, List.of());
        }
        return ImageIndex.parse(bytes, file.toString());
    }

    /** Every entry of {@code index.json}. */
    public List<Descriptor> manifests() throws IOException, ImageFormatException {
        return index().manifests();
    }

    /** The entry named so, if any. */
    public Optional<Descriptor> find(String refName) throws IOException, ImageFormatException {
        return manifests().stream()
                .filter(d -> refName.equals(d.annotations().get(Annotations.REF_NAME)))
                .findFirst();
    }

    /**
     * A source for the image named {@code refName}, or for the only image when the name is null.
     * Fails listing the names there are when it is ambiguous or missing.
     */
    public LayoutSource source(String refName, String description) throws IOException, KilnException {
        List<Descriptor> entries = manifests();
        if (refName != null) {
            Descriptor found = entries.stream()
                    .filter(d -> refName.equals(d.annotations().get(Annotations.REF_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new ImageNotFoundException(description + ": no image tagged '" + refName
                            + "' in " + dir + " (it has: " + names(entries) + ")"));
            return new LayoutSource(blobs, found, description);
        }
        if (entries.size() == 1) {
            return new LayoutSource(blobs, entries.get(0), description);
        }
        if (entries.isEmpty()) {
            throw new ImageNotFoundException(description + ": the layout " + dir + " holds no image");
        }
        throw new ImageNotFoundException(description + ": the layout " + dir + " holds " + entries.size()
                + " images (" + names(entries) + "); name one as oci:" + dir + ":TAG");
    }

    private static String names(List<Descriptor> entries) {
        if (entries.isEmpty()) {
            return "nothing";
        }
        return entries.stream()
                .map(d -> d.annotations().getOrDefault(Annotations.REF_NAME, "untagged " + d.digest().shortHex()))
                .collect(Collectors.joining(", "));
    }

    /** A sink that publishes its root under these ref names (none: one untagged entry). */
    public LayoutSink sink(List<String> refNames, String description) {
        LayoutSink[] sink = new LayoutSink[1];
        sink[0] = new LayoutSink(blobs, description, root -> update(entries -> retag(entries, root, refNames)),
                () -> {
                    removeEmptyIngest();
                    if (!sink[0].committed()) {
                        removeSkeleton();
                    }
                });
        return sink[0];
    }

    /**
     * Takes back a layout this object created when nothing was ever published to it. Best effort: an
     * {@code index.json} (another writer committed meanwhile) or files kiln did not write keep it.
     */
    private void removeSkeleton() {
        if (created == Created.NOTHING || Files.exists(dir.resolve(INDEX_FILE))) {
            return;
        }
        try {
            deleteTree(dir.resolve("blobs"));
            deleteTree(dir.resolve(INGEST_DIR));
            Files.deleteIfExists(dir.resolve(LAYOUT_FILE));
            if (created == Created.DIRECTORY) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // not empty (someone else's files) or already gone: leave the rest
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void removeEmptyIngest() {
        Path ingest = dir.resolve(INGEST_DIR);
        try {
            Files.deleteIfExists(ingest);
        } catch (IOException e) {
            // not empty (another writer) or gone: either way nothing to do
        }
    }

    /** Changes the entry list under the lock and replaces {@code index.json} atomically. */
    public void update(UnaryOperator<List<Descriptor>> change) throws IOException, KilnException {
        lock.locked(() -> {
            ImageIndex current = index();
            List<Descriptor> changed = change.apply(current.manifests());
            ImageIndex next = new ImageIndex(2, Schema.OCI.indexType(), null, changed, null, current.annotations());
            writeAtomically(dir.resolve(INDEX_FILE), next.toJson());
            return null;
        });
    }

    /**
     * The entry list with {@code root} published under {@code names}: each name moves to the new root;
     * without names, the root is added once, untagged.
     */
    public static List<Descriptor> retag(List<Descriptor> entries, Descriptor root, List<String> names) {
        Descriptor bare = root.bare();
        if (names.isEmpty() && entries.stream().anyMatch(e -> e.digest().equals(root.digest()))) {
            return entries;
        }
        List<Descriptor> result = new ArrayList<>();
        for (Descriptor entry : entries) {
            String name = entry.annotations().get(Annotations.REF_NAME);
            boolean replaced = name != null && names.contains(name);
            if (!replaced) {
                result.add(entry);
            }
        }
        if (names.isEmpty()) {
            result.add(bare);
        }
        for (String name : names) {
            result.add(bare.withAnnotation(Annotations.REF_NAME, name));
        }
        return result;
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        dev.kiln.AtomicFile.write(target, content);
    }
}
