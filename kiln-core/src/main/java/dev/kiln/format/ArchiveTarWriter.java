package dev.kiln.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes the tar container of an image archive (not a layer): regular files and directories with
 * fixed owner, mode and time. A file can be streamed before its size (or even its name) is known: the
 * writer leaves room for the header, writes the content, then goes back and writes the header. So a
 * layer is decompressed straight into the archive, never spooled, and can be named by the digest that
 * writing it produced. Entries are written one at a time.
 */
public final class ArchiveTarWriter implements Closeable {

    private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;
    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name());

    private final FileChannel channel;
    private final Date mtime;
    private boolean entryOpen;
    private boolean finished;

    /** Creates the archive file (which must not exist). */
    public ArchiveTarWriter(Path file, Instant mtime) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        this.mtime = Date.from(mtime);
    }

    /** A file whose content is written through {@link FileEntry#stream()} and named at {@link FileEntry#finish}. */
    public FileEntry begin() throws IOException {
        if (entryOpen) {
            throw new IllegalStateException("one entry at a time");
        }
        entryOpen = true;
        long headerAt = channel.position();
        channel.position(headerAt + BLOCK);
        return new FileEntry(headerAt);
    }

    /** A small file in one call. */
    public void addFile(String name, byte[] content) throws IOException {
        FileEntry entry = begin();
        entry.stream().write(content);
        entry.finish(name);
    }

    public void addDirectory(String name) throws IOException {
        if (entryOpen) {
            throw new IllegalStateException("one entry at a time");
        }
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        entry.setModTime(mtime);
        writeFully(header(entry), channel.position());
        channel.position(channel.position() + BLOCK);
    }

    /** Writes the end-of-archive blocks and forces the file to disk. */
    public void finish() throws IOException {
        if (entryOpen) {
            throw new IllegalStateException("an entry is still open");
        }
        if (!finished) {
            finished = true;
            ByteBuffer zeros = ByteBuffer.allocate(BLOCK * 2);
            while (zeros.hasRemaining()) {
                channel.write(zeros);
            }
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private byte[] header(TarArchiveEntry entry) throws IOException {
        if (entry.getName().getBytes(StandardCharsets.UTF_8).length > TarConstants.NAMELEN) {
            throw new IllegalArgumentException("archive entry name longer than 100 bytes: " + entry.getName());
        }
        entry.setUserId(0);
        entry.setGroupId(0);
        byte[] header = new byte[BLOCK];
        // star mode writes sizes over 8 GiB in base-256, which every current reader understands
        entry.writeEntryHeader(header, UTF8, true);
        return header;
    }

    private void writeFully(byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** One file being written. */
    public final class FileEntry {
        private final long headerAt;
        private long size;
        private final OutputStream stream = new OutputStream() {
            private final byte[] one = new byte[1];

            @Override
            public void write(int b) throws IOException {
                one[0] = (byte) b;
                write(one, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    size += channel.write(buffer);
                }
            }

            @Override
            public void close() {
                // the entry ends at finish()
            }
        };

        private FileEntry(long headerAt) {
            this.headerAt = headerAt;
        }

        /** Where the content goes; unbuffered, so wrap it for small writes. */
        public OutputStream stream() {
            return stream;
        }

        public long size() {
            return size;
        }

        /** Names the file, writes its header and pads the content to the block size. */
        public void finish(String name) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setMode(0644);
            entry.setModTime(mtime);
            writeFully(header(entry), headerAt);
            long end = headerAt + BLOCK + size;
            long padded = (end + BLOCK - 1) / BLOCK * BLOCK;
            if (padded > end) {
                writeFully(new byte[(int) (padded - end)], end);
            }
            channel.position(padded);
            entryOpen = false;
        }
    }
}
