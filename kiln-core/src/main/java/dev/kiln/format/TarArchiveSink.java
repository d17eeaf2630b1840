package dev.kiln.format;

import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.blob.DigestingOutputStream;
import dev.kiln.blob.VerifyingInputStream;
import dev.kiln.image.ImageSink;
import dev.kiln.image.SinkTraits;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an image archive: blobs become files of a temp archive next to the target as they arrive,
 * one at a time; {@link #commit} adds the format's index files and renames the archive into place, so
 * the target is either the old file or the complete new one. Closing without commit deletes the temp.
 */
public abstract class TarArchiveSink implements ImageSink {

    private final Path target;
    private final Path temp;
    private final ArchiveTarWriter writer;
    private final String description;
    /** Blobs written so far and their file names. */
    private final Map<Digest, String> written = new LinkedHashMap<>();
    private final Map<Digest, byte[]> manifests = new HashMap<>();
    private boolean committed;

    protected TarArchiveSink(Path target, String description) throws IOException {
        this.target = target.toAbsolutePath();
        this.description = description;
        if (Files.isDirectory(this.target)) { // refuse now, not at the rename after all the work
            throw new java.nio.file.FileSystemException(target.toString(), null, "is a directory; name the archive file to write");
        }
        Path parent = this.target.getParent();
        Files.createDirectories(parent);
        this.temp = parent.resolve("." + this.target.getFileName() + "." + UUID.randomUUID() + ".partial");
        this.writer = new ArchiveTarWriter(temp, Instant.EPOCH);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public SinkTraits traits() {
        return new SinkTraits(false, java.util.Optional.empty(), java.util.Optional.empty(), false);
    }

    /** The archive file name for a blob of this media type and digest. */
    protected abstract String fileName(String mediaType, Digest digest);

    /** Writes the format's own files (index.json, manifest.json, ...) for the committed root. */
    protected abstract void writeIndexFiles(ArchiveTarWriter archive, Descriptor root) throws IOException, KilnException;

    /** Whether manifests become archive files (the classic docker form has none). */
    protected boolean storesManifests() {
        return true;
    }

    /** A manifest written to this sink, by digest. */
    protected byte[] manifest(Digest digest) {
        return manifests.get(digest);
    }

    /** The file a written blob went to. */
    protected String fileOf(Digest digest) {
        return written.get(digest);
    }

    @Override
    public synchronized boolean has(Descriptor descriptor) {
        return written.containsKey(descriptor.digest());
    }

    @Override
    public synchronized void write(Descriptor descriptor, InputStream content) throws IOException, KilnException {
        if (written.containsKey(descriptor.digest())) {
            return;
        }
        ArchiveTarWriter.FileEntry entry = writer.begin();
        boolean checked = content instanceof VerifyingInputStream v && v.expected().equals(descriptor.digest())
                && v.expectedSize() == descriptor.size();
        try (InputStream verified = checked ? content
                : new VerifyingInputStream(content, descriptor.digest(), descriptor.size(), description)) {
            OutputStream out = new BufferedOutputStream(entry.stream(), 1 << 16);
            verified.transferTo(out);
            out.flush();
        }
        String name = fileName(descriptor.mediaType(), descriptor.digest());
        entry.finish(name);
        written.put(descriptor.digest(), name);
    }

    @Override
    public synchronized Descriptor write(Blob blob) throws IOException, KilnException {
        ArchiveTarWriter.FileEntry entry = writer.begin();
        DigestingOutputStream digesting = new DigestingOutputStream(new BufferedOutputStream(entry.stream(), 1 << 16));
        blob.writeTo(digesting);
        digesting.flush();
        Digest digest = digesting.digest();
        String name = fileName(blob.mediaType(), digest);
        // A blob already in the archive is written again under the same name; readers take the last.
        entry.finish(name);
        written.put(digest, name);
        return new Descriptor(blob.mediaType(), digest, digesting.size());
    }

    @Override
    public synchronized void writeManifest(Descriptor descriptor, byte[] content) throws IOException, KilnException {
        manifests.put(descriptor.digest(), content.clone());
        if (storesManifests()) {
            write(descriptor, new java.io.ByteArrayInputStream(content));
        }
    }

    @Override
    public synchronized void commit(Descriptor root) throws IOException, KilnException {
        writeIndexFiles(writer, root);
        writer.finish();
        writer.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
        if (!committed) {
            Files.deleteIfExists(temp);
        }
    }
}
