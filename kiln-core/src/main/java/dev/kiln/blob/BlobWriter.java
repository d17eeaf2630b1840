package dev.kiln.blob;

import dev.kiln.oci.Digest;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes one blob into a {@link BlobStore}: content goes to a temp file in the store's ingest
 * directory, hashed and counted on the way; {@link #commit} checks it against what was expected,
 * forces it to disk and renames it atomically to {@code blobs/<alg>/<hex>}. Closing without
 * committing deletes the temp file, so a failed or abandoned write leaves nothing behind (and a
 * killed process leaves only a temp file that {@link BlobStore#cleanIngest} removes).
 */
public final class BlobWriter implements Closeable {

    private final BlobStore store;
    private final Path temp;
    private final FileChannel channel;
    private final DigestingOutputStream stream;
    private final Counting counting;
    private boolean finished;
    private BlobInfo committed;

    BlobWriter(BlobStore store, Path temp) throws IOException {
        this(store, temp, true);
    }

    /**
     * @param hashing false when the caller's content already proves its digest (a
     *                {@link VerifyingInputStream} read to its end), so it is not hashed twice
     */
    BlobWriter(BlobStore store, Path temp, boolean hashing) throws IOException {
        this.store = store;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream raw = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.stream = hashing ? new DigestingOutputStream(new NonClosingOutputStream(raw)) : null;
        this.counting = hashing ? null : new Counting(new NonClosingOutputStream(raw));
    }

    /** Where to write the content. Closing it does not commit. */
    public OutputStream stream() {
        return stream != null ? stream : counting;
    }

    /** Bytes written so far. */
    public long size() {
        return stream != null ? stream.size() : counting.size;
    }

    /** Commits without an expected digest: whatever was written is stored under its own digest. */
    public BlobInfo commit() throws IOException, BlobDigestMismatchException {
        return commit(null, -1);
    }

    /**
     * Checks the content, then moves it into place, replacing any copy already there (which may be
     * damaged; a good one has the same bytes).
     *
     * @param expected     the digest the content must have, or null
     * @param expectedSize the size it must have, or -1
     */
    public BlobInfo commit(Digest expected, long expectedSize) throws IOException, BlobDigestMismatchException {
        if (committed != null) {
            return committed;
        }
        finish();
        if (stream == null && expected == null) {
            throw new IllegalStateException("a writer that does not hash needs the expected digest");
        }
        // Without hashing the caller vouches for the digest: its verifying stream checked it at the end.
        Digest actual = stream != null ? stream.digest() : expected;
        long size = size();
        if (expected != null && !expected.equals(actual)) {
            close();
            throw new BlobDigestMismatchException(expected, "blob " + expected + " does not match its content: "
                    + "the " + size + " bytes written hash to " + actual);
        }
        if (expectedSize >= 0 && expectedSize != size) {
            close();
            Digest named = expected != null ? expected : actual;
            throw new BlobDigestMismatchException(named, "blob " + named + " has " + size
                    + " bytes, expected " + expectedSize);
        }
        Path target = store.path(actual);
        Files.createDirectories(target.getParent());
        // Always renamed over the target, even if one exists: the temp file is verified, the existing
        // copy may be truncated or corrupt (a crash, a bad disk), and content-addressed blobs with one
        // digest are interchangeable, so replacing a good copy changes nothing a reader could see
        // (open readers keep the old inode).
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("cannot rename " + temp + " atomically to " + target
                    + ": the ingest directory must be on the same filesystem as the blobs", e);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        committed = new BlobInfo(actual, size);
        return committed;
    }

    private void finish() throws IOException {
        if (!finished) {
            finished = true;
            stream().flush();
            channel.force(true);
            channel.close();
        }
    }

    /** Discards the content unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        } else if (committed == null) {
            Files.deleteIfExists(temp);
        }
    }

    /** Counts what passes, for writers that do not hash. */
    private static final class Counting extends java.io.FilterOutputStream {
        private long size;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            size += len;
        }
    }
}
