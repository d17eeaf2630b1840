package dev.kiln.format;

import dev.kiln.oci.ImageFormatException;
import dev.kiln.tar.Compression;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Random access to the files of an image archive (docker save, OCI layout tar). A tar can only be
 * read front to back, so one pass over the headers (seeking past contents) records where each file's
 * bytes are; afterwards any file opens at once, from several threads at once (positional reads), and
 * nothing is loaded into memory. Archives compressed as a whole (gzip, zstd) are first decompressed
 * into a temp file, which {@link #close} deletes.
 */
public final class TarArchiveIndex implements Closeable {

    /** A regular file in the archive: where its content starts and how long it is. */
    public record Entry(String name, long offset, long size) {
    }

    private static final int MAX_LINK_DEPTH = 16;

    private final Path file;
    private final Path temp;
    private final FileChannel channel;
    private final Map<String, TarArchiveEntry> entries;

    private TarArchiveIndex(Path file, Path temp, FileChannel channel, Map<String, TarArchiveEntry> entries) {
        this.file = file;
        this.temp = temp;
        this.channel = channel;
        this.entries = entries;
    }

    /**
     * Indexes an archive.
     *
     * @param tempDir where to decompress an archive that is gzip or zstd as a whole
     */
    public static TarArchiveIndex open(Path file, Path tempDir) throws IOException, ImageFormatException {
        if (Files.isDirectory(file)) { // reading one fails with a bare "Is a directory"
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not an archive");
        }
        Compression compression;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            compression = Compression.detect(in);
        }
        Path temp = null;
        FileChannel channel;
        if (compression == Compression.NONE) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } else {
            // Decompress into a temp file and keep the one channel to it: if a cleaner deletes the
            // path meanwhile (gc treats temp files as debris), the open file lives on until closed.
            Files.createDirectories(tempDir);
            temp = Files.createTempFile(tempDir, "archive-", ".tar.partial");
            channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try (InputStream in = compression.decompress(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
                in.transferTo(out);
                out.flush();
            } catch (IOException e) {
                channel.close();
                Files.deleteIfExists(temp);
                throw new ImageFormatException(file + ": cannot decompress " + compression + " archive: " + e.getMessage(), e);
            }
        }
        try {
            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            try {
                channel.position(0);
                // Not closed: closing it would close the shared channel; it holds nothing else.
                TarFile tarFile = new TarFile(new UnclosableChannel(channel));
                for (TarArchiveEntry entry : tarFile.getEntries()) {
                    entries.put(normalise(entry.getName()), entry);
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new ImageFormatException(file + ": not a tar archive (" + e.getMessage() + ")", e);
            }
            if (entries.isEmpty()) {
                throw new ImageFormatException(file + ": not a tar archive, or an empty one");
            }
            return new TarArchiveIndex(file, temp, channel, Collections.unmodifiableMap(entries));
        } catch (ImageFormatException | RuntimeException e) {
            channel.close();
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
    }

    /** Lets commons-compress read the shared channel without closing it. */
    private static final class UnclosableChannel implements java.nio.channels.SeekableByteChannel {
        private final FileChannel channel;

        UnclosableChannel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public int write(java.nio.ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return channel.position();
        }

        @Override
        public java.nio.channels.SeekableByteChannel position(long newPosition) throws IOException {
            channel.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public java.nio.channels.SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the index closes the channel
        }
    }

    /** {@code ./a//b/} becomes {@code a/b}. */
    static String normalise(String name) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        n = n.replaceAll("/+", "/");
        if (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /** The archive as named by the user (not the decompressed temp file). */
    public Path file() {
        return file;
    }

    /** Names of every entry, in archive order. */
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    public boolean contains(String name) {
        return entries.containsKey(normalise(name));
    }

    /**
     * The regular file with this name, following symbolic and hard links inside the archive (docker
     * save links duplicate layers). Links that leave the archive or loop resolve to nothing.
     */
    public Optional<Entry> entry(String name) {
        String current = normalise(name);
        for (int depth = 0; depth < MAX_LINK_DEPTH; depth++) {
            TarArchiveEntry entry = entries.get(current);
            if (entry == null) {
                return Optional.empty();
            }
            if (entry.isSymbolicLink()) {
                current = resolveSymlink(current, entry.getLinkName());
                if (current == null) {
                    return Optional.empty();
                }
            } else if (entry.isLink()) {
                current = normalise(entry.getLinkName());
            } else if (entry.isFile()) {
                return Optional.of(new Entry(current, entry.getDataOffset(), entry.getSize()));
            } else {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String resolveSymlink(String from, String target) {
        if (target.startsWith("/")) {
            return null;
        }
        List<String> parts = new ArrayList<>(List.of(from.split("/")));
        parts.remove(parts.size() - 1);
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** Opens a file's content; safe to call from several threads, streams are independent. */
    public InputStream open(Entry entry) {
        return new BufferedInputStream(new RangeInputStream(channel, entry.offset(), entry.size()), 1 << 16);
    }

    /** Reads a small file whole, refusing files over {@code limit} bytes. */
    public byte[] read(Entry entry, int limit) throws IOException, ImageFormatException {
        if (entry.size() > limit) {
            throw new ImageFormatException(file + ": " + entry.name() + " is " + entry.size()
                    + " bytes, more than the " + limit + " expected");
        }
        try (InputStream in = open(entry)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** A window of a file channel read with positional reads, so several can share one channel. */
    private static final class RangeInputStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeInputStream(FileChannel channel, long offset, long size) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int wanted = (int) Math.min(len, end - position);
            int n = channel.read(ByteBuffer.wrap(b, off, wanted), position);
            if (n < 0) {
                throw new java.io.EOFException("archive ends inside an entry");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
