package dev.kiln.tar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Writes a whole directory tree as one layer. Entries are sorted, so the same tree always gives the
 * same bytes (with {@link LayerWriteOptions#sourceDateEpoch()} even when mtimes differ); hardlinks
 * become hardlink entries; symlinks are stored, never followed; xattrs ({@code user.*}, and
 * {@code security.*} such as file capabilities) and device nodes and fifos are kept; ownership comes
 * from the file system. Sockets are left out, as tar does. The root directory itself is not an entry.
 *
 * <p>A second thread walks the tree, reads metadata and small files ahead, while the calling thread
 * tars, hashes and hands blocks to the compressor (which uses every core). File contents are streamed,
 * never held whole.
 */
public final class DirectoryLayer {

    private static final int QUEUE_DEPTH = 8;

    private DirectoryLayer() {
    }

    public static LayerDigests write(Path root, OutputStream out, Compression compression, LayerWriteOptions options)
            throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        XattrScan xattrScan = XattrScan.start(root);
        BlockingQueue<List<TreeWalker.Item>> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
        TreeWalker walker = new TreeWalker(root, queue, !xattrScan.available());
        Thread thread = new Thread(walker, "kiln-layer-walk");
        thread.setDaemon(true);
        thread.start();
        try (LayerWriter writer = LayerWriter.open(out, compression, options)) {
            Map<String, Map<String, byte[]>> xattrs = null;
            while (true) {
                for (TreeWalker.Item item : queue.take()) {
                    if (item.error() != null) {
                        throw item.error();
                    }
                    if (item.entry() == null) {
                        return writer.finish();
                    }
                    if (xattrs == null) {
                        xattrs = xattrScan.result();
                    }
                    write(writer, withXattrs(item.entry(), xattrs), item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a layer from " + root);
        } finally {
            walker.stop();
            thread.interrupt();
        }
    }

    private static LayerEntry withXattrs(LayerEntry entry, Map<String, Map<String, byte[]>> scanned) {
        Map<String, byte[]> found = scanned.get(entry.path());
        if (found == null || entry.type() == EntryType.HARDLINK || entry.type() == EntryType.SYMLINK) {
            return entry;
        }
        Map<String, byte[]> all = new java.util.TreeMap<>(entry.xattrs());
        all.putAll(found);
        return entry.toBuilder().xattrs(all).build();
    }

    private static void write(LayerWriter writer, LayerEntry entry, TreeWalker.Item item) throws IOException {
        if (entry.type() != EntryType.FILE || entry.size() == 0) {
            writer.add(entry);
        } else if (item.content() != null) {
            writer.add(entry, new java.io.ByteArrayInputStream(item.content()));
        } else {
            try (InputStream in = Files.newInputStream(item.file())) {
                writer.add(entry, in);
            }
        }
    }
}
