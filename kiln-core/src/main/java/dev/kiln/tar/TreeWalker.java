package dev.kiln.tar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;

/**
 * Walks a tree depth-first in sorted order on its own thread, turning each path into a
 * {@link LayerEntry} (and reading small files ahead) for {@link DirectoryLayer}.
 */
final class TreeWalker implements Runnable {

    /** One walked path: an entry, maybe its content read ahead; or the end (entry null); or an error. */
    record Item(LayerEntry entry, Path file, byte[] content, IOException error) {
    }

    private static final int READ_AHEAD_LIMIT = 64 * 1024;
    /** Items go over in batches: one hand-over per entry costs more than a small file. */
    private static final int BATCH_ITEMS = 128;
    private static final long BATCH_BYTES = 2 * 1024 * 1024;
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,ino,dev,nlink,rdev,lastModifiedTime";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final BlockingQueue<List<Item>> queue;
    private final boolean listUserXattrs;
    private final Map<String, String> firstPathOfInode = new HashMap<>();
    private List<Item> batch = new ArrayList<>();
    private long batchBytes;
    private volatile boolean stopped;

    /**
     * @param listUserXattrs read {@code user.*} xattrs through Java (when no {@link XattrScan} covers them)
     */
    TreeWalker(Path root, BlockingQueue<List<Item>> queue, boolean listUserXattrs) {
        this.root = root;
        this.queue = queue;
        this.listUserXattrs = listUserXattrs;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            walk(root, "");
            add(new Item(null, null, null, null));
            flush();
        } catch (IOException e) {
            offer(new Item(null, null, null, e));
        } catch (RuntimeException e) {
            offer(new Item(null, null, null, new IOException(e.toString(), e)));
        } catch (InterruptedException e) {
            // the writer stopped; nothing more to do
        }
    }

    private void add(Item item) throws InterruptedException {
        batch.add(item);
        batchBytes += item.content() == null ? 0 : item.content().length;
        if (batch.size() >= BATCH_ITEMS || batchBytes >= BATCH_BYTES) {
            flush();
        }
    }

    private void flush() throws InterruptedException {
        if (!batch.isEmpty()) {
            queue.put(batch);
            batch = new ArrayList<>();
            batchBytes = 0;
        }
    }

    private void offer(Item item) {
        try {
            batch.add(item);
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void walk(Path dir, String relative) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null);
        for (String name : names) {
            if (stopped) {
                throw new InterruptedException();
            }
            Path path = dir.resolve(name);
            String rel = relative.isEmpty() ? name : relative + "/" + name;
            Item item = item(path, rel);
            if (item == null) {
                continue;
            }
            add(item);
            if (item.entry().type() == EntryType.DIRECTORY) {
                walk(path, rel);
            }
        }
    }

    private Item item(Path path, String rel) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, NOFOLLOW);
        int mode = (Integer) a.get("mode");
        EntryType type = switch (mode & 0170000) {
            case 0100000 -> EntryType.FILE;
            case 0040000 -> EntryType.DIRECTORY;
            case 0120000 -> EntryType.SYMLINK;
            case 0020000 -> EntryType.CHAR_DEVICE;
            case 0060000 -> EntryType.BLOCK_DEVICE;
            case 0010000 -> EntryType.FIFO;
            default -> null; // sockets cannot be archived
        };
        if (type == null) {
            return null;
        }
        LayerEntry.Builder b = LayerEntry.builder(rel, type)
                .mode(mode & 07777)
                .owner(((Integer) a.get("uid")) & 0xffffffffL, ((Integer) a.get("gid")) & 0xffffffffL)
                .mtime(((FileTime) a.get("lastModifiedTime")).toInstant().with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0));
        if (listUserXattrs && (type == EntryType.FILE || type == EntryType.DIRECTORY)) {
            // Only these: Java opens a file to list its xattrs, which would block on a fifo.
            b.xattrs(userXattrs(path));
        }
        Path file = null;
        byte[] content = null;
        switch (type) {
            case FILE -> {
                long size = (Long) a.get("size");
                int nlink = (Integer) a.get("nlink");
                if (nlink > 1) {
                    String key = a.get("dev") + ":" + a.get("ino");
                    String first = firstPathOfInode.putIfAbsent(key, rel);
                    if (first != null) {
                        return new Item(b.build().toBuilder().linkTarget(first).build().withType(EntryType.HARDLINK),
                                null, null, null);
                    }
                }
                b.size(size);
                List<SparseRegion> sparse = SparseScan.regions(path, size);
                if (sparse != null) {
                    b.sparse(sparse);
                }
                file = path;
                if (size <= READ_AHEAD_LIMIT && size > 0) {
                    content = Files.readAllBytes(path);
                    if (content.length != size) {
                        throw new IOException(path + " changed size while it was read");
                    }
                }
            }
            case SYMLINK -> b.linkTarget(Files.readSymbolicLink(path).toString());
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                long rdev = (Long) a.get("rdev");
                b.device((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)),
                        (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
            }
            default -> {
                // directories and fifos carry no more
            }
        }
        return new Item(b.build(), file, content, null);
    }

    private static Map<String, byte[]> userXattrs(Path path) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
        if (view == null) {
            return all;
        }
        List<String> names;
        try {
            names = view.list();
        } catch (IOException | UnsupportedOperationException e) {
            return all; // file systems without xattr support
        }
        for (String name : names) {
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            all.put("user." + name, java.util.Arrays.copyOf(value.array(), value.position()));
        }
        return all;
    }
}
