package dev.kiln.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory tree holds, entry by entry, for comparing an unpacked image with the tree it was
 * made from: type, permission bits, owner, size, content hash and symlink target of every path
 * below the root (the root itself and directory times are left out: tools set them differently).
 */
public final class FileTreeSnapshot {

    /** One path's facts, printed one per line so assertion diffs show which path differs and how. */
    public record Node(String type, String mode, int uid, int gid, long size, String sha256, String link) {
        @Override
        public String toString() {
            return type + " " + mode + " " + uid + ":" + gid + " " + size + " " + sha256 + (link.isEmpty() ? "" : " -> " + link);
        }
    }

    private FileTreeSnapshot() {
    }

    /** Every path below {@code root}, relative and sorted. */
    public static Map<String, Node> of(Path root) {
        Map<String, Node> nodes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (path.equals(root)) {
                    continue;
                }
                nodes.put(root.relativize(path).toString(), node(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nodes;
    }

    private static Node node(Path path) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        int uid = (Integer) attrs.get("uid");
        int gid = (Integer) attrs.get("gid");
        String permissions = String.format("%04o", mode & 07777);
        if (Files.isSymbolicLink(path)) {
            return new Node("symlink", "", uid, gid, 0, "", Files.readSymbolicLink(path).toString());
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Node("dir", permissions, uid, gid, 0, "", "");
        }
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return new Node("file", permissions, uid, gid, (Long) attrs.get("size"), sha256(path), "");
        }
        return new Node("other", permissions, uid, gid, 0, "", "");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
