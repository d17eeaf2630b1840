package dev.kiln.registry;

import dev.kiln.blob.SkipByReading;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one blob upload, read front to back once however many requests carry them.
 *
 * <p>A blob larger than the chunk size goes up as several {@code PATCH} requests. Opening the content
 * anew for each one would read (and, for a verifying source, hash) every earlier chunk again to skip
 * it: a 1 GiB blob in 256 MiB chunks was read 2.5 times. Here a request that starts where the previous
 * one stopped carries on in the same stream; only a restart (a retry from offset 0, or any other
 * offset) opens the content again.
 *
 * <p>When the last byte of the blob has been read, the stream is read once more to its end before
 * that byte is handed on: a verifying source (every image source's blob) checks the digest there,
 * so a corrupted source fails the request before the registry has the whole blob, instead of the
 * upload stopping at the blob's size without the source ever being checked.
 */
final class UploadSource implements BodySource.Opener, AutoCloseable {

    private final BodySource.Opener content;
    private final long size;
    private InputStream current;
    private long position;
    /** Which view may read: a request that gave up must not read on into its successor's bytes. */
    private long generation;

    /**
     * @param content opens the blob at an offset
     * @param size    the blob's size
     */
    UploadSource(BodySource.Opener content, long size) {
        this.content = content;
        this.size = size;
    }

    /**
     * The content from {@code offset}; the stream stays open when the returned view is closed, so the
     * next request can carry on from it.
     */
    @Override
    public synchronized InputStream open(long offset) throws IOException {
        if (current == null || offset == 0 || offset != position) {
            close();
            current = content.open(offset);
            position = offset;
        }
        return new View(++generation);
    }

    /** Closes the open stream, if any; a read-only stream's close failing loses nothing. */
    @Override
    public synchronized void close() {
        InputStream open = current;
        current = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }

    private synchronized int read(long reader, byte[] b, int off, int len) throws IOException {
        if (reader != generation || current == null) {
            throw new IOException("the upload's content was opened again for another request");
        }
        InputStream from = current;
        int n = from.read(b, off, len);
        if (n > 0) {
            position += n;
            if (position == size) {
                expectEnd(from);
            }
        }
        return n;
    }

    private void expectEnd(InputStream from) throws IOException {
        // Reading the end runs a verifying source's digest and size check.
        if (from.read() >= 0) {
            throw new IOException("blob content is longer than its " + size + " bytes");
        }
    }

    /** One request's reading of the shared stream; closing it leaves the stream open. */
    private final class View extends InputStream {
        private final long generation;

        View(long generation) {
            this.generation = generation;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return UploadSource.this.read(generation, b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            return SkipByReading.skip(this, n);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // The stream belongs to the UploadSource: the next chunk reads on from here.
        }
    }
}
