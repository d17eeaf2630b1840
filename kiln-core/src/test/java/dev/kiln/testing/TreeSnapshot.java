package dev.kiln.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A directory tree as one line per path: type, mode (with setuid/setgid/sticky), owner, size, content
 * hash, symlink target, xattrs (via getfattr) and hardlink groups, so two unpacked images compare with
 * one {@code assertThat(a).isEqualTo(b)}. Modification times are left out on purpose.
 */
public final class TreeSnapshot {

    private TreeSnapshot() {
    }

    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, String> firstByInode = new HashMap<>();
        Map<String, String> xattrs = xattrs(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    describe(dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                describe(file);
                return FileVisitResult.CONTINUE;
            }

            private void describe(Path p) throws IOException {
                String rel = root.relativize(p).toString();
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,ino,nlink,isDirectory,isSymbolicLink,isRegularFile",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                StringBuilder b = new StringBuilder();
                char type = (Boolean) a.get("isDirectory") ? 'd' : (Boolean) a.get("isSymbolicLink") ? 'l'
                        : (Boolean) a.get("isRegularFile") ? '-' : '?';
                b.append(type).append(Integer.toOctalString(mode & 07777)).append(' ').append(a.get("uid")).append(':')
                        .append(a.get("gid"));
                if (type == '-') {
                    b.append(" size=").append(a.get("size")).append(' ').append(sha256(p));
                    if ((Integer) a.get("nlink") > 1) {
                        String first = firstByInode.putIfAbsent(a.get("ino"), rel);
                        if (first != null) {
                            b.append(" linked-to ").append(first);
                        }
                    }
                } else if (type == 'l') {
                    b.append(" -> ").append(Files.readSymbolicLink(p));
                }
                String x = xattrs.get(p.toAbsolutePath().toString());
                if (x != null) {
                    b.append(' ').append(x);
                }
                out.put(rel, b.toString());
            }
        });
        return out;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every xattr of the tree, per absolute path, from one getfattr run (a missing getfattr skips or fails the test). */
    private static Map<String, String> xattrs(Path root) {
        Map<String, String> out = new HashMap<>();
        ExternalCommand.Result r = ExternalCommand.run(null, List.of(Tools.require("getfattr").toString(), "-R", "-h", "-d", "-m", "-",
                "-e", "hex", "--absolute-names", root.toAbsolutePath().toString()));
        String current = null;
        for (String line : new String(r.stdout(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("# file: ")) {
                current = line.substring("# file: ".length());
            } else if (current != null && line.contains("=")) {
                out.merge(current, line.trim(), (x, y) -> x + " " + y);
            }
        }
        return out;
    }
}
