package dev.kiln.blob;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Content-addressed blobs under {@code <root>/blobs/<algorithm>/<encoded>}, the layout of an OCI image
 * layout directory. Every write goes through a {@link BlobWriter} (temp file in the ingest directory,
 * digest and size checked, atomic rename), and every read through a {@link VerifyingInputStream}, so
 * a blob is either absent or complete, and corruption is caught when the blob is read.
 *
 * <p>Safe for concurrent use by several threads and processes: writers never share a temp file, and
 * the rename is atomic. Deciding which blobs are garbage needs knowledge of what references them, so
 * it lives with the owner of the store (see {@code store.Store#gc}).
 */
public final class BlobStore {

    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}|[a-f0-9]{128}");
    /** Suffix of ingest temp files, so cleanup never touches anything else. */
    static final String PARTIAL = ".partial";

    private final Path root;
    private final Path blobs;
    private final Path ingest;

    /**
     * @param root   the directory that holds {@code blobs/}
     * @param ingest where temp files go; must be on the same filesystem as {@code root}
     */
    public BlobStore(Path root, Path ingest) {
        this.root = root.toAbsolutePath();
        this.blobs = this.root.resolve("blobs");
        this.ingest = ingest.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path ingestDir() {
        return ingest;
    }

    /** Where a blob lives (whether or not it exists). */
    public Path path(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.encoded());
    }

    /** Whether a file is stored under the digest (whatever its state; see {@link #has(Descriptor)}). */
    public boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /**
     * Whether the blob a descriptor names is stored with the descriptor's size: a truncated or
     * overgrown copy counts as absent, so the next pull, load or copy writes a good one over it.
     */
    public boolean has(Descriptor descriptor) {
        return has(descriptor.digest(), descriptor.size());
    }

    /** Whether the blob is stored with this size (any size if negative). */
    public boolean has(Digest digest, long size) {
        Path path = path(digest);
        try {
            return Files.isRegularFile(path) && (size < 0 || Files.size(path) == size);
        } catch (IOException e) {
            return false;
        }
    }

    /** The stored size of a blob. */
    public long size(Digest digest) throws IOException, BlobNotFoundException {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest, root.toString());
        }
    }

    /** Opens a blob; the stream fails at its end if the content does not hash to the digest. */
    public InputStream open(Digest digest) throws IOException, BlobNotFoundException {
        return open(digest, -1);
    }

    /** Opens the blob a descriptor names, checking digest and size. */
    public InputStream open(Descriptor descriptor) throws IOException, BlobNotFoundException {
        return open(descriptor.digest(), descriptor.size());
    }

    private InputStream open(Digest digest, long expectedSize) throws IOException, BlobNotFoundException {
        Path path = path(digest);
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest, root.toString());
        }
        return new VerifyingInputStream(new java.io.BufferedInputStream(in, 1 << 16), digest, expectedSize,
                path.toString());
    }

    /**
     * Reads a small blob (a manifest or config) whole and verified.
     *
     * @param limit the most bytes to accept; larger blobs are refused rather than loaded
     */
    public byte[] read(Descriptor descriptor, int limit)
            throws IOException, BlobNotFoundException, ImageFormatException {
        if (descriptor.size() > limit) {
            throw new ImageFormatException("blob " + descriptor.digest() + " is " + descriptor.size()
                    + " bytes, more than the " + limit + " a " + descriptor.mediaType() + " may have");
        }
        try (InputStream in = open(descriptor)) {
            return in.readAllBytes();
        }
    }

    /** Starts writing a new blob. Close the writer (try-with-resources) to discard it if not committed. */
    public BlobWriter writer() throws IOException {
        return writer(true);
    }

    private BlobWriter writer(boolean hashing) throws IOException {
        Files.createDirectories(ingest);
        return new BlobWriter(this, ingest.resolve(UUID.randomUUID() + PARTIAL), hashing);
    }

    /**
     * Stores a stream's content.
     *
     * @param expected the digest it must have, or null to store it under whatever it hashes to
     */
    public BlobInfo put(InputStream content, Digest expected) throws IOException, BlobDigestMismatchException {
        return put(content, expected, -1);
    }

    /** Stores a stream's content, checking digest (if given) and size (if not -1). */
    public BlobInfo put(InputStream content, Digest expected, long expectedSize)
            throws IOException, BlobDigestMismatchException {
        // Content that verifies itself against the same digest (what every ImageSource opens) is
        // not hashed a second time: its check at the end of the stream is the proof.
        boolean trusted = content instanceof VerifyingInputStream verifying && expected != null
                && verifying.expected().equals(expected)
                && (expectedSize < 0 || verifying.expectedSize() == expectedSize);
        try (BlobWriter writer = writer(!trusted)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = content.read(buffer)) >= 0) {
                writer.stream().write(buffer, 0, n);
            }
            if (trusted && !((VerifyingInputStream) content).passed()) {
                throw new BlobDigestMismatchException(expected, "blob " + expected + " was not verified to its end");
            }
            return writer.commit(expected, expectedSize);
        }
    }

    public BlobInfo put(byte[] content) throws IOException {
        Digest digest = Digest.sha256(content);
        if (has(digest, content.length)) {
            return new BlobInfo(digest, content.length);
        }
        try (BlobWriter writer = writer()) {
            writer.stream().write(content);
            return writer.commit(digest, content.length);
        } catch (BlobDigestMismatchException e) {
            throw new IllegalStateException("in-memory content changed while being written", e);
        }
    }

    /** Writes a blob and returns its descriptor. */
    public Descriptor put(Blob blob) throws IOException, KilnException {
        try (BlobWriter writer = writer()) {
            try (OutputStream out = writer.stream()) {
                blob.writeTo(out);
            }
            return writer.commit().describe(blob.mediaType());
        }
    }

    /**
     * Re-reads a stored blob whole and hashes it.
     *
     * @return why it is damaged (its content hashes to another digest), or empty if it is sound or gone
     */
    public java.util.Optional<String> check(Digest digest) throws IOException {
        try (DigestingInputStream in = new DigestingInputStream(Files.newInputStream(path(digest)), digest.algorithm())) {
            in.drain();
            Digest actual = in.digest();
            return actual.equals(digest) ? java.util.Optional.empty()
                    : java.util.Optional.of("its " + in.size() + " bytes hash to " + actual);
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    /** Removes a blob; true if it existed. */
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(path(digest));
    }

    /** Every stored blob, sorted; files that are not named like a digest are ignored. */
    public List<Digest> list() throws IOException {
        List<Digest> digests = new ArrayList<>();
        if (!Files.isDirectory(blobs)) {
            return digests;
        }
        try (DirectoryStream<Path> algorithms = Files.newDirectoryStream(blobs, Files::isDirectory)) {
            for (Path algorithmDir : algorithms) {
                String algorithm = algorithmDir.getFileName().toString();
                if (!Digest.SHA256.equals(algorithm) && !Digest.SHA512.equals(algorithm)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(algorithmDir)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (HEX.matcher(name).matches() && Digest.isValid(algorithm + ":" + name)) {
                            digests.add(new Digest(algorithm, name));
                        }
                    }
                }
            }
        }
        digests.sort(null);
        return digests;
    }

    /**
     * Deletes ingest temp files last modified before {@code olderThan} (debris of killed writers).
     * Callers must make sure no writer that started before that instant is still running.
     *
     * @return the number of bytes freed
     */
    public long cleanIngest(Instant olderThan) throws IOException {
        long freed = 0;
        if (!Files.isDirectory(ingest)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ingest, "*" + PARTIAL)) {
            for (Path file : files) {
                try {
                    FileTime modified = Files.getLastModifiedTime(file);
                    if (modified.toInstant().isBefore(olderThan)) {
                        long size = Files.size(file);
                        if (Files.deleteIfExists(file)) {
                            freed += size;
                        }
                    }
                } catch (NoSuchFileException e) {
                    // another cleaner or its writer got there first
                }
            }
        }
        return freed;
    }
}
