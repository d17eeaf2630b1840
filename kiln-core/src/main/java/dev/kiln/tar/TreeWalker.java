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
    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,ino,dev,nlink,rdev,lastModifiedTime";
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final BlockingQueue<Item> queue;
    private final Map<String, String> firstPathOfInode = new HashMap<>();
    private Map<String, Map<String, byte[]>> securityXattrs = Map.of();
    private volatile boolean stopped;

    TreeWalker(Path root, BlockingQueue<Item> queue) {
        this.root = root;
        this.queue = queue;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            CapabilityScan capabilities = CapabilityScan.start(root);
            securityXattrs = capabilities.result();
            walk(root, "");
            queue.put(new Item(null, null, null, null));
        } catch (IOException e) {
            offer(new Item(null, null, null, e));
        } catch (RuntimeException e) {
            offer(new Item(null, null, null, new IOException(e.toString(), e)));
        } catch (InterruptedException e) {
            // the writer stopped; nothing more to do
        }
    }

    private void offer(Item item) {
        try {
            queue.put(item);
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
            queue.put(item);
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
        if (type == EntryType.FILE || type == EntryType.DIRECTORY) {
            // Only these: Java opens a file to list its xattrs, which would block on a fifo.
            b.xattrs(xattrs(path, rel));
        } else if (securityXattrs.containsKey(rel)) {
            b.xattrs(securityXattrs.get(rel));
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

    private Map<String, byte[]> xattrs(Path path, String rel) throws IOException {
        Map<String, byte[]> all = new TreeMap<>();
        Map<String, byte[]> security = securityXattrs.get(rel);
        if (security != null) {
            all.putAll(security);
        }
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
