package dev.kiln.build.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A comparable picture of a tree for tests: path to type, mode, owner, size, content hash, link, mtime. */
final class TreeSnapshot {

    private TreeSnapshot() {
    }

    static Map<String, String> of(Path root, List<String> ignore) throws IOException {
        Map<String, String> picture = new TreeMap<>();
        // without getfattr, Xattrs reads user.* only: the comparison would miss security.* and trusted.*
        dev.kiln.testing.Tools.require("getfattr");
        Xattrs xattrs = Xattrs.readTree(root);
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                String relative = root.relativize(path).toString();
                if (relative.isEmpty() || ignore.stream().anyMatch(i -> relative.equals(i) || relative.startsWith(i + "/"))) {
                    continue;
                }
                HostEntries.Stat stat = HostEntries.stat(path);
                String content = "";
                if (Files.isSymbolicLink(path)) {
                    content = "-> " + Files.readSymbolicLink(path);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    content = sha256(path);
                }
                String mtime = stat.type() == dev.kiln.tar.EntryType.DIRECTORY ? "" : " " + stat.mtime().getEpochSecond();
                picture.put(relative, stat.type() + " " + Integer.toOctalString(stat.mode()) + " " + stat.uid() + ":" + stat.gid()
                        + " " + stat.size() + " " + content + mtime + " x" + xattrs.of(path).keySet());
            }
        }
        return picture;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
